// Any JSON value → a TSR120 problem at the pointer of every string (or object key) PostgreSQL could
// not store as sent: a NUL character (text and jsonb refuse it) or a lone UTF-16 surrogate (the
// driver's UTF-8 encoding turns it into U+FFFD, silently changing the data). JSON escapes
// (`\u0000`, `\ud800`) are the only way either reaches a parsed body.
import { type ProblemDetail, problem } from '../error-codes.ts';
import { joinPointer } from '../validate/json-pointer.ts';

// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is this pattern's job
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The regular expression's question, asked faster: every text of every written record passes here.
 * isWellFormed is false exactly for a lone surrogate.
 */
const holdsUnstorable = (text: string): boolean => text.includes('\u0000') || !(text as string & { isWellFormed(): boolean }).isWellFormed();

/** Why the text cannot be stored, or undefined when it can. */
export function unstorableText(text: string): string | undefined {
  const found = UNSTORABLE.exec(text);
  if (!found) return undefined;
  if (found[0] === '\u0000') return `holds a NUL character (\\u0000) at index ${found.index}, which cannot be stored`;
  const unit = found[0].charCodeAt(0).toString(16);
  return `holds a lone UTF-16 surrogate (\\u${unit}) at index ${found.index}: not well-formed Unicode text`;
}

/** Every unstorable string or key in `value`, depth first, with its JSON pointer below `base`. */
export function unstorableTextProblems(value: unknown, base = ''): ProblemDetail[] {
  // Every record body is checked and almost none holds such a text: look first without building a
  // pointer per value, and walk again with pointers only when something is found.
  if (!holdsUnstorableText(value)) return [];
  const problems: ProblemDetail[] = [];
  // An explicit stack, not recursion: a body nested thousands of levels deep must not overflow it.
  const stack: Array<{ value: unknown; path: string; key?: string }> = [{ value, path: base }];
  while (stack.length > 0) {
    const { value: current, path, key } = stack.pop() as { value: unknown; path: string; key?: string };
    // A key is reported where its value is, in document order.
    const keyWhy = key === undefined ? undefined : unstorableText(key);
    if (keyWhy) problems.push(problem(path, 'TSR120', `the property name ${keyWhy}`));
    if (typeof current === 'string') {
      const why = unstorableText(current);
      if (why) problems.push(problem(path, 'TSR120', `the text ${why}`));
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) stack.push({ value: current[index], path: joinPointer(path, index) });
    } else if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current);
      for (let index = entries.length - 1; index >= 0; index--) {
        const [name, inner] = entries[index] as [string, unknown];
        stack.push({ value: inner, path: joinPointer(path, name), key: name });
      }
    }
  }
  return problems;
}

/** Whether any string or key in `value` is unstorable (the same walk as above, without pointers). */
function holdsUnstorableText(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current === 'string') {
      if (holdsUnstorable(current)) return true;
    } else if (Array.isArray(current)) {
      for (const item of current) stack.push(item);
    } else if (current !== null && typeof current === 'object') {
      for (const key in current) {
        if (!Object.hasOwn(current, key)) continue;
        if (holdsUnstorable(key)) return true;
        stack.push((current as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}
