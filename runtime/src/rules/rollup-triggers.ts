// Roll-up fields → PostgreSQL triggers generated from metadata. Each child table gets one
// statement-level trigger per event (insert, update, delete) with transition tables; its function
// collects the parent ids touched (old and new lookup values of the changed rows), locks those
// parents in id order, then recomputes each roll-up with one UPDATE … SET x = (SELECT agg …).
// An insert adds the new rows' aggregate to count, sum, min and max instead (rollup-delta.ts), so
// an import does not re-read every child of each parent it touches.
//
// Why triggers: every write path — the records API, delete cascades and set-null, restore,
// metadata backfills, other services, even hand-written SQL — keeps roll-ups consistent in the
// same transaction, with no hook to forget. Why lock-then-recompute: under READ COMMITTED each
// statement of a PL/pgSQL function takes a new snapshot, so the recompute, which runs after the
// parent lock is granted, sees every child change committed before it; concurrent child writes of
// one parent serialise on the parent row and the last one computes from all of them. The lock is
// FOR NO KEY UPDATE (what the UPDATE itself takes): FOR UPDATE would conflict with the KEY SHARE
// locks the children's foreign-key checks hold on the same parent and deadlock concurrent inserts.
import { fnv1aHex, type MetadataSnapshot, type NormalisedObject, type NormalisedRollupField, varNames } from '@tessera/metadata';
import { type Kysely, sql } from 'kysely';
import { compileFilter, type FilterScope } from '../filter/index.ts';
import { columnRef, fieldColumnKind } from '../catalog/column-kinds.ts';
import { inlineSql } from './inline-sql.ts';
import { DEFERRED_SETTING, PENDING_TABLE } from './rollup-deferral-names.ts';
import { rollupDelta } from './rollup-delta.ts';
import { summarisedColumns, summarisedSql } from './rollup-inputs.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant schemas are dynamic
type Db = Kysely<any>;

export interface RollupOnChild {
  parent: NormalisedObject;
  field: NormalisedRollupField;
}

/** Child object api name → the roll-ups that summarise it, in a fixed order (parent, field). */
export function rollupsByChild(snapshot: MetadataSnapshot): Map<string, RollupOnChild[]> {
  const byChild = new Map<string, RollupOnChild[]>();
  for (const parent of snapshot.objects) {
    for (const field of parent.fields) {
      if (field.type !== 'rollup') continue;
      const list = byChild.get(field.childObject) ?? [];
      list.push({ parent, field });
      byChild.set(field.childObject, list);
    }
  }
  for (const list of byChild.values()) list.sort((a, b) => key(a).localeCompare(key(b)));
  return byChild;
}

const key = (rollup: RollupOnChild) => `${rollup.parent.apiName}\u0000${rollup.field.childField}\u0000${rollup.field.apiName}`;

export const rollupFunctionName = (child: string): string => `_rollup_${fnv1aHex(child)}_${child}`.slice(0, 63);

/** The aggregate of one roll-up for the parent row `p`, as SQL text. */
export function aggregateSql(db: Db, schema: string, child: NormalisedObject, field: NormalisedRollupField): string {
  const table = `${quote(schema)}.${quote(child.apiName)}`;
  const where = `c.${quote(field.childField)} = p.id and ${rowCondition(db, child, field)}`;
  const value = summarisedSql(db, child, field);
  switch (field.function) {
    case 'count':
      return `(select count(*) from ${table} as c where ${where})`;
    case 'sum':
      return `coalesce((select sum(${value}) from ${table} as c where ${where}), 0)`;
    case 'min':
    case 'max':
      return `(select ${field.function}(${value}) from ${table} as c where ${where})`;
    // Rounded to the column's scale here, so "is distinct from" compares like with like and an
    // unchanged average does not rewrite the parent.
    case 'avg':
      return `round((select avg(${value}) from ${table} as c where ${where}), ${field.result.scale})`;
    case 'count_distinct':
      return `(select count(distinct ${value}) from ${table} as c where ${where})`;
  }
}

/** Whether a child row `c` counts towards the roll-up: not deleted, and its filter when it has one. */
function rowCondition(db: Db, child: NormalisedObject, field: NormalisedRollupField): string {
  return field.filter === undefined ? 'c.deleted_at is null' : `c.deleted_at is null and (${filterSql(db, child, field.filter)})`;
}

function filterSql(db: Db, child: NormalisedObject, filter: unknown): string {
  const scope: FilterScope = {
    resolve(name) {
      const standard = STANDARD_TYPES[name];
      if (standard) return { ref: sql.ref(`c.${name}`), type: standard };
      const field = child.fields.find((candidate) => candidate.apiName === name && candidate.type !== 'formula');
      return field ? { ref: columnRef(fieldColumnKind(field), 'c', name), type: fieldColumnKind(field).filterType } : undefined;
    },
  };
  const compiled = compileFilter(filter, scope);
  // Metadata validation checked the filter; a refusal here means a corrupt revision.
  if (!compiled.ok) throw new Error(`roll-up filter does not compile: ${compiled.errors.map((error) => error.message).join('; ')}`);
  return inlineSql(compiled.value, db);
}

const STANDARD_TYPES: Record<string, 'uuid' | 'datetime' | 'number'> = {
  id: 'uuid',
  owner_id: 'uuid',
  created_by: 'uuid',
  created_at: 'datetime',
  updated_at: 'datetime',
  version: 'number',
  deleted_at: 'datetime',
};

/** The child's roll-ups grouped by parent object and lookup: one block of the trigger function each. */
export function rollupGroups(rollups: readonly RollupOnChild[]): RollupOnChild[][] {
  const groups = new Map<string, RollupOnChild[]>();
  for (const rollup of rollups) {
    const group = `${rollup.parent.apiName}\u0000${rollup.field.childField}`;
    groups.set(group, [...(groups.get(group) ?? []), rollup]);
  }
  return [...groups.values()];
}

/** CREATE FUNCTION text of a child's roll-up trigger function. */
export function rollupFunctionSql(db: Db, schema: string, child: NormalisedObject, rollups: readonly RollupOnChild[]): string {
  const blocks = rollupGroups(rollups).map((group) => groupBlock(db, schema, child, group));
  return `create or replace function ${quote(schema)}.${quote(rollupFunctionName(child.apiName))}() returns trigger
language plpgsql as $rollup$
declare
  parent_ids uuid[];
  deferred boolean := coalesce(current_setting('${DEFERRED_SETTING}', true), '') = 'on';
begin
${blocks.join('\n')}
  return null;
end
$rollup$`;
}

/**
 * One parent object and lookup: collect touched parent ids, then (unless an import defers them to
 * its end, rollup-deferral.ts) lock them in order and recompute, or add an insert's deltas.
 */
function groupBlock(db: Db, schema: string, child: NormalisedObject, group: readonly RollupOnChild[]): string {
  const { parent, field: first } = group[0] as RollupOnChild;
  const lookup = quote(first.childField);
  // Columns whose change can move a roll-up: the lookup, deleted_at, summarised and filtered fields.
  const watched = new Set<string>([first.childField, 'deleted_at']);
  for (const { field } of group) {
    for (const name of summarisedColumns(child, field)) watched.add(name);
    if (field.filter !== undefined) for (const name of varNames(field.filter)) watched.add(name);
  }
  const changed = [...watched].map((name) => `o.${quote(name)} is distinct from n.${quote(name)}`).join(' or ');
  const pending = [child.apiName, parent.apiName, first.childField].map(literal).join(', ');
  return `  if tg_op = 'INSERT' then
    select array_agg(distinct x order by x) into parent_ids from (select ${lookup} from new_rows) s(x) where x is not null;
  elsif tg_op = 'UPDATE' then
    select array_agg(distinct x order by x) into parent_ids from (
      select o.${lookup} from old_rows o join new_rows n on n.id = o.id where ${changed}
      union all
      select n.${lookup} from old_rows o join new_rows n on n.id = o.id where ${changed}
    ) s(x) where x is not null;
  else
    select array_agg(distinct x order by x) into parent_ids from (select ${lookup} from old_rows) s(x) where x is not null;
  end if;
  if parent_ids is not null then
    if deferred and tg_op = 'INSERT' and ${hasDelta(child, group)} then
      -- Recorded by child id: the flush adds the rows' aggregates to parents nothing else recomputes.
      insert into pg_temp.${PENDING_TABLE} (child, parent, lookup, inserted_id) select ${pending}, id from new_rows where ${lookup} is not null;
    elsif deferred then
      insert into pg_temp.${PENDING_TABLE} (child, parent, lookup, parent_id) select ${pending}, unnest(parent_ids);
    elsif tg_op = 'INSERT' then
${insertStatements(db, schema, child, group)}
    else
${recomputeInTrigger(db, schema, child, group)}
    end if;
  end if;`;
}

/**
 * Lock the parents `ids` (an SQL uuid[] expression) in id order, then recompute the group's roll-ups
 * on those whose value changes: the trigger's UPDATE/DELETE path and a deferred import's flush.
 */
export function recomputeStatements(db: Db, schema: string, child: NormalisedObject, group: readonly RollupOnChild[], ids: string): RecomputeSql {
  const parentTable = `${quote(schema)}.${quote((group[0] as RollupOnChild).parent.apiName)}`;
  const assignments = group.map(({ field }) => `${quote(field.apiName)} = ${aggregateSql(db, schema, child, field)}`);
  const differs = group.map(({ field }) => `p.${quote(field.apiName)} is distinct from ${aggregateSql(db, schema, child, field)}`);
  return {
    locked: `1 from ${parentTable} where id = any(${ids}) order by id for no key update`,
    update: `update ${parentTable} as p set ${assignments.join(', ')} where p.id = any(${ids}) and (${differs.join(' or ')})`,
  };
}

/** The lock (a select list and what follows: PL/pgSQL runs it with PERFORM, a client with SELECT) and the UPDATE. */
export interface RecomputeSql {
  locked: string;
  update: string;
}

/** The recompute as PL/pgSQL statements inside the trigger function. */
function recomputeInTrigger(db: Db, schema: string, child: NormalisedObject, group: readonly RollupOnChild[]): string {
  const { locked, update } = recomputeStatements(db, schema, child, group, 'parent_ids');
  return `      perform ${locked};\n      ${update};`;
}

/** Whether a roll-up of the group composes on insert (rollup-delta.ts), as SQL text for the trigger. */
function hasDelta(child: NormalisedObject, group: readonly RollupOnChild[]): 'true' | 'false' {
  return group.some(({ field }) => rollupDelta(child, field, '', '') !== undefined) ? 'true' : 'false';
}

/** The INSERT path inside the trigger: the statement's new rows added to their parents. */
function insertStatements(db: Db, schema: string, child: NormalisedObject, group: readonly RollupOnChild[]): string {
  const deltas = deltaStatements(db, schema, child, group, 'new_rows');
  if (!deltas) return recomputeInTrigger(db, schema, child, group);
  return `      perform ${deltas.locked};\n      ${deltas.update};`;
}

/**
 * When a roll-up of the group composes (rollup-delta.ts): lock the parents of the inserted rows
 * `rows` (a relation of child rows: the trigger's transition table, or a deferred import's rows
 * read back by id) and add their aggregates per parent to the stored values, the group's other
 * roll-ups recomputed in the same UPDATE. Undefined when none composes.
 */
export function deltaStatements(db: Db, schema: string, child: NormalisedObject, group: readonly RollupOnChild[], rows: string): RecomputeSql | undefined {
  const deltas = group.map(({ field }) => rollupDelta(child, field, rowCondition(db, child, field), summarisedSql(db, child, field)));
  if (deltas.every((delta) => delta === undefined)) return undefined;
  const { parent, field: first } = group[0] as RollupOnChild;
  const parentTable = `${quote(schema)}.${quote(parent.apiName)}`;
  const lookup = `c.${quote(first.childField)}`;
  const aggregates = deltas.flatMap((delta, index) => (delta ? [`${delta.aggregate} as d${index}`] : []));
  const assignments = group.map(({ field }, index) => {
    const delta = deltas[index];
    const column = quote(field.apiName);
    return `${column} = ${delta ? delta.combine(`p.${column}`, `d.d${index}`) : aggregateSql(db, schema, child, field)}`;
  });
  const changes = group.map(({ field }, index) => {
    const delta = deltas[index];
    const column = `p.${quote(field.apiName)}`;
    return delta ? delta.changes(column, `d.d${index}`) : `${column} is distinct from ${aggregateSql(db, schema, child, field)}`;
  });
  return {
    locked: `1 from ${parentTable} where id in (select ${lookup} from ${rows} as c) order by id for no key update`,
    update: `update ${parentTable} as p set ${assignments.join(', ')}
      from (select ${lookup} as parent_id, ${aggregates.join(', ')} from ${rows} as c where ${lookup} is not null group by ${lookup}) as d
      where p.id = d.parent_id and (${changes.join(' or ')})`,
  };
}

/**
 * Re-creates the trigger function of one child and its three triggers from the snapshot, or only
 * removes them when no roll-up reads the child any more (the sync_rollup_triggers migration action).
 */
export async function syncChildRollupTriggers(db: Db, schema: string, childName: string, snapshot: MetadataSnapshot): Promise<void> {
  // CASCADE takes the function's triggers with it wherever they are, also on a table soft-dropped
  // (renamed) earlier in the same plan.
  await sql`drop function if exists ${sql.id(schema, rollupFunctionName(childName))}() cascade`.execute(db);
  const rollups = rollupsByChild(snapshot).get(childName);
  const child = snapshot.objects.find((object) => object.apiName === childName);
  if (!rollups || !child) return;
  await sql.raw(rollupFunctionSql(db, schema, child, rollups)).execute(db);
  const fn = sql.id(schema, rollupFunctionName(childName));
  const table = sql.id(schema, childName);
  await sql`create trigger tsr_rollup_insert after insert on ${table} referencing new table as new_rows for each statement execute function ${fn}()`.execute(
    db,
  );
  await sql`create trigger tsr_rollup_update after update on ${table} referencing old table as old_rows new table as new_rows for each statement execute function ${fn}()`.execute(
    db,
  );
  await sql`create trigger tsr_rollup_delete after delete on ${table} referencing old table as old_rows for each statement execute function ${fn}()`.execute(
    db,
  );
}

/**
 * Recomputes one roll-up on every parent row (when the field is added or its definition changes).
 * Count, sum and count_distinct also get the column default 0, so a new parent reads 0 before any child exists.
 */
export async function backfillRollup(db: Db, schema: string, parent: NormalisedObject, child: NormalisedObject, field: NormalisedRollupField): Promise<void> {
  const empty = field.function === 'count' || field.function === 'sum' || field.function === 'count_distinct' ? sql`0` : sql`null`;
  await sql`alter table ${sql.id(schema, parent.apiName)} alter column ${sql.id(field.apiName)} set default ${empty}`.execute(db);
  await sql.raw(`update ${quote(schema)}.${quote(parent.apiName)} as p set ${quote(field.apiName)} = ${aggregateSql(db, schema, child, field)}`).execute(db);
}

/** Identifiers here are validated api names or tenant schema names; quoting keeps them exact. */
const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;
const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;
