// A new password → the problem with it (length, or too common), or undefined. Length alone lets
// "password123" through; attackers try the most used passwords first, so those are refused too.
// The list is data (data/common-passwords.txt, where it came from is said there), loaded once.
import { readFileSync } from 'node:fs';
import type { ProblemDetail } from '@tessera/metadata';
import { passwordProblem } from './passwords.ts';

let common: ReadonlySet<string> | undefined;
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    readFileSync(new URL('./data/common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return common;
}

const SEQUENCES = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

export function isCommonPassword(password: string): boolean {
  const normal = password.normalize('NFKC').toLowerCase();
  const list = commonPasswords();
  // password123!, !password, 2024iloveyou: the word inside the digits and symbols decides.
  const core = normal.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  if (list.has(normal) || (core.length >= 3 && list.has(core))) return true;
  if (/^(.)\1*$/u.test(normal)) return true;
  // A run along the digits, the alphabet or a keyboard row, either way (1234567890, 0987654321).
  return SEQUENCES.some((run) => run.includes(normal) || [...run].reverse().join('').includes(normal) || (core.length >= 3 && run.includes(core)));
}

export function passwordIssue(password: unknown, path = '/password'): ProblemDetail | undefined {
  const text = passwordProblem(password);
  if (text) return { path, code: 'TSR308', message: text };
  if (isCommonPassword(password as string))
    return { path, code: 'TSR315', message: 'is too common: it is among the most used passwords; choose a longer phrase of your own' };
  return undefined;
}
