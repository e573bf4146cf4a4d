import { ERROR_CODES, type ErrorCode, keepsSpecifics, PROBLEM_TITLES_ZH } from '@tessera/metadata';
import { describe, expect, it } from 'vitest';
import type { ProblemBody } from '../http/problem-response.ts';
import { localizeProblem } from './localize-problem.ts';
import { PROBLEM_DETAILS_ZH } from './problem-titles-zh.ts';

const HAN = /[\u3400-\u9fff]/;
const problem = (code: ErrorCode, errors: ProblemBody['errors'] = []): ProblemBody => ({
  type: `urn:tessera:problem:${code}`,
  title: ERROR_CODES[code].title,
  status: ERROR_CODES[code].status,
  code,
  detail: 'English detail.',
  instance: '/api/v1/x',
  requestId: 'r1',
  errors,
});

describe('localizeProblem', () => {
  it('translates every code of the registry for a Chinese request, keeping the specifics where names matter', () => {
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
      const body = problem(code, [{ path: '/name', code, message: 'english message' }]);
      const zh = localizeProblem(body, 'zh-CN,zh;q=0.9');
      const title = PROBLEM_TITLES_ZH[code];
      expect(title, code).toMatch(HAN);
      expect(zh.title).toBe(title);
      expect(zh.detail).toBe(PROBLEM_DETAILS_ZH[code] ?? title);
      expect(zh.errors).toEqual([{ path: '/name', code, message: keepsSpecifics(code) ? `${title}：english message` : title }]);
      expect({ ...zh, title: body.title, detail: body.detail, errors: body.errors }).toEqual(body);
    }
  });

  it('keeps English without a header, for English first, and for other languages', () => {
    const body = problem('TSR402', [{ path: '/name', code: 'TSR402', message: 'is required' }]);
    for (const header of [undefined, '', 'en', 'en-US,zh;q=0.8', 'fr-FR', 'zh;q=0']) expect(localizeProblem(body, header), String(header)).toBe(body);
  });

  it('keeps text already written in Chinese (an admin’s zh rule message, a zh detail)', () => {
    const body = { ...problem('TSR500', [{ path: '/amount', code: 'TSR500', message: '赢单必须填写金额' }]), detail: 'deal 记录未通过 1 条校验规则，未保存。' };
    const zh = localizeProblem(body, 'zh-CN');
    expect(zh.detail).toBe(body.detail);
    expect(zh.errors[0]?.message).toBe('赢单必须填写金额');
  });

  it('translates a password length message whole, keeping its number, and prefixes other security messages with the title', () => {
    const body = problem('TSR308', [
      { path: '/password', code: 'TSR308', message: 'must be at least 12 characters long' },
      { path: '/name', code: 'TSR308', message: "a role named 'sales_rep' exists" },
    ]);
    const zh = localizeProblem(body, 'zh-CN');
    expect(zh.title).toBe('安全设置无效');
    expect(zh.errors.map((error) => error.message)).toEqual(['至少需要 12 个字符', "安全设置无效：a role named 'sales_rep' exists"]);
  });

  it('has a Chinese title for every code it has a Chinese detail for, all in Chinese', () => {
    for (const [code, detail] of Object.entries(PROBLEM_DETAILS_ZH)) {
      expect(PROBLEM_TITLES_ZH[code as ErrorCode], code).toBeDefined();
      expect(detail).toMatch(HAN);
    }
    for (const [code, title] of Object.entries(PROBLEM_TITLES_ZH)) {
      expect(ERROR_CODES[code as ErrorCode], code).toBeDefined();
      expect(title).toMatch(HAN);
    }
    expect(Object.keys(PROBLEM_TITLES_ZH).sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });
});
