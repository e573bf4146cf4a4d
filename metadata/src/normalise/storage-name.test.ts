import { describe, expect, it } from 'vitest';
import { fnv1aHex, foreignKeyName, indexName, sequenceName, storageName, uniqueFieldIndexName } from './storage-name.ts';

describe('storage names', () => {
  it('derives short names verbatim', () => {
    expect(sequenceName('opportunity', 'code')).toBe('opportunity_code_seq');
    expect(foreignKeyName('opportunity', 'account')).toBe('fk_opportunity_account');
    expect(uniqueFieldIndexName('account', 'tax_id')).toBe('uq_account_tax_id');
    expect(indexName('opportunity', ['stage', 'amount'], false)).toBe('ix_opportunity_stage_amount');
    expect(indexName('opportunity', ['stage'], true)).toBe('ux_opportunity_stage');
  });

  it('truncates long names to 63 characters with a hash suffix', () => {
    const object = 'a'.repeat(40);
    const name = uniqueFieldIndexName(object, 'b'.repeat(40));
    expect(name).toHaveLength(63);
    expect(name).toMatch(/^uq_a+_b+_[0-9a-f]{8}$/);
    expect(uniqueFieldIndexName(object, 'b'.repeat(40))).toBe(name);
    expect(uniqueFieldIndexName(object, `${'b'.repeat(39)}c`)).not.toBe(name);
  });

  it('keeps a name of exactly 63 characters', () => {
    expect(storageName('x'.repeat(63))).toBe('x'.repeat(63));
    expect(storageName('x'.repeat(64))).toHaveLength(63);
  });

  it('hashes with FNV-1a', () => {
    expect(fnv1aHex('')).toBe('811c9dc5');
    expect(fnv1aHex('a')).toBe('e40c292c');
  });
});
