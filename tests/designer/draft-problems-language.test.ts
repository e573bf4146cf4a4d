// Setup checks a draft with the metamodel in the browser before the server sees it. A Chinese admin
// must read those problems in Chinese, in the same words the server uses for a zh request: the
// code's Chinese title, followed by the English specifics (api names) where the code carries them.
// Generated over drafts that break the metamodel in different ways, so each code met is checked.
import { ERROR_CODES, type ErrorCode, keepsSpecifics, type MetadataSnapshot, PROBLEM_TITLES_ZH, validateDocument } from '@tessera/metadata';
import { describe, expect, it } from 'vitest';
import { validateDraft } from '../../designer/src/setup/problems.ts';

const HAN = /[\u3400-\u9fff]/;
const base = { apiName: 'deal', labels: { en: 'Deal', zh: '交易' }, fields: [{ apiName: 'name', type: 'text', labels: { en: 'Name' } }] };
const drafts: Record<string, unknown> = {
  'duplicate field': { ...base, fields: [...base.fields, { apiName: 'name', type: 'text', labels: { en: 'Again' } }] },
  'reserved name': { ...base, fields: [...base.fields, { apiName: 'id', type: 'text', labels: { en: 'Id' } }] },
  'unknown lookup target': { ...base, fields: [...base.fields, { apiName: 'acct', type: 'lookup', target: 'nowhere', labels: { en: 'Account' } }] },
  'schema violation': { ...base, fields: [{ apiName: 'name', type: 'text' }] },
  'formula on a missing field': {
    ...base,
    fields: [...base.fields, { apiName: 'f', type: 'formula', returns: 'number', expression: { '+': [{ var: 'ghost' }, 1] }, labels: { en: 'F' } }],
  },
  'unknown name field': { ...base, nameField: 'ghost' },
};

describe('Setup draft problems in the admin language', () => {
  for (const [what, draft] of Object.entries(drafts)) {
    it(`${what}: English as the metamodel says it, Chinese with the code's title`, () => {
      const result = validateDocument(draft, { objects: [] } as unknown as MetadataSnapshot);
      expect(result.ok, what).toBe(false);
      if (result.ok) return;
      const en = validateDraft(draft, [], 'en');
      const zh = validateDraft(draft, [], 'zh');
      expect(en).toEqual(result.errors.map(({ path, message }) => ({ path, message })));
      expect(zh.map((problem) => problem.path)).toEqual(en.map((problem) => problem.path));
      result.errors.forEach((error, index) => {
        const title = PROBLEM_TITLES_ZH[error.code as ErrorCode];
        const message = zh[index]?.message ?? '';
        expect(message, `${error.code} ${error.message}`).toMatch(HAN);
        expect(message.startsWith(title) || HAN.test(error.message), message).toBe(true);
        if (keepsSpecifics(error.code) && !HAN.test(error.message)) expect(message).toContain(error.message);
      });
    });
  }

  it('has a Chinese title for every code of the registry, each code once', () => {
    expect(Object.keys(PROBLEM_TITLES_ZH).sort()).toEqual(Object.keys(ERROR_CODES).sort());
    for (const title of Object.values(PROBLEM_TITLES_ZH)) expect(title).toMatch(HAN);
  });
});
