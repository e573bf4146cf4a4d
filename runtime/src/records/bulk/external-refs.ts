// Lookups set by the target's external id (issue #20): `{"account": {"symbol": "AAPL"}}` becomes
// the account's id before the write is planned, so related files import in one pass each. One
// query per (target, external id field) for all records of a request; the target's row access
// applies, so a record the writer cannot see answers like one that does not exist (TSR142).
import { isPlainObject, type ProblemDetail } from '@tessera/metadata';
import { sql } from 'kysely';
import type { Catalog, CompiledObject } from '../../catalog/catalog-types.ts';
import type { ObjectDb } from '../write/write-context.ts';
import { resolveUserRefs } from './user-refs.ts';
import { resolveFileRefs } from '../../files/resolve-file-refs.ts';
import { fieldKinds } from '../write/field-kinds.ts';

/** The external id fields of an object (metadata `externalId: true`). */
export const externalIdFields = (object: CompiledObject): string[] =>
  object.definition.fields.filter((field) => 'externalId' in field && field.externalId === true).map((field) => field.apiName);

interface Reference {
  record: number;
  field: string;
  target: CompiledObject;
  key: string;
  value: string | number;
}

/** `{key: value}` of a lookup written by external id, or a problem naming the path. */
function referenceOf(
  catalog: Catalog,
  object: CompiledObject,
  field: string,
  value: unknown,
  path: string,
): Omit<Reference, 'record'> | ProblemDetail | undefined {
  const lookup = object.lookups.get(field);
  if (!lookup || !isPlainObject(value)) return undefined;
  const target = catalog.objects.get(lookup.target);
  const entries = Object.entries(value);
  const [key, keyValue] = entries[0] ?? [];
  if (!target || entries.length !== 1 || key === undefined || !externalIdFields(target).includes(key)) {
    const known = target ? externalIdFields(target).join(', ') || 'none' : 'none';
    return { path, code: 'TSR143', message: `set a lookup by one external id field of ${lookup.target} (${known}), e.g. {"<field>": "<value>"}` };
  }
  if (typeof keyValue !== 'string' && typeof keyValue !== 'number')
    return { path: `${path}/${key}`, code: 'TSR143', message: 'the external id must be a string or a number' };
  return { field, target, key, value: keyValue };
}

/**
 * Replaces every lookup given as `{externalIdField: value}` by the target's id (and every user
 * field given as `{email}` or `{name}` by the user's id). Returns the
 * records (new objects where something was replaced) and the problems, each at
 * `${prefix(index)}/<field>`.
 */
export async function resolveExternalRefs(
  db: ObjectDb,
  catalog: Catalog,
  object: CompiledObject,
  input: readonly unknown[],
  prefix: (index: number) => string,
): Promise<{ records: unknown[]; errors: Map<number, ProblemDetail[]> }> {
  const errors = new Map<number, ProblemDetail[]>();
  const fail = (index: number, problem: ProblemDetail) => errors.set(index, [...(errors.get(index) ?? []), problem]);
  const references: Reference[] = [];
  // User fields by email or name (user-refs.ts) ride the same pass: one resolution for API and import.
  const records = [...input];
  await resolveUserRefs(db, object, records, prefix, fail);
  // File fields by upload id (files/resolve-file-refs.ts) too.
  await resolveFileRefs(db, object, records, prefix, fail);
  records.forEach((record, index) => {
    if (!isPlainObject(record)) return;
    for (const [field, value] of Object.entries(record)) {
      const found = referenceOf(catalog, object, field, value, `${prefix(index)}/${field}`);
      if (found === undefined) continue;
      if ('code' in found) fail(index, found);
      else references.push({ ...found, record: index });
    }
  });
  if (references.length === 0) return { records: [...records], errors };
  const ids = new Map<string, string>();
  const groupKey = (reference: Pick<Reference, 'target' | 'key'>) => `${reference.target.apiName}.${reference.key}`;
  const groups = new Map<string, Reference[]>();
  for (const reference of references) groups.set(groupKey(reference), [...(groups.get(groupKey(reference)) ?? []), reference]);
  for (const group of groups.values()) {
    const { target, key } = group[0] as Reference;
    const visible = target.rowAccess?.read('t');
    const values = [...new Set(group.map((reference) => String(reference.value)))];
    // Compared as text so one statement serves text, number and autonumber keys alike. `in (select
    // unnest(…))`, not `= any(…)`: once PostgreSQL switches the prepared statement to its generic
    // plan, `= any($n)` over an unindexed key (a name) compares every row with every value (175 ms
    // for 2,000 names over 10,000 accounts); the subquery stays a hash semi-join (5 ms).
    const rows = await sql<{ id: string; k: string }>`
      select t.id, t.${sql.id(key)}::text as k from ${sql.id(target.schema, target.table)} as t
      where t.${sql.id(key)}::text in (select unnest(${values}::text[])) and t.deleted_at is null ${visible ? sql`and ${visible}` : sql``}`.execute(db);
    for (const row of rows.rows) ids.set(`${groupKey(group[0] as Reference)}=${row.k}`, row.id);
  }
  const resolved = records.map((record) => (isPlainObject(record) ? { ...record } : record));
  for (const reference of references) {
    const id = ids.get(`${groupKey(reference)}=${String(reference.value)}`);
    if (id === undefined) {
      fail(reference.record, {
        path: `${prefix(reference.record)}/${reference.field}`,
        code: 'TSR142',
        message: `no ${reference.target.apiName} record has ${reference.key} = ${JSON.stringify(reference.value)}`,
      });
    } else (resolved[reference.record] as Record<string, unknown>)[reference.field] = id;
  }
  return { records: resolved, errors };
}

/**
 * Whether resolveExternalRefs could change or refuse this one body: only a value given as an object
 * (a lookup by external id, a user by email or name) or a non-null file field can. A single write
 * that has neither — most creates and patches — skips the three resolvers and their walks.
 */
export function mayHoldRefs(object: CompiledObject, body: unknown): boolean {
  if (!isPlainObject(body)) return false;
  const files = fieldKinds(object.definition).file;
  for (const name in body) {
    const value = body[name];
    if (value === null) continue;
    if ((typeof value === 'object' && !Array.isArray(value)) || files.has(name)) return true;
  }
  return false;
}
