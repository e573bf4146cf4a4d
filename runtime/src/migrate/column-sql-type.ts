// Field → PostgreSQL column type and literal default. Types come from a fixed mapping and
// numbers from validated metadata (integers in range), so the raw SQL pieces here are safe.
import { columnStorage, type NormalisedField } from '@tessera/metadata';
import { type RawBuilder, sql } from 'kysely';

const SAFE_STORAGE = /^(varchar\(\d{1,7}\)|numeric\(\d{1,2}, \d{1,2}\)|jsonb|boolean|date|timestamptz\(3\)|uuid|time\(0\)|point)$/;

export function columnSqlType(field: NormalisedField): RawBuilder<unknown> {
  // One mapping (metadata's columnStorage) for the DDL here and for the planner's comparisons;
  // the allow-list keeps a raw fragment raw only when it is one of the shapes that mapping makes.
  const storage = columnStorage(field);
  if (!SAFE_STORAGE.test(storage)) throw new Error(`not a safe column type: ${storage}`);
  return sql.raw(storage);
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
    case 'user':
    case 'polylookup':
    case 'geolocation':
    case 'autonumber':
    case 'formula':
    case 'rollup':
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
