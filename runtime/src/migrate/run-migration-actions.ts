// Migration actions → DDL and data, one handler per action kind, all inside the caller's transaction.
// PostgreSQL DDL is transactional, so a failing step rolls back every earlier one with it.
import { moveLinksToJunction } from '../links/move-links.ts';
import type { MigrationAction, MigrationActionKind } from '@tessera/metadata';
import { sql } from 'kysely';
import { autonumberDefault } from './autonumber-default.ts';
import { columnDefault, columnSqlType } from './column-sql-type.ts';
import { EVOLUTION_HANDLERS } from './evolution-handlers.ts';
import { geolocationIndexName, lookupIndexName, polylookupIndexName } from './lookup-index-name.ts';
import type { Handler, RunContext, Trx } from './migration-handler.ts';
import { RULE_STORAGE_HANDLERS } from './rule-storage-handlers.ts';
import { createLinkTable, dropLinkTable } from '../links/link-table-ddl.ts';
import { fillMissing } from './value-sql.ts';

const ON_DELETE = { restrict: sql.raw('restrict'), setNull: sql.raw('set null'), cascade: sql.raw('cascade') } as const;

const HANDLERS: { [K in MigrationActionKind]: Handler<K> } = {
  async create_table(trx, schema, action) {
    await sql`
      create table ${sql.id(schema, action.object)} (
        id uuid primary key default tessera.uuid_v7(),
        created_at timestamptz(3) not null default now(),
        updated_at timestamptz(3) not null default now(),
        created_by uuid,
        owner_id uuid,
        record_type varchar(80),
        version integer not null default 1,
        deleted_at timestamptz(3)
      )`.execute(trx);
  },

  async create_sequence(trx, schema, action) {
    // `if not exists`: a record type's counter survives its entry being removed and added again.
    // `minvalue 0`: startAt may be 0, below a sequence's default minimum of 1 (found by tests/property).
    await sql`create sequence if not exists ${sql.id(schema, action.sequenceName)} minvalue 0 start with ${sql.lit(action.startAt)}`.execute(trx);
  },

  async add_column(trx, schema, action) {
    const { field } = action;
    const preset = field.type === 'autonumber' ? autonumberDefault(schema, field) : columnDefault(field);
    // Required is enforced in the database too. A NOT NULL column without a default cannot be
    // added to a table with rows: the planner refuses that unless a backfill value is given, in
    // which case the column arrives nullable, is filled, then becomes NOT NULL.
    const notNull = field.required || field.type === 'autonumber';
    const backfill = notNull && !preset && action.backfill !== undefined;
    await sql`
      alter table ${sql.id(schema, action.object)}
      add column ${sql.id(field.apiName)} ${columnSqlType(field)}
      ${preset ? sql`default ${preset}` : sql``}
      ${notNull && !backfill ? sql`not null` : sql``}`.execute(trx);
    if (backfill) {
      await fillMissing(trx, schema, action.object, field, action.backfill);
      await sql`alter table ${sql.id(schema, action.object)} alter column ${sql.id(field.apiName)} set not null`.execute(trx);
    }
    // No foreign key can span the target tables, so "what points at this record" (timeline, purge
    // clean-up) is answered by this index on the value's (object, id).
    if (field.type === 'polylookup') {
      const column = sql.ref(field.apiName);
      await sql`
        create index ${sql.id(polylookupIndexName(action.object, field.apiName))} on ${sql.id(schema, action.object)}
        ((${column} ->> 'object'), ((${column} ->> 'id')::uuid))`.execute(trx);
    }
    // "Within N km" filters add a `point <@ box` prefilter (filter/geo-distance.ts) that this core
    // GiST index (point_ops, no PostGIS) answers; PGlite has it too.
    if (field.type === 'geolocation') {
      await sql`
        create index ${sql.id(geolocationIndexName(action.object, field.apiName))} on ${sql.id(schema, action.object)}
        using gist (${sql.ref(field.apiName)})`.execute(trx);
    }
  },

  async add_unique(trx, schema, action) {
    // Unique among live records: a deleted record does not block re-creating its value.
    await sql`
      create unique index ${sql.id(action.indexName)} on ${sql.id(schema, action.object)} (${sql.id(action.field)})
      where deleted_at is null`.execute(trx);
  },

  async add_foreign_key(trx, schema, action) {
    await sql`
      alter table ${sql.id(schema, action.object)}
      add constraint ${sql.id(action.constraintName)} foreign key (${sql.id(action.field)})
      references ${sql.id(schema, action.target)} (id) on delete ${ON_DELETE[action.onDelete]}`.execute(trx);
    // Child lookups (delete rules, roll-ups, related lists) search by this column.
    await sql`create index ${sql.id(lookupIndexName(action.object, action.field))} on ${sql.id(schema, action.object)} (${sql.id(action.field)})`.execute(trx);
  },

  create_link_table: createLinkTable,
  drop_link_table: dropLinkTable,
  move_links_to_junction: moveLinksToJunction,

  async create_index(trx, schema, action) {
    const { index } = action;
    const columns = index.columns.map((column) => sql`${sql.id(column.field)} ${sql.raw(column.descending ? 'desc' : 'asc')} nulls last`);
    // Non-unique indexes end with id, the tie-breaker of every list sort, so "sort by x" pages
    // come straight off the index; all are partial on live rows, which is what lists read.
    if (!index.unique) columns.push(sql`id`);
    await sql`
      create ${index.unique ? sql`unique` : sql``} index ${sql.id(index.name)}
      on ${sql.id(schema, action.object)} (${sql.join(columns)})
      where deleted_at is null`.execute(trx);
  },

  async update_metadata() {
    // Labels and help text live only in the revision's snapshot.
  },

  async update_calendar() {
    // Calendars live only in the revision's snapshot: the SQL compiler inlines them (filter/business-hours.ts).
  },

  ...EVOLUTION_HANDLERS,
  ...RULE_STORAGE_HANDLERS,
};

/**
 * Runs the actions in order. `beforeStep` sees each step first (progress reporting; tests use it
 * to force a failure midway and prove that the transaction leaves nothing behind).
 */
export async function runMigrationActions(
  trx: Trx,
  schema: string,
  actions: readonly MigrationAction[],
  context: RunContext,
  beforeStep?: (index: number, action: MigrationAction) => void | Promise<void>,
): Promise<void> {
  for (const [index, action] of actions.entries()) {
    await beforeStep?.(index, action);
    await (HANDLERS[action.kind] as Handler<typeof action.kind>)(trx, schema, action as never, context);
  }
}
