// 查重 storage: one row per (object, rule, record) in the tenant's `_dup_keys` with the record's
// normalised match key (metadata's duplicateMatchKey, the one normalisation function). A partial
// unique index over (object, rule, md5(key)) for blocking rules on live records makes PostgreSQL the
// judge: of two concurrent creates of the same duplicate, the second waits for the first and then
// finds the conflict. `live` follows the record's deleted_at through a generated trigger, so
// deletes, cascades and restores (any write path) keep it right.
import { duplicateMatchKey, type NormalisedDuplicateRule, type NormalisedObject } from '@tessera/metadata';
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: tenant schemas are dynamic
type Db = Kysely<any>;

export const DUPLICATE_BLOCK_INDEX = '_dup_keys_block';

export async function ensureDuplicateKeyTable(db: Db, schema: string): Promise<void> {
  await sql`
    create table if not exists ${sql.id(schema, '_dup_keys')} (
      object text not null,
      rule text not null,
      record_id uuid not null,
      key text not null,
      blocking boolean not null,
      live boolean not null default true,
      primary key (object, rule, record_id)
    )`.execute(db);
  // Indexes hold md5(key), not the key: a B-tree entry must fit in a third of a page (~2.7 kB),
  // and a key from a long text field did not (a 500 on write). Equal keys have equal digests, so
  // the unique index blocks exactly as before; lookups compare the key too, so only a deliberately
  // crafted md5 collision could block a record that is no duplicate. Tenants created before keep
  // their key indexes until their next apply, which replaces them here.
  const existing = await sql<{ name: string; definition: string }>`
    select indexname as name, indexdef as definition from pg_indexes
    where schemaname = ${schema} and tablename = '_dup_keys' and indexname in (${DUPLICATE_BLOCK_INDEX}, '_dup_keys_lookup')`.execute(db);
  for (const index of existing.rows) {
    if (!index.definition.includes('md5(')) await sql`drop index ${sql.id(schema, index.name)}`.execute(db);
  }
  await sql`create unique index if not exists ${sql.id(DUPLICATE_BLOCK_INDEX)} on ${sql.id(schema, '_dup_keys')} (object, rule, md5(key)) where blocking and live`.execute(
    db,
  );
  await sql`create index if not exists ${sql.id('_dup_keys_lookup')} on ${sql.id(schema, '_dup_keys')} (object, rule, md5(key))`.execute(db);
}

/**
 * The live-flag trigger of one object (the sync_duplicate_trigger migration action): dropped
 * wherever it is (found by its argument, the object's name, so also on a table soft-dropped earlier
 * in the plan), then created again on the object's table when `enabled`.
 */
export async function syncDuplicateTrigger(db: Db, schema: string, object: string, enabled: boolean): Promise<void> {
  const triggers = await sql<{ table: string }>`
    select c.relname as "table" from pg_trigger t
    join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and t.tgname = 'tsr_dup_keys_live' and not t.tgisinternal
      and t.tgargs = convert_to(${object}, 'UTF8') || '\\x00'::bytea`.execute(db);
  for (const row of triggers.rows) await sql`drop trigger tsr_dup_keys_live on ${sql.id(schema, row.table)}`.execute(db);
  if (!enabled) return;
  // One function for all objects: the object's api name is the trigger's argument.
  await sql
    .raw(`create or replace function ${quote(schema)}._dup_keys_live() returns trigger language plpgsql as $live$
begin
  update ${quote(schema)}._dup_keys d set live = (n.deleted_at is null)
  from new_rows n where d.object = tg_argv[0] and d.record_id = n.id and d.live is distinct from (n.deleted_at is null);
  return null;
end
$live$`)
    .execute(db);
  await sql`create trigger tsr_dup_keys_live after update on ${sql.id(schema, object)} referencing new table as new_rows
    for each statement execute function ${sql.id(schema, '_dup_keys_live')}(${sql.lit(object)})`.execute(db);
}

/** Deletes the stored keys of rules that were removed or turned inactive. */
export async function clearDuplicateKeys(db: Db, schema: string, object: string, rules: readonly string[]): Promise<void> {
  if (rules.length === 0) return;
  await sql`delete from ${sql.id(schema, '_dup_keys')} where object = ${object} and rule in (${sql.join(rules)})`.execute(db);
}

// Keys inserted per statement by a backfill: a few thousand keep the statement's parameters
// (6 per row) well under PostgreSQL's 65,535 limit.
const BACKFILL_BATCH = 2000;

/**
 * Rewrites every record's keys for the object's rules (a rule added or changed), in batches of
 * multi-row inserts. A key that a blocking rule already holds for another live record is not
 * stored (ON CONFLICT DO NOTHING, also between rows of one batch) and is counted as a conflict.
 */
export async function backfillDuplicateKeys(
  db: Db,
  schema: string,
  object: NormalisedObject,
  rules: readonly NormalisedDuplicateRule[],
): Promise<{ rule: string; conflicts: number }[]> {
  const report: { rule: string; conflicts: number }[] = [];
  for (const rule of rules) {
    await sql`delete from ${sql.id(schema, '_dup_keys')} where object = ${object.apiName} and rule = ${rule.apiName}`.execute(db);
    if (!rule.active) continue;
    const names = rule.fields.map((match) => match.field);
    const rows = await sql<{ id: string; deleted: boolean; values: Record<string, unknown> }>`
      select id, deleted_at is not null as deleted, json_build_object(${sql.join(names.map((name) => sql`${sql.lit(name)}, ${sql.ref(name)}`))}) as values
      from ${sql.id(schema, object.apiName)} order by id`.execute(db);
    const keyed = rows.rows.flatMap((row) => {
      const key = duplicateMatchKey(row.values, rule.fields);
      return key === null ? [] : [{ id: row.id, key, live: !row.deleted }];
    });
    let conflicts = 0;
    for (let start = 0; start < keyed.length; start += BACKFILL_BATCH) {
      const batch = keyed.slice(start, start + BACKFILL_BATCH);
      const values = batch.map((row) => sql`(${object.apiName}, ${rule.apiName}, ${row.id}::uuid, ${row.key}, ${rule.action === 'block'}, ${row.live})`);
      const inserted = await sql`
        insert into ${sql.id(schema, '_dup_keys')} (object, rule, record_id, key, blocking, live)
        values ${sql.join(values)}
        on conflict do nothing returning 1`.execute(db);
      conflicts += batch.length - inserted.rows.length;
    }
    report.push({ rule: rule.apiName, conflicts });
  }
  return report;
}

export interface DuplicateMatch {
  rule: string;
  action: 'block' | 'warn';
  ids: string[];
}

/**
 * Stores the record's keys for every active rule (in the caller's transaction) and returns the
 * live records that share a key. A blocking key that another live record holds is not stored
 * (the unique index refuses it, waiting for a concurrent writer to finish first).
 */
export async function writeDuplicateKeys(
  db: Db,
  schema: string,
  object: NormalisedObject,
  record: Readonly<Record<string, unknown>>,
  isUpdate: boolean,
): Promise<DuplicateMatch[]> {
  const id = record.id as string;
  const rules = (object.duplicateRules ?? []).filter((rule) => rule.active);
  if (isUpdate) await sql`delete from ${sql.id(schema, '_dup_keys')} where object = ${object.apiName} and record_id = ${id}::uuid`.execute(db);
  const matches: DuplicateMatch[] = [];
  for (const rule of rules) {
    const key = duplicateMatchKey(record, rule.fields);
    if (key === null) continue;
    await sql`
      insert into ${sql.id(schema, '_dup_keys')} (object, rule, record_id, key, blocking, live)
      values (${object.apiName}, ${rule.apiName}, ${id}::uuid, ${key}, ${rule.action === 'block'}, true)
      on conflict do nothing`.execute(db);
    const others = await sql<{ record_id: string }>`
      select record_id from ${sql.id(schema, '_dup_keys')}
      where object = ${object.apiName} and rule = ${rule.apiName} and md5(key) = md5(${key}) and key = ${key} and live and record_id <> ${id}::uuid
      order by record_id limit 20`.execute(db);
    if (others.rows.length > 0) matches.push({ rule: rule.apiName, action: rule.action, ids: others.rows.map((row) => row.record_id) });
  }
  return matches;
}

/**
 * The keys of many new records at once (a bulk create, an import's chunk): one statement per rule
 * stores every key and says whether any record shares a key — with a live record already stored or
 * with another record of the set. True when none does and every key was stored. On false the caller
 * rolls the statements back and asks record by record (writeDuplicateKeys), which also decides what
 * a record sees of the set's earlier records, as one-by-one creates would; a set without duplicates
 * gets the same stored keys either way. Creates only: an update's old keys are deleted record by
 * record, so what the set sees of the others' keys differs (two records swapping codes).
 */
export async function writeNewRecordsKeysUnmatched(
  db: Db,
  schema: string,
  object: NormalisedObject,
  records: readonly Readonly<Record<string, unknown>>[],
): Promise<boolean> {
  const table = sql.id(schema, '_dup_keys');
  for (const rule of (object.duplicateRules ?? []).filter((candidate) => candidate.active)) {
    const ids: string[] = [];
    const keys: string[] = [];
    for (const record of records) {
      const key = duplicateMatchKey(record, rule.fields);
      if (key === null) continue;
      ids.push(record.id as string);
      keys.push(key);
    }
    if (ids.length === 0) continue;
    // A blocking rule's live keys are unique by the block index (its stored keys are rewritten when
    // the rule changes, and a blocking rule over existing duplicates is refused), so a plain INSERT
    // is the whole check: a key another live record holds (or a concurrent writer is storing), or
    // two records of the set sharing one, fail it with a unique violation, which answers "not
    // unmatched". ON CONFLICT DO NOTHING would pre-check every unique index for every key, twice
    // the insert's cost. An md5 collision of different keys fails it too; the record-by-record
    // path then decides exactly.
    if (rule.action === 'block') {
      const stored = await sql`
        insert into ${table} (object, rule, record_id, key, blocking, live)
        select ${object.apiName}, ${rule.apiName}, k.id, k.key, true, true from unnest(${ids}::uuid[], ${keys}::text[]) as k(id, key)`
        .execute(db)
        .then(() => true, unmatchedUnlessUnique);
      if (!stored) return false;
      continue;
    }
    // A warning rule's keys may repeat, so the statement looks. The inserted rows are not visible to
    // the same statement's reads: a match inside the set is found by grouping the set's own keys, a
    // match with a stored record by one index probe per key (the LATERAL … LIMIT 1 keeps the probe
    // inside a loop over the set; a plain join let the planner, with statistics taken before an
    // import's keys were stored, loop over every stored key of the rule for each key of the set).
    const result = await sql<{ matched: boolean }>`
      with k as (select * from unnest(${ids}::uuid[], ${keys}::text[]) as k(id, key)),
      ins as (
        insert into ${table} (object, rule, record_id, key, blocking, live)
        select ${object.apiName}, ${rule.apiName}, k.id, k.key, false, true from k)
      select exists (select 1 from k group by md5(k.key), k.key having count(*) > 1)
        or exists (
          select 1 from k cross join lateral (
            select 1 from ${table} d where d.object = ${object.apiName} and d.rule = ${rule.apiName}
              and md5(d.key) = md5(k.key) and d.key = k.key and d.live and d.record_id <> k.id limit 1) as m) as matched`
      .execute(db)
      .catch((error: unknown) => unmatchedUnlessUnique(error) && undefined);
    if (!result) return false;
    const row = result.rows[0];
    if (!row || row.matched) return false;
  }
  return true;
}

/** A unique violation (23505) answers "a key is shared": false. Any other error is the write's. */
function unmatchedUnlessUnique(error: unknown): false {
  if ((error as { code?: string }).code === '23505') return false;
  throw error;
}

const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;
