// DDL and data handlers for changes to existing objects: renames, type conversions, defaults,
// requiredness, uniqueness, foreign keys, picklist remaps, soft drops and restores. Each runs in
// the apply transaction; the planner has already checked the data each one depends on.
import {
  type ConversionKind,
  foreignKeyName,
  type MigrationActionKind,
  type NormalisedField,
  recordTypeSequenceName,
  sequenceName,
  uniqueFieldIndexName,
} from '@tessera/metadata';
import { type RawBuilder, sql } from 'kysely';
import { autonumberDefault } from './autonumber-default.ts';
import { columnDefault, columnSqlType } from './column-sql-type.ts';
import { hiddenName } from './evolution-tables.ts';
import { lookupIndexName } from './lookup-index-name.ts';
import type { Handler } from './migration-handler.ts';
import { dropField, dropObject, restoreField, restoreObject } from './soft-drop.ts';
import { fillMissing, remapValues } from './value-sql.ts';

type EvolutionKind = Exclude<
  MigrationActionKind,
  | 'create_table'
  | 'create_sequence'
  | 'add_column'
  | 'add_unique'
  | 'add_foreign_key'
  | 'create_index'
  | 'create_link_table'
  | 'drop_link_table'
  | 'move_links_to_junction'
  | 'update_metadata'
  | 'update_calendar'
  | 'sync_rollup_triggers'
  | 'backfill_rollup'
  | 'sync_duplicate_trigger'
  | 'backfill_duplicate_keys'
>;

const ON_DELETE = { restrict: sql.raw('restrict'), setNull: sql.raw('set null'), cascade: sql.raw('cascade') } as const;

/** The expression that turns the old column value into the new type (undefined: PostgreSQL's assignment cast). */
function conversionExpression(from: NormalisedField, conversion: ConversionKind, column: RawBuilder<unknown>): RawBuilder<unknown> | undefined {
  switch (conversion) {
    case 'retype':
      return undefined;
    case 'to_text':
      if (from.type === 'date') return sql`to_char(${column}, 'YYYY-MM-DD')`;
      if (from.type === 'datetime') return sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
      return sql`${column}::text`;
    case 'to_picklist':
      return sql`nullif(${column}, '')`;
    case 'to_multipicklist':
      return sql`case when ${column} is null then null else jsonb_build_array(${column}) end`;
    case 'to_time':
      // Checked first (assess-action.ts): every non-blank value matches TIME_INPUT_PATTERN.
      return sql`cast(nullif(btrim(${column}), '') as time(0))`;
  }
}

function presetOf(schema: string, field: NormalisedField): RawBuilder<unknown> | undefined {
  return field.type === 'autonumber' ? autonumberDefault(schema, field) : columnDefault(field);
}

export const EVOLUTION_HANDLERS: { [K in EvolutionKind]: Handler<K> } = {
  async rename_column(trx, schema, { object, from, to, previous }) {
    // A rename rewrites nothing; the names derived from the field name follow it.
    await sql`alter table ${sql.id(schema, object)} rename column ${sql.id(from)} to ${sql.id(to)}`.execute(trx);
    if (previous.unique)
      await sql`alter index ${sql.id(schema, uniqueFieldIndexName(object, from))} rename to ${sql.id(uniqueFieldIndexName(object, to))}`.execute(trx);
    if (previous.type === 'lookup') {
      await sql`alter table ${sql.id(schema, object)} rename constraint ${sql.id(previous.constraintName)} to ${sql.id(foreignKeyName(object, to))}`.execute(
        trx,
      );
      await sql`alter index ${sql.id(schema, lookupIndexName(object, from))} rename to ${sql.id(lookupIndexName(object, to))}`.execute(trx);
    }
    // The column default holds the sequence by OID (regclass), so it survives the rename.
    if (previous.type === 'autonumber') {
      await sql`alter sequence ${sql.id(schema, previous.sequenceName)} rename to ${sql.id(sequenceName(object, to))}`.execute(trx);
      // Record types' counters are named from the field too (the insert names them, no default holds them).
      for (const recordType of Object.keys(previous.formatsByRecordType ?? {})) {
        const [before, after] = [recordTypeSequenceName(object, from, recordType), recordTypeSequenceName(object, to, recordType)];
        await sql`alter sequence if exists ${sql.id(schema, before)} rename to ${sql.id(after)}`.execute(trx);
      }
    }
  },

  async rename_index(trx, schema, { from, to }) {
    await sql`alter index ${sql.id(schema, from)} rename to ${sql.id(to)}`.execute(trx);
  },

  async drop_index(trx, schema, { index }) {
    await sql`drop index ${sql.id(schema, index.name)}`.execute(trx);
  },

  async drop_unique(trx, schema, { indexName }) {
    await sql`drop index ${sql.id(schema, indexName)}`.execute(trx);
  },

  async alter_column_type(trx, schema, { object, field, from, to, conversion }) {
    const table = sql.id(schema, object);
    const column = sql.id(field);
    // The old default may not cast to the new type; the new one is set after the conversion.
    await sql`alter table ${table} alter column ${column} drop default`.execute(trx);
    const using = conversionExpression(from, conversion, sql.ref(field));
    await sql`alter table ${table} alter column ${column} type ${columnSqlType(to)} ${using ? sql`using ${using}` : sql``}`.execute(trx);
    const preset = presetOf(schema, to);
    if (preset) await sql`alter table ${table} alter column ${column} set default ${preset}`.execute(trx);
  },

  async set_default(trx, schema, { object, field, to }) {
    const preset = presetOf(schema, to);
    await sql`alter table ${sql.id(schema, object)} alter column ${sql.id(field)} ${preset ? sql`set default ${preset}` : sql`drop default`}`.execute(trx);
  },

  async set_required(trx, schema, { object, field, required, backfill, to }) {
    if (required && backfill !== undefined) await fillMissing(trx, schema, object, to, backfill);
    await sql`alter table ${sql.id(schema, object)} alter column ${sql.id(field)} ${required ? sql`set not null` : sql`drop not null`}`.execute(trx);
  },

  async alter_foreign_key(trx, schema, { object, field, target, onDelete, constraintName }) {
    await sql`
      alter table ${sql.id(schema, object)}
      drop constraint ${sql.id(constraintName)},
      add constraint ${sql.id(constraintName)} foreign key (${sql.id(field)})
        references ${sql.id(schema, target)} (id) on delete ${ON_DELETE[onDelete]}`.execute(trx);
  },

  async remap_picklist_values(trx, schema, { object, field, multiple, renames }) {
    await remapValues(trx, schema, object, field, multiple, renames);
  },

  async remove_picklist_values() {
    // Metadata only: the planner refused the change if any record still holds a removed value.
  },

  async check_dependent_values() {
    // Metadata only: the planner refused the change if any record holds a value the map no longer allows.
  },

  async drop_column(trx, schema, { object, field }, { revision }) {
    await dropField(trx, schema, object, field, revision);
  },

  async drop_table(trx, schema, { definition }, { revision }) {
    await dropObject(trx, schema, definition, revision);
  },

  async restore_column(trx, schema, { object, field, hiddenName: hidden, backfill }, { revision }) {
    await restoreField(trx, schema, object, field, hidden, revision, backfill);
  },

  async restore_table(trx, schema, { object, hiddenName: hidden }, { revision }) {
    await restoreObject(trx, schema, object, hidden, revision);
  },
};

export { hiddenName };
