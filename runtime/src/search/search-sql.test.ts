// Snapshot of the statement a search compiles to (text and parameters), so a change in the query
// shows in review; and the plan parser's refusals. Row and field security are tested over HTTP.
// The catalog is compiled from fixture metadata without a database (tests/api/search*.test.ts run
// the statement on PostgreSQL and PGlite).
import { describe, expect, it } from 'vitest';
import { compileCatalog } from '../catalog/compile-catalog.ts';
import { crmSnapshot } from '../openapi/openapi-fixtures.ts';
import { compileOnce } from '../sql/precompile.ts';
import { parseSearch } from './parse-search.ts';
import { searchSql } from './search-records.ts';
import { searchableColumns } from './searchable-fields.ts';

const catalog = compileCatalog({ tenant: 'acme', schema: 't_acme', revision: 7, snapshot: crmSnapshot() });

describe('search statement', () => {
  it('searches each object’s name first, then its other text fields, in one UNION ALL', () => {
    const plan = parseSearch({ q: '华为', limit: '3' }, catalog);
    if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
    for (const object of plan.value.objects) {
      const columns = searchableColumns(object).map((column) => column.apiName);
      if (object.definition.nameField && columns.length > 0) expect(columns[0]).toBe(object.definition.nameField);
    }
    const statement = searchSql(plan.value);
    if (!statement) throw new Error('nothing to search in the fixture');
    const compiled = compileOnce(statement);
    expect({
      sql: compiled.sql
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
      parameters: compiled.parameters,
    }).toMatchSnapshot();
  });

  it('refuses every bad parameter at once, each with its path', () => {
    const refused = parseSearch({ q: ' ', objects: 'account,ghost', limit: '51', page: '2' }, catalog);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.errors.map((error) => [error.path, error.code])).toEqual([
      ['page', 'TSR102'],
      ['q', 'TSR102'],
      ['limit', 'TSR102'],
      ['objects', 'TSR102'],
    ]);
  });
});
