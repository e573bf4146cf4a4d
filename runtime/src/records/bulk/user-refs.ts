// User fields written by email or name (issue #21): `{"reviewer": {"email": "li@example.cn"}}` or
// `{"reviewer": {"name": "李雷"}}` (and `owner_id` the same way) becomes the user's id before the write is planned, which is what
// import sends for a cell that is not an id. Only active users of the tenant match; a name two
// active users share is refused (TSR426) instead of guessing. One query per request.
import { isPlainObject, type ProblemDetail } from '@tessera/metadata';
import { sql } from 'kysely';
import type { CompiledObject } from '../../catalog/catalog-types.ts';
import type { ObjectDb } from '../write/write-context.ts';

type Key = 'email' | 'name';
interface UserRef {
  record: number;
  field: string;
  key: Key;
  value: string;
}

function refOf(value: Record<string, unknown>): { key: Key; value: string } | undefined {
  const entries = Object.entries(value);
  const [key, text] = entries[0] ?? [];
  if (entries.length !== 1 || (key !== 'email' && key !== 'name') || typeof text !== 'string' || text.trim() === '') return undefined;
  return { key, value: text.trim() };
}

/** Replaces every user field given as `{email}` or `{name}` by the user's id; problems at `${prefix(index)}/<field>`. */
export async function resolveUserRefs(
  db: ObjectDb,
  object: CompiledObject,
  records: unknown[],
  prefix: (index: number) => string,
  /** `ref` is the reference that failed (absent when the value was malformed) and `matches` how many active users it matched. */
  fail: (index: number, problem: ProblemDetail, ref?: { key: Key; value: string; matches: number }) => void,
): Promise<void> {
  // The owner is a user too: a transfer or an import names the new owner the same ways.
  const fields = [
    ...object.definition.fields.filter((field) => field.type === 'user').map((field) => field.apiName),
    ...(object.columns.has('owner_id') ? ['owner_id'] : []),
  ];
  if (fields.length === 0) return;
  const refs: UserRef[] = [];
  records.forEach((record, index) => {
    if (!isPlainObject(record)) return;
    for (const field of fields) {
      const value = record[field];
      if (!isPlainObject(value)) continue;
      const ref = refOf(value);
      if (ref) refs.push({ record: index, field, ...ref });
      else fail(index, { path: `${prefix(index)}/${field}`, code: 'TSR426', message: 'set a user field by id, {"email": "<email>"} or {"name": "<name>"}' });
    }
  });
  if (refs.length === 0) return;
  const emails = [...new Set(refs.filter((ref) => ref.key === 'email').map((ref) => ref.value.toLowerCase()))];
  const names = [...new Set(refs.filter((ref) => ref.key === 'name').map((ref) => ref.value))];
  const rows = await sql<{ id: string; email: string; name: string }>`
    select id::text as id, lower(email) as email, name from ${sql.id(object.schema, '_users')}
    where active and (lower(email) = any(${emails}::text[]) or name = any(${names}::text[]))`.execute(db);
  for (const ref of refs) {
    const matches = rows.rows.filter((row) => (ref.key === 'email' ? row.email === ref.value.toLowerCase() : row.name === ref.value));
    const record = records[ref.record] as Record<string, unknown>;
    if (matches.length === 1) {
      records[ref.record] = { ...record, [ref.field]: (matches[0] as { id: string }).id };
      continue;
    }
    const message =
      matches.length === 0
        ? `no active user has ${ref.key} ${JSON.stringify(ref.value)}`
        : `${matches.length} active users are named ${JSON.stringify(ref.value)}; give the email or the id`;
    fail(ref.record, { path: `${prefix(ref.record)}/${ref.field}`, code: 'TSR426', message }, { key: ref.key, value: ref.value, matches: matches.length });
  }
}
