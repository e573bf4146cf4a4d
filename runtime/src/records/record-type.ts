// Record types on writes: a create without `record_type` gets the object's default, and a patch
// that changes restricted picklists without naming a record type is checked against the stored
// one (the body alone cannot say which values are allowed). Records stored before their object
// had record types hold null and count as the default.
import { defaultRecordType, findRecordType, recordTypeValueProblems } from '@tessera/metadata';
import { type Kysely, sql } from 'kysely';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import { errorsToApiError } from '../http/api-error.ts';

export function withDefaultRecordType(object: CompiledObject, body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || 'record_type' in body) return body;
  const fallback = defaultRecordType(object.definition);
  return fallback ? { ...body, record_type: fallback.apiName } : body;
}

// biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
export async function checkStoredRecordType(db: Kysely<any>, object: CompiledObject, id: string, body: Record<string, unknown>): Promise<void> {
  const definition = object.definition;
  if (!definition.recordTypes || 'record_type' in body) return;
  const restricted = new Set(definition.recordTypes.flatMap((recordType) => Object.keys(recordType.picklistValues)));
  if (!Object.keys(body).some((name) => restricted.has(name))) return;
  const stored = await sql<{ record_type: string | null }>`
    select record_type from ${sql.id(object.schema, object.table)} where id = ${id}::uuid`.execute(db);
  // A missing record is reported by the update itself (404).
  const row = stored.rows[0];
  if (!row) return;
  const recordType = (row.record_type === null ? undefined : findRecordType(definition, row.record_type)) ?? defaultRecordType(definition);
  if (!recordType) return;
  const problems = recordTypeValueProblems(definition, recordType, body);
  if (problems.length > 0) throw errorsToApiError('TSR400', `The ${object.apiName} record is invalid; nothing was saved.`, problems);
}
