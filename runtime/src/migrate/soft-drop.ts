// Soft drops and restores. A dropped field keeps its column under a hidden name (constraints that
// would block writes are removed: NOT NULL, default, unique index, foreign key); a dropped object
// keeps its table under a hidden name. `_meta_dropped` records where each one went, so re-adding
// the field or object (or reverting to a revision that had it) brings the data back, until
// `tessera metadata purge` drops it for real.
import { foreignKeyName, type NormalisedField, type NormalisedObject, storesColumn, uniqueFieldIndexName } from '@tessera/metadata';
import { type Kysely, sql } from 'kysely';
import { autonumberDefault } from './autonumber-default.ts';
import { columnDefault } from './column-sql-type.ts';
import { hiddenName } from './evolution-tables.ts';
import { lookupIndexName } from './lookup-index-name.ts';
import { fillMissing } from './value-sql.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
type Trx = Kysely<any>;

/** Hides one field's column inside `table`; returns the hidden sequence name of an autonumber. */
async function hideField(trx: Trx, schema: string, table: string, object: string, field: NormalisedField, revision: number): Promise<{ sequence?: string }> {
  const target = sql.id(schema, table);
  const column = sql.id(field.apiName);
  if (field.type === 'lookup') {
    await sql`alter table ${target} drop constraint if exists ${sql.id(foreignKeyName(object, field.apiName))}`.execute(trx);
    await sql`drop index if exists ${sql.id(schema, lookupIndexName(object, field.apiName))}`.execute(trx);
  }
  if (field.unique) await sql`drop index if exists ${sql.id(schema, uniqueFieldIndexName(object, field.apiName))}`.execute(trx);
  await sql`alter table ${target} alter column ${column} drop default, alter column ${column} drop not null`.execute(trx);
  let sequence: string | undefined;
  if (field.type === 'autonumber') {
    sequence = hiddenName(revision, field.sequenceName);
    await sql`alter sequence ${sql.id(schema, field.sequenceName)} rename to ${sql.id(sequence)}`.execute(trx);
  }
  await sql`alter table ${target} rename column ${column} to ${sql.id(hiddenName(revision, field.apiName))}`.execute(trx);
  return sequence ? { sequence } : {};
}

async function record(
  trx: Trx,
  schema: string,
  entry: { kind: 'field' | 'object'; object: string; field?: string; hidden: string; table: string; extra: object; definition: unknown; revision: number },
): Promise<void> {
  await sql`
    insert into ${sql.id(schema, '_meta_dropped')} (kind, object, field, hidden_name, table_name, extra, definition, revision)
    values (${entry.kind}, ${entry.object}, ${entry.field ?? null}, ${entry.hidden}, ${entry.table}, ${JSON.stringify(entry.extra)}::jsonb,
            ${JSON.stringify(entry.definition)}::jsonb, ${entry.revision})`.execute(trx);
}

export async function dropField(trx: Trx, schema: string, object: string, field: NormalisedField, revision: number): Promise<void> {
  const extra = await hideField(trx, schema, object, object, field, revision);
  await record(trx, schema, {
    kind: 'field',
    object,
    field: field.apiName,
    hidden: hiddenName(revision, field.apiName),
    table: object,
    extra,
    definition: field,
    revision,
  });
}

export async function dropObject(trx: Trx, schema: string, definition: NormalisedObject, revision: number): Promise<void> {
  const object = definition.apiName;
  const hiddenTable = hiddenName(revision, object);
  // A formula has no column (storesColumn), so there is nothing to hide; it returns with the
  // object's definition when the object is re-added.
  for (const field of definition.fields.filter(storesColumn)) {
    const extra = await hideField(trx, schema, object, object, field, revision);
    await record(trx, schema, {
      kind: 'field',
      object,
      field: field.apiName,
      hidden: hiddenName(revision, field.apiName),
      table: hiddenTable,
      extra,
      definition: field,
      revision,
    });
  }
  for (const index of definition.indexes) await sql`drop index if exists ${sql.id(schema, index.name)}`.execute(trx);
  // PostgreSQL named the primary key after the table; it moves aside too, so the name is free again.
  const pkey = await sql<{ name: string }>`
    select conname as name from pg_constraint
    where conrelid = (quote_ident(${schema}) || '.' || quote_ident(${object}))::regclass and contype = 'p'`.execute(trx);
  const pkeyName = pkey.rows[0]?.name;
  const hiddenPkey = hiddenName(revision, `${object}_pkey`);
  if (pkeyName) await sql`alter table ${sql.id(schema, object)} rename constraint ${sql.id(pkeyName)} to ${sql.id(hiddenPkey)}`.execute(trx);
  await sql`alter table ${sql.id(schema, object)} rename to ${sql.id(hiddenTable)}`.execute(trx);
  await record(trx, schema, {
    kind: 'object',
    object,
    hidden: hiddenTable,
    table: hiddenTable,
    extra: { pkey: pkeyName, hiddenPkey },
    definition: { ...definition, fields: [] },
    revision,
  });
}

export async function restoreObject(trx: Trx, schema: string, object: string, hidden: string, revision: number): Promise<void> {
  const dropped = sql.id(schema, '_meta_dropped');
  const entry = await sql<{ id: number; extra: { pkey?: string; hiddenPkey?: string } | string }>`
    select id, extra from ${dropped} where kind = 'object' and object = ${object} and hidden_name = ${hidden} and restored_revision is null and purged_at is null`.execute(
    trx,
  );
  const row = entry.rows[0];
  if (!row) throw new Error(`no dropped object ${object} at ${hidden}`);
  const extra = typeof row.extra === 'string' ? (JSON.parse(row.extra) as { pkey?: string; hiddenPkey?: string }) : row.extra;
  await sql`alter table ${sql.id(schema, hidden)} rename to ${sql.id(object)}`.execute(trx);
  if (extra.pkey && extra.hiddenPkey)
    await sql`alter table ${sql.id(schema, object)} rename constraint ${sql.id(extra.hiddenPkey)} to ${sql.id(extra.pkey)}`.execute(trx);
  await sql`update ${dropped} set restored_revision = ${revision} where id = ${row.id}`.execute(trx);
  // Its fields' columns are back in a table named after the object; each returns when re-added.
  await sql`update ${dropped} set table_name = ${object} where kind = 'field' and table_name = ${hidden} and restored_revision is null and purged_at is null`.execute(
    trx,
  );
}

export async function restoreField(
  trx: Trx,
  schema: string,
  object: string,
  field: NormalisedField,
  hidden: string,
  revision: number,
  backfill: unknown,
): Promise<void> {
  const dropped = sql.id(schema, '_meta_dropped');
  const entry = await sql<{ id: number; extra: { sequence?: string } | string }>`
    select id, extra from ${dropped} where kind = 'field' and object = ${object} and hidden_name = ${hidden} and table_name = ${object}
      and restored_revision is null and purged_at is null`.execute(trx);
  const row = entry.rows[0];
  if (!row) throw new Error(`no dropped field ${object}.${field.apiName} at ${hidden}`);
  const extra = typeof row.extra === 'string' ? (JSON.parse(row.extra) as { sequence?: string }) : row.extra;
  const table = sql.id(schema, object);
  const column = sql.id(field.apiName);
  await sql`alter table ${table} rename column ${sql.id(hidden)} to ${column}`.execute(trx);
  if (field.type === 'autonumber' && extra.sequence) {
    await sql`alter sequence ${sql.id(schema, extra.sequence)} rename to ${sql.id(field.sequenceName)}`.execute(trx);
    // Records created while the field was away get their numbers now.
    await sql`update ${table} set ${column} = ${autonumberDefault(schema, field)} where ${column} is null`.execute(trx);
    await sql`alter table ${table} alter column ${column} set default ${autonumberDefault(schema, field)}, alter column ${column} set not null`.execute(trx);
  } else {
    const preset = columnDefault(field);
    if (preset) await sql`alter table ${table} alter column ${column} set default ${preset}`.execute(trx);
    if (field.required) {
      if (backfill !== undefined) await fillMissing(trx, schema, object, field, backfill);
      await sql`alter table ${table} alter column ${column} set not null`.execute(trx);
    }
  }
  await sql`update ${dropped} set restored_revision = ${revision} where id = ${row.id}`.execute(trx);
}
