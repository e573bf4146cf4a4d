// Request body → parsed JSON, or a problem: 415 for a non-JSON content type, 400 for bad JSON or
// text that cannot be stored as sent (TSR120: NUL, lone surrogates; each path named).
import { unstorableTextProblems } from '@tessera/metadata';
import type { Context } from 'hono';
import { ApiError } from '../core/api-error.ts';
import type { AppEnv } from './app-env.ts';
import { readBodyText } from './request-body.ts';

/**
 * `unstorableText: 'caller'` leaves NUL and lone surrogates to a later check that reports them with
 * the body's other problems (the record validator does); by default they are refused here.
 */
export async function readJsonBody(c: Context<AppEnv>, options: { unstorableText?: 'refuse' | 'caller' } = {}): Promise<unknown> {
  const type = c.req.header('content-type');
  if (type && !/^application\/([a-z0-9.+-]*\+)?json\b/i.test(type)) {
    throw new ApiError('TSR109', `Send the body as application/json, not ${type.split(';')[0]}.`);
  }
  const text = await readBodyText(c);
  if (text.trim() === '') throw new ApiError('TSR101', 'The request body is empty; send a JSON document.');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new ApiError('TSR101', `The request body is not valid JSON: ${(error as Error).message}`);
  }
  // The text was decoded strictly, so only a `\u` escape can put a NUL or a lone surrogate into
  // the parsed value: bodies without one skip the walk.
  if (options.unstorableText !== 'caller' && text.includes('\\u')) {
    const problems = unstorableTextProblems(body);
    if (problems.length > 0) {
      throw new ApiError('TSR120', 'Some text in the body cannot be stored as sent (a NUL character or a lone UTF-16 surrogate); nothing was saved.', problems);
    }
  }
  return body;
}
