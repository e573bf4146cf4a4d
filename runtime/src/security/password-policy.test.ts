import { describe, expect, it } from 'vitest';
import { isCommonPassword, passwordIssue } from './password-policy.ts';

describe('password policy', () => {
  it('refuses listed passwords, with digits or symbols around them, repeats and keyboard runs', () => {
    for (const password of ['password', 'Password123!', '2024iloveyou', 'qwertyuiop', '0987654321', 'abcdefghij', 'zzzzzzzzzzzz', 'Welcome2025']) {
      expect(isCommonPassword(password), password).toBe(true);
    }
  });

  it("accepts passphrases of the user's own", () => {
    for (const password of ['correct horse battery', 'violet tractor umbrella', 'long enough password', 'Tr4vel-by-n1ght']) {
      expect(isCommonPassword(password), password).toBe(false);
    }
  });

  it('names the problem and its code: length first (TSR308), then commonness (TSR315)', () => {
    expect(passwordIssue('short')).toEqual({ path: '/password', code: 'TSR308', message: 'must be at least 10 characters long' });
    expect(passwordIssue('password1234')).toMatchObject({ path: '/password', code: 'TSR315' });
    expect(passwordIssue('violet tractor umbrella')).toBeUndefined();
  });
});
