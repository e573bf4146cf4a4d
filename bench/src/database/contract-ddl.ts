// --baseline-only: creates the bench tables straight from the storage section of
// docs/api-contract.md, for developing the baseline while the runtime does not exist. A normal run
// never uses this: there the tables come from POST /metadata/apply.
import pg from 'pg';
import type { BenchField, BenchObject } from '../metadata/bench-metadata.ts';

const DEFAULT_MAX_LENGTH: Record<string, number> = { text: 255, textarea: 32768, email: 254, phone: 40, url: 2048 };
const DEFAULT_SCALE: Record<string, number> = { number: 0, currency: 2, percent: 2 };

export async function createTablesFromContract(url: string, schema: string, objects: BenchObject[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('create schema if not exists tessera');
    await client.query(`
      create or replace function tessera.uuid_v7() returns uuid language sql volatile parallel safe as $fn$
        select encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
          placing substring(int8send((extract(epoch from clock_timestamp()) * 1000)::bigint) from 3)
          from 1 for 6), 52, 1), 53, 1), 'hex')::uuid
      $fn$`);
    const s = pg.escapeIdentifier(schema);
    await client.query(`create schema ${s}`);
    for (const object of objects) {
      const table = `${s}.${pg.escapeIdentifier(object.apiName)}`;
      const columns = object.fields.map((field) => `${pg.escapeIdentifier(field.apiName)} ${columnType(field)}${field.required ? ' not null' : ''}`);
      await client.query(`create table ${table} (
        id uuid primary key default tessera.uuid_v7(),
        ${columns.join(',\n        ')},
        created_at timestamptz(3) not null default now(),
        updated_at timestamptz(3) not null default now(),
        created_by uuid null,
        owner_id uuid null,
        version integer not null default 1,
        deleted_at timestamptz(3) null)`);
      for (const field of object.fields.filter((candidate) => candidate.type === 'lookup')) {
        await client.query(
          `alter table ${table} add foreign key (${pg.escapeIdentifier(field.apiName)}) references ${s}.${pg.escapeIdentifier(field.target ?? '')}(id)`,
        );
        // The runtime indexes every lookup column (joins, expand, onDelete); so does this stand-in.
        await client.query(`create index on ${table} (${pg.escapeIdentifier(field.apiName)})`);
      }
      // Unique and external id fields: unique among live rows, like the runtime's add_unique.
      for (const field of object.fields.filter((candidate) => candidate.unique === true || candidate.externalId === true)) {
        await client.query(`create unique index on ${table} (${pg.escapeIdentifier(field.apiName)}) where deleted_at is null`);
      }
      for (const index of object.indexes ?? []) {
        const parts = index.fields.map((spec) =>
          spec.startsWith('-') ? `${pg.escapeIdentifier(spec.slice(1))} desc nulls last` : `${pg.escapeIdentifier(spec)} nulls last`,
        );
        // Like the runtime's: partial on live rows, ending with the id tie-breaker.
        if (!index.unique) parts.push('id');
        await client.query(`create ${index.unique ? 'unique ' : ''}index on ${table} (${parts.join(', ')}) where deleted_at is null`);
      }
    }
  } finally {
    await client.end();
  }
}

function columnType(field: BenchField): string {
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url':
      return `varchar(${field.maxLength ?? DEFAULT_MAX_LENGTH[field.type]})`;
    case 'picklist':
      return 'varchar(80)';
    case 'number':
    case 'currency':
    case 'percent':
      return `numeric(${field.precision ?? 18}, ${field.scale ?? DEFAULT_SCALE[field.type]})`;
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'timestamptz(3)';
    case 'lookup':
      return 'uuid';
    default:
      throw new Error(`contract DDL: field type ${field.type} is not used by the bench`);
  }
}
