// Statement templates: the cached text, the plugin path's flat node and the per-request parts path
// are the same SQL with the same values; the cache hands out one template per key, stays bounded
// and remembers parts that cannot be cached.
import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { compileOnce } from './precompile.ts';
import { fromParts, SLOT, type StatementPart, TemplateCache, templateOf } from './statement-template.ts';

const table = { node: sql.id('t_demo', 'deal') };
const update: StatementPart[] = ['update ', table, ' as t set ', sql`${sql.id('amount')} = `, SLOT, ' where t.id = ', SLOT, '::uuid', sql` returning t.id`];

/** The flat node the plugin path runs, compiled by Kysely. */
function nodePathSql(parts: StatementPart[]) {
  const template = templateOf(parts);
  if (!template) throw new Error('not cacheable');
  const values = template.between.filter((item) => typeof item === 'number').map((_, index) => `v${index}`);
  const parameters = template.between.map((item) => (typeof item === 'number' ? values[item] : item));
  return { template, values, compiled: compileOnce(sql(template.fragments as unknown as TemplateStringsArray, ...parameters)) };
}

describe('statement templates', () => {
  it('compiles the fixed parts once into a text with $n for the values in order', () => {
    const template = templateOf(update);
    expect(template?.text).toBe('update "t_demo"."deal" as t set "amount" = $1 where t.id = $2::uuid returning t.id');
    expect(template?.between).toEqual([table.node, 0, 1]);
  });

  it('runs through plugins as the same SQL with the table as a node', () => {
    const { template, values, compiled } = nodePathSql(update);
    expect(compiled.sql).toBe(template.text);
    expect(compiled.parameters).toEqual(values);
    expect(JSON.stringify(compiled.query)).toContain('{"kind":"IdentifierNode","name":"deal"}');
  });

  it('refuses to cache a fixed part that binds a value of its own', () => {
    expect(templateOf(['select ', sql`${42}`, ' where x = ', SLOT])).toBeNull();
  });

  it('builds per request exactly what the template runs (any mix of parts)', () => {
    const part = fc.oneof(
      fc.constantFrom<StatementPart>(' and ', ', ', 'x = '),
      fc.constant<StatementPart>(SLOT),
      fc.constantFrom<StatementPart>(table, { node: sql.id('name') }),
      fc.constant<StatementPart>(sql`${sql.id('note')} is null`),
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 12 }), (parts) => {
        const { template, values, compiled } = nodePathSql(['select 1 ', ...parts]);
        const perRequest = compileOnce(fromParts(['select 1 ', ...parts], values));
        expect(perRequest.sql).toBe(template.text);
        expect(perRequest.parameters).toEqual(values);
        expect(compiled.sql).toBe(template.text);
      }),
    );
  });

  it('hands out one template per key, drops the oldest past its limit and remembers uncacheable families', () => {
    const cache = new TemplateCache(2);
    const owner = {};
    const family = {};
    let built = 0;
    const parts = () => {
      built += 1;
      return update;
    };
    const first = cache.get(owner, family, 'a', parts);
    expect(cache.get(owner, family, 'a', parts)).toBe(first);
    expect(built).toBe(1);
    cache.get(owner, family, 'b', parts);
    cache.get(owner, family, 'c', parts); // drops 'a'
    expect(cache.get(owner, family, 'a', parts)).not.toBe(first);
    expect(built).toBe(4);

    const other = {};
    let tried = 0;
    const bound = () => {
      tried += 1;
      return ['select ', sql`${1}`] as StatementPart[];
    };
    expect(cache.get({}, other, 'x', bound)).toBeNull();
    expect(cache.get({}, other, 'x', bound)).toBeNull();
    expect(tried).toBe(1);
  });
});
