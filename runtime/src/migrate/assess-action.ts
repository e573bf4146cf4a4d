// One migration action + the tenant's data → its risk, the rows it touches and, when existing
// records make it impossible, a refusal naming how many records and the first ten ids. Read-only
// SQL in the planning transaction; one assessor per action kind, so a new kind fails to compile
// until someone decides its risk.
import {
  columnStorage,
  type ErrorCode,
  type MigrationAction,
  type MigrationActionKind,
  type NormalisedField,
  type ProblemDetail,
  rewritesTable,
  TIME_INPUT_PATTERN,
} from '@tessera/metadata';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { columnDefault } from './column-sql-type.ts';
import { missingValue } from './value-sql.ts';
import { countLinks } from '../links/link-table-ddl.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
type Trx = Kysely<any>;

export type Risk = 'safe' | 'rewrites_table' | 'touches_data' | 'destructive';

export interface Violation extends ProblemDetail {
  object: string;
  field?: string;
  count: number;
  sampleIds: string[];
}

export interface Assessment {
  risk: Risk;
  /** Records the step reads, rewrites or changes (0 for metadata-only and empty tables). */
  rows: number;
  violation?: Violation;
}

export interface AssessContext {
  schema: string;
  /** The table holding an object's rows now (a hidden name while it is being restored); undefined if this plan creates it. */
  tableOf(object: string): string | undefined;
  /** The column that holds a field's values now (before this plan's renames and restores); undefined for a new column. */
  columnOf(object: string, field: string): string | undefined;
  /** The field as the live model has it (under its new name when renamed), if it exists. */
  liveField(object: string, field: string): NormalisedField | undefined;
  /** The field as the next model has it. */
  nextField(object: string, field: string): NormalisedField | undefined;
  /** JSON pointer of the field (or object) in the document, for refusals. */
  pathOf(object: string, field?: string, suffix?: string): string;
}

type Assessor<K extends MigrationActionKind> = (trx: Trx, action: Extract<MigrationAction, { kind: K }>, context: AssessContext) => Promise<Assessment>;

const SAFE: Assessment = { risk: 'safe', rows: 0 };
const safe = async (): Promise<Assessment> => SAFE;
const TEXTUAL = new Set(['text', 'textarea', 'email', 'phone', 'url', 'picklist', 'autonumber', 'richtext']);

/** Count of rows matching `where` and the first ten ids (by id). */
async function matching(trx: Trx, schema: string, table: string, where: RawBuilder<unknown>): Promise<{ count: number; ids: string[] }> {
  const result = await sql<{ id: string; n: number }>`
    select id::text as id, count(*) over ()::int as n from ${sql.id(schema, table)} where ${where} order by id limit 10`.execute(trx);
  return { count: result.rows[0]?.n ?? 0, ids: result.rows.map((row) => row.id) };
}

async function countRows(trx: Trx, schema: string, table: string, where: RawBuilder<unknown> = sql`true`): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.id(schema, table)} where ${where}`.execute(trx);
  return result.rows[0]?.n ?? 0;
}

function violation(
  code: ErrorCode,
  path: string,
  object: string,
  field: string | undefined,
  found: { count: number; ids: string[] },
  message: string,
): Assessment {
  const first = found.ids.length > 0 ? ` (first ${found.ids.length}: ${found.ids.join(', ')})` : '';
  return {
    risk: 'safe',
    rows: found.count,
    violation: { path, code, message: `${message}${first}`, object, ...(field ? { field } : {}), count: found.count, sampleIds: found.ids },
  };
}

/** Records without a value where a required field needs one: refused, or filled from the backfill. */
async function missing(
  trx: Trx,
  context: AssessContext,
  object: string,
  field: NormalisedField,
  column: string,
  backfill: unknown,
  path: string,
): Promise<Assessment> {
  const table = context.tableOf(object);
  if (!table) return SAFE;
  const checked = context.liveField(object, field.apiName) ?? field;
  const found = await matching(trx, context.schema, table, missingValue(checked, sql.ref(column)));
  if (found.count === 0) return SAFE;
  if (backfill !== undefined) return { risk: 'touches_data', rows: found.count };
  return violation(
    'TSR217',
    path,
    object,
    field.apiName,
    found,
    `${found.count} existing records have no value for ${object}.${field.apiName}; add "backfill": <value> to the field to fill them, or give it a default`,
  );
}

async function conversionCheck(
  trx: Trx,
  context: AssessContext,
  action: Extract<MigrationAction, { kind: 'alter_column_type' }>,
  table: string,
  column: string,
): Promise<Assessment | undefined> {
  const { object, field, from, to, conversion } = action;
  const ref = sql.ref(column);
  const path = context.pathOf(object, field, '/type');
  const name = `${object}.${field}`;
  /** Refuses the conversion while rows match `bad`, quoting up to five of their values. */
  const refuseValues = async (bad: RawBuilder<unknown>, problem: (count: number, values: string) => string): Promise<Assessment | undefined> => {
    const found = await matching(trx, context.schema, table, bad);
    if (found.count === 0) return undefined;
    const sample = await sql<{ v: string }>`select distinct ${ref} as v from ${sql.id(context.schema, table)} where ${bad} order by 1 limit 5`.execute(trx);
    const values = sample.rows.map((row) => JSON.stringify(row.v)).join(', ');
    return violation('TSR217', path, object, field, found, problem(found.count, values));
  };
  if (conversion === 'to_picklist' && to.type === 'picklist') {
    const known = to.values.map((value) => value.apiName);
    return refuseValues(
      sql`${ref} is not null and ${ref} <> '' and ${ref} not in (${sql.join(known)})`,
      (count, values) =>
        `${count} records of ${name} hold values that are not values of the picklist (${values}); add them to the list or correct the records first`,
    );
  }
  if (conversion === 'to_time') {
    // PostgreSQL's time input also takes 'allballs', '9:30 pm' and fractions: only what the API accepts converts.
    return refuseValues(
      sql`${ref} is not null and btrim(${ref}) <> '' and btrim(${ref}) !~ ${TIME_INPUT_PATTERN}`,
      (count, values) => `${count} records of ${name} hold values that are not times of day as HH:MM or HH:MM:SS (${values}); correct them first`,
    );
  }
  const maxLength = 'maxLength' in to && typeof to.maxLength === 'number' ? to.maxLength : to.type === 'picklist' ? 80 : undefined;
  if (maxLength !== undefined && (TEXTUAL.has(from.type) || conversion === 'to_text')) {
    const text = from.type === 'date' || from.type === 'datetime' || !TEXTUAL.has(from.type) ? sql`${ref}::text` : ref;
    const found = await matching(trx, context.schema, table, sql`length(${text}) > ${maxLength}`);
    if (found.count > 0)
      return violation('TSR217', path, object, field, found, `${found.count} records of ${name} have values longer than ${maxLength} characters`);
  }
  if ('precision' in to && 'precision' in from && conversion === 'retype') {
    const limit = sql.raw(`1e${to.precision - to.scale}`);
    const scale = sql.lit(to.scale);
    const found = await matching(trx, context.schema, table, sql`${ref} is not null and (abs(${ref}) >= ${limit} or ${ref} <> round(${ref}, ${scale}))`);
    if (found.count > 0) {
      return violation(
        'TSR217',
        path,
        object,
        field,
        found,
        `${found.count} records of ${name} have values that do not fit ${columnStorage(to)} without losing digits`,
      );
    }
  }
  return undefined;
}

const ASSESSORS: { [K in MigrationActionKind]: Assessor<K> } = {
  create_table: safe,
  create_sequence: safe,
  create_index: safe,
  create_link_table: safe,
  update_metadata: safe,
  update_calendar: safe,
  rename_column: safe,
  rename_index: safe,
  drop_index: safe,
  drop_unique: safe,
  set_default: safe,
  sync_rollup_triggers: safe,
  sync_duplicate_trigger: safe,

  async add_column(trx, { object, field, backfill }, context) {
    const table = context.tableOf(object);
    if (!table) return SAFE;
    // A nullable column, or one with a constant default, is a catalog-only change in PostgreSQL
    // 11+: no row is touched, so no count either (it would scan the table under the metadata lock).
    if (field.type !== 'autonumber' && !(field.required && !columnDefault(field))) return SAFE;
    const rows = await countRows(trx, context.schema, table);
    if (rows === 0) return SAFE;
    // A volatile default (the autonumber's nextval) makes PostgreSQL write every row.
    if (field.type === 'autonumber') return { risk: 'rewrites_table', rows };
    if (field.required && !columnDefault(field)) {
      if (backfill !== undefined) return { risk: 'touches_data', rows };
      const found = await matching(trx, context.schema, table, sql`true`);
      return violation(
        'TSR217',
        context.pathOf(object, field.apiName),
        object,
        field.apiName,
        found,
        `${rows} existing records would have no value for the new required field ${object}.${field.apiName}; add "backfill": <value> to the field, or give it a default`,
      );
    }
    return SAFE;
  },

  async add_unique(trx, { object, field }, context) {
    const table = context.tableOf(object);
    const column = context.columnOf(object, field);
    if (!table) return SAFE;
    const path = context.pathOf(object, field, '/unique');
    if (!column) {
      const next = context.nextField(object, field);
      const rows = await countRows(trx, context.schema, table, sql`deleted_at is null`);
      if (next && columnDefault(next) && rows > 1) {
        const found = await matching(trx, context.schema, table, sql`deleted_at is null`);
        return violation('TSR217', path, object, field, found, `${rows} existing records would all get the default of the new unique field ${object}.${field}`);
      }
      return SAFE;
    }
    const ref = sql.ref(column);
    const duplicated = sql`deleted_at is null and ${ref} in (
      select ${ref} from ${sql.id(context.schema, table)} where deleted_at is null and ${ref} is not null group by ${ref} having count(*) > 1)`;
    const found = await matching(trx, context.schema, table, duplicated);
    if (found.count === 0) return SAFE;
    return violation(
      'TSR217',
      path,
      object,
      field,
      found,
      `${found.count} records share a value of ${object}.${field} with another record; make the values unique first`,
    );
  },

  async add_foreign_key(trx, { object, field, target }, context) {
    const table = context.tableOf(object);
    const column = context.columnOf(object, field);
    const targetTable = context.tableOf(target);
    if (!table || !column) return SAFE;
    const ref = sql.ref(column);
    const dangling = targetTable
      ? sql`${ref} is not null and not exists (select 1 from ${sql.id(context.schema, targetTable)} x where x.id = ${ref})`
      : sql`${ref} is not null`;
    const found = await matching(trx, context.schema, table, dangling);
    if (found.count === 0) return SAFE;
    return violation(
      'TSR217',
      context.pathOf(object, field, '/target'),
      object,
      field,
      found,
      `${found.count} records of ${object}.${field} point at ${target} records that do not exist`,
    );
  },

  async alter_column_type(trx, action, context) {
    const table = context.tableOf(action.object);
    const column = context.columnOf(action.object, action.field);
    if (!table || !column) return SAFE;
    const refused = await conversionCheck(trx, context, action, table, column);
    if (refused) return refused;
    if (!rewritesTable(action.from, action.to, action.conversion)) return SAFE;
    return { risk: 'rewrites_table', rows: await countRows(trx, context.schema, table) };
  },

  async set_required(trx, { object, field, required, backfill, to }, context) {
    const column = context.columnOf(object, field);
    if (!required || !column) return SAFE;
    return missing(trx, context, object, to, column, backfill, context.pathOf(object, field, '/required'));
  },

  async alter_foreign_key(trx, { object, field, fromTarget, target }, context) {
    const table = context.tableOf(object);
    const column = context.columnOf(object, field);
    if (fromTarget === target || !table || !column) return SAFE;
    const found = await matching(trx, context.schema, table, sql`${sql.ref(column)} is not null`);
    if (found.count === 0) return SAFE;
    return violation(
      'TSR224',
      context.pathOf(object, field, '/target'),
      object,
      field,
      found,
      `${found.count} records use the lookup ${object}.${field}, which points at ${fromTarget}; a lookup cannot change its target while records use it (clear them, or add a new lookup field)`,
    );
  },

  async remap_picklist_values(trx, { object, field, multiple, renames }, context) {
    const table = context.tableOf(object);
    const column = context.columnOf(object, field);
    if (!table || !column) return SAFE;
    const rows = await countRows(
      trx,
      context.schema,
      table,
      usesValues(
        column,
        multiple,
        renames.map((rename) => rename.from),
      ),
    );
    return rows > 0 ? { risk: 'touches_data', rows } : SAFE;
  },

  async remove_picklist_values(trx, { object, field, multiple, values }, context) {
    const table = context.tableOf(object);
    const column = context.columnOf(object, field);
    if (!table || !column) return SAFE;
    const found = await matching(trx, context.schema, table, usesValues(column, multiple, values));
    if (found.count === 0) return SAFE;
    return violation(
      'TSR217',
      context.pathOf(object, field, '/values'),
      object,
      field,
      found,
      `${found.count} records of ${object}.${field} hold the removed value(s) ${values.join(', ')}; deactivate them ("inactive": true) or rename them ("renamedFrom") instead`,
    );
  },

  async check_dependent_values(trx, action, context) {
    const table = context.tableOf(action.object);
    const column = context.columnOf(action.object, action.field);
    if (!table || !column) return SAFE;
    const controller = context.columnOf(action.object, action.controllingField);
    const found = await matching(trx, context.schema, table, disallowedDependentValues(column, controller, action.multiple, action.dependentValues));
    if (found.count === 0) return SAFE;
    return violation(
      'TSR217',
      context.pathOf(action.object, action.field, '/dependentValues'),
      action.object,
      action.field,
      found,
      `${found.count} records of ${action.object}.${action.field} hold a value that ${action.object}.${action.controllingField} would no longer allow; allow it in dependentValues or change those records first`,
    );
  },

  async drop_column(trx, { object, field }, context) {
    const table = context.tableOf(object);
    if (!table) return SAFE;
    const rows = await countRows(trx, context.schema, table, sql`${sql.ref(field.apiName)} is not null`);
    return { risk: rows > 0 ? 'destructive' : 'safe', rows };
  },

  // Every link becomes a junction record; a required junction field without a default cannot be filled.
  async move_links_to_junction(trx, action, context) {
    const rows = await countLinks(trx, context.schema, action.table);
    const unfilled = action.required.filter((name) => {
      const field = context.nextField(action.junction.object, name);
      return !field || (!columnDefault(field) && field.type !== 'autonumber');
    });
    if (rows > 0 && unfilled.length > 0) {
      return violation(
        'TSR255',
        context.pathOf(action.object, action.field, '/junction'),
        action.object,
        action.field,
        { count: rows, ids: [] },
        `${rows} links of ${action.object}.${action.field} cannot become ${action.junction.object} records: ${unfilled.join(', ')} is required and has no default; give it a default first`,
      );
    }
    return { risk: rows > 0 ? 'touches_data' : 'safe', rows };
  },

  // The links go with the table (no soft drop: a link means nothing without its field).
  async drop_link_table(trx, { table }, context) {
    const rows = await countLinks(trx, context.schema, table);
    return { risk: rows > 0 ? 'destructive' : 'safe', rows };
  },

  async drop_table(trx, { object }, context) {
    const table = context.tableOf(object);
    const rows = table ? await countRows(trx, context.schema, table) : 0;
    return { risk: rows > 0 ? 'destructive' : 'safe', rows };
  },

  async restore_column(trx, { object, field, hiddenName, backfill }, context) {
    const table = context.tableOf(object);
    if (!table) return SAFE;
    const rows = await countRows(trx, context.schema, table, sql`${sql.ref(hiddenName)} is not null`);
    if (field.required && field.type !== 'autonumber') {
      const refused = await missing(trx, context, object, field, hiddenName, backfill, context.pathOf(object, field.apiName, '/required'));
      if (refused.violation || refused.risk !== 'safe') return { ...refused, rows: Math.max(rows, refused.rows) };
    }
    return { risk: 'safe', rows };
  },

  async restore_table(trx, { hiddenName }, context) {
    return { risk: 'safe', rows: await countRows(trx, context.schema, hiddenName) };
  },

  async backfill_rollup(trx, { object, cascades = [] }, context) {
    // Every parent record is rewritten with its recomputed value, whether or not it has children;
    // rewriting it fires the roll-up triggers above (opportunity.quoted after quote.total), which
    // can rewrite every record of those objects too: the count is that upper bound.
    let rows = 0;
    for (const name of [object, ...cascades]) {
      const table = context.tableOf(name);
      if (table) rows += await countRows(trx, context.schema, table);
    }
    return rows > 0 ? { risk: 'touches_data', rows } : SAFE;
  },

  async backfill_duplicate_keys(trx, { object, rules }, context) {
    // Reads every record to store its keys; the records themselves do not change (like building
    // an index), so it is safe, but the plan shows how many it reads.
    const table = context.tableOf(object);
    if (!table || rules.length === 0) return SAFE;
    return { risk: 'safe', rows: await countRows(trx, context.schema, table) };
  },
};

/** Rows whose dependent value the map does not allow with their controlling value (a new controller column is null everywhere). */
function disallowedDependentValues(column: string, controller: string | undefined, multiple: boolean, map: Record<string, string[]>): RawBuilder<unknown> {
  const ref = sql.ref(column);
  const held = multiple ? sql`(${ref} is not null and jsonb_array_length(${ref}) > 0)` : sql`${ref} is not null`;
  const pairs = controller
    ? Object.entries(map).map(([key, allowed]) => {
        const fits = multiple
          ? sql`${ref} <@ cast(${JSON.stringify(allowed)} as jsonb)`
          : allowed.length > 0
            ? sql`${ref} in (${sql.join(allowed)})`
            : sql`false`;
        return sql`(cast(${sql.ref(controller)} as text) = ${key} and ${fits})`;
      })
    : [];
  return pairs.length > 0 ? sql`${held} and not (${sql.join(pairs, sql` or `)})` : held;
}

function usesValues(column: string, multiple: boolean, values: readonly string[]): RawBuilder<unknown> {
  const ref = sql.ref(column);
  return multiple ? sql`${ref} ?| cast(array[${sql.join(values)}] as text[])` : sql`${ref} in (${sql.join(values)})`;
}

export async function assessAction(trx: Trx, action: MigrationAction, context: AssessContext): Promise<Assessment> {
  return (ASSESSORS[action.kind] as Assessor<typeof action.kind>)(trx, action as never, context);
}
