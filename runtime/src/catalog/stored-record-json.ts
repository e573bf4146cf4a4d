// The stored record as JSON for a write's later steps: every field (CompiledObject.recordJson), or
// only the fields those steps read when each of them names its own (WriteNeeds.writtenFields). An
// import's chunk whose only reader is 查重 then returns `{id, ext}` per row instead of every
// column: row_to_json of the whole record was a third of the chunk INSERT's time in PostgreSQL.
import type { RawBuilder } from 'kysely';
import { precompile } from '../sql/precompile.ts';
import type { CompiledObject } from './catalog-types.ts';
import { jsonObject } from './compile-catalog.ts';

/** A stored record's JSON at a table alias. */
export type StoredRecordJson = (alias: string) => RawBuilder<unknown>;

// One builder per (revision's object, field list): compiled objects are replaced, never changed.
const narrowed = new WeakMap<CompiledObject, Map<string, StoredRecordJson>>();

export function storedRecordJson(object: CompiledObject, fields: readonly string[] | undefined): StoredRecordJson {
  if (fields === undefined) return object.recordJson;
  let byFields = narrowed.get(object);
  if (!byFields) {
    byFields = new Map();
    narrowed.set(object, byFields);
  }
  const key = fields.join(',');
  let json = byFields.get(key);
  if (!json) {
    // Unknown names (a rule over a field the revision dropped) are left out, as the full JSON would.
    const columns = fields.flatMap((name) => {
      const column = object.columns.get(name);
      return column ? [name] : [];
    });
    const aliases = new Map<string, RawBuilder<unknown>>();
    json = (alias) => {
      let built = aliases.get(alias);
      if (!built) {
        built = precompile(jsonObject(columns.map((name) => [name, object.columns.get(name)?.render(alias) as RawBuilder<unknown>])));
        aliases.set(alias, built);
      }
      return built;
    };
    byFields.set(key, json);
  }
  return json;
}
