// Field → PostgreSQL column type and literal default. Types come from a fixed mapping and
// numbers from validated metadata (integers in range), so the raw SQL pieces here are safe.
import type { NormalisedField } from '@tessera/metadata';
import { type RawBuilder, sql } from 'kysely';

export function columnSqlType(field: NormalisedField): RawBuilder<unknown> {
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url':
      return sql.raw(`varchar(${integer(field.maxLength)})`);
    case 'picklist':
      return sql.raw('varchar(80)');
    case 'multipicklist':
      return sql.raw('jsonb');
    case 'number':
    case 'currency':
    case 'percent':
      return sql.raw(`numeric(${integer(field.precision)}, ${integer(field.scale)})`);
    case 'boolean':
      return sql.raw('boolean');
    case 'date':
      return sql.raw('date');
    case 'datetime':
      return sql.raw('timestamptz(3)');
    case 'lookup':
      return sql.raw('uuid');
    case 'autonumber':
      return sql.raw('varchar(120)');
  }
}

/** The literal column default, or undefined. Picklists default to their default value. */
export function columnDefault(field: NormalisedField): RawBuilder<unknown> | undefined {
  switch (field.type) {
    case 'picklist': {
      const preset = field.values.find((value) => value.default && !value.inactive);
      return preset ? sql.lit(preset.apiName) : undefined;
    }
    case 'multipicklist': {
      const presets = field.values.filter((value) => value.default && !value.inactive).map((value) => value.apiName);
      return presets.length > 0 ? sql`${sql.lit(JSON.stringify(presets))}::jsonb` : undefined;
    }
    case 'lookup':
    case 'autonumber':
      return undefined;
    case 'number':
    case 'currency':
    case 'percent':
      return field.default === undefined ? undefined : sql`${sql.lit(String(field.default))}::numeric`;
    case 'boolean':
      return field.default === undefined ? undefined : sql.lit(field.default);
    case 'date':
      return field.default === undefined ? undefined : sql`${sql.lit(field.default)}::date`;
    case 'datetime':
      return field.default === undefined ? undefined : sql`${sql.lit(field.default)}::timestamptz`;
    default:
      return field.default === undefined ? undefined : sql.lit(field.default);
  }
}

function integer(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 1_000_000) throw new Error(`not a safe size: ${value}`);
  return value;
}
