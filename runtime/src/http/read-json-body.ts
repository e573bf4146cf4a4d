// Request body → parsed JSON, or a problem: 415 for a non-JSON content type, 400 for bad JSON.
import type { Context } from 'hono';
import { ApiError } from './api-error.ts';
import type { AppEnv } from './app-env.ts';
import { readBodyText } from './request-body.ts';

export async function readJsonBody(c: Context<AppEnv>): Promise<unknown> {
  const type = c.req.header('content-type');
  if (type && !/^application\/([a-z0-9.+-]*\+)?json\b/i.test(type)) {
    throw new ApiError('TSR109', `Send the body as application/json, not ${type.split(';')[0]}.`);
  }
  const text = await readBodyText(c);
  if (text.trim() === '') throw new ApiError('TSR101', 'The request body is empty; send a JSON document.');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiError('TSR101', `The request body is not valid JSON: ${(error as Error).message}`);
  }
}
