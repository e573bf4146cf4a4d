// Roll-ups brought up to date once at the end of an import instead of after each of its statements.
// An import is one transaction of many chunk statements; each would update the parents it touches,
// and a parent touched by every chunk gets a new row version per chunk that later statements of
// the same transaction must step over (the versions cannot be vacuumed before it ends): at 100,000
// rows the inserts and any scan of the parent table slowed fourfold by the last chunk. Deferred,
// the child triggers only record what they would have done (in a temp table, so a chunk rolled
// back to its savepoint takes its records with it): the ids of inserted rows where a roll-up adds
// deltas (rollup-delta.ts), the parents to recompute otherwise. The flush then updates each touched
// parent once, as one COPY would. Exactness under concurrency is the triggers': parents
// are locked in id order before the recompute reads the children.
//
// While deferred, the transaction's own reads of a parent's roll-up see the value from before the
// import (rules of the imported rows reading `account.pipeline_total`, say); other transactions
// never see the import's rows before the flush, which runs before commit.
import type { MetadataSnapshot } from '@tessera/metadata';
import { type Kysely, sql } from 'kysely';
import { DEFERRED_SETTING, PENDING_TABLE } from './rollup-deferral-names.ts';
import { deltaStatements, recomputeStatements, rollupsByChild } from './rollup-triggers.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant schemas are dynamic
type Db = Kysely<any>;

/** From here to the flush (or the transaction's end), this transaction's child writes only record their parents. */
export async function deferRollups(db: Db): Promise<void> {
  await sql`create temp table if not exists ${sql.id(PENDING_TABLE)} (child text not null, parent text not null, lookup text not null, parent_id uuid, inserted_id uuid) on commit drop`.execute(
    db,
  );
  await sql`select set_config(${DEFERRED_SETTING}, 'on', true)`.execute(db);
}

/** Ends the deferral and recomputes every recorded parent's roll-ups (each group once, parents in id order). */
export async function flushDeferredRollups(db: Db, schema: string, snapshot: MetadataSnapshot): Promise<void> {
  await sql`select set_config(${DEFERRED_SETTING}, 'off', true)`.execute(db);
  const pending = sql.id('pg_temp', PENDING_TABLE);
  const groups = await sql<{ child: string; parent: string; lookup: string }>`select distinct child, parent, lookup from ${pending} order by 1, 2, 3`.execute(
    db,
  );
  const byChild = rollupsByChild(snapshot);
  for (const { child: childName, parent, lookup } of groups.rows) {
    const child = snapshot.objects.find((object) => object.apiName === childName);
    const group = (byChild.get(childName) ?? []).filter((rollup) => rollup.parent.apiName === parent && rollup.field.childField === lookup);
    // The metadata cannot change under a running transaction's triggers; nothing left to keep.
    if (!child || group.length === 0) continue;
    const of = `from pg_temp.${quote(PENDING_TABLE)} where child = ${literal(childName)} and parent = ${literal(parent)} and lookup = ${literal(lookup)}`;
    // Parents an update or delete touched are recomputed; the others add the aggregates of the rows
    // inserted under them (read back by id, as they are now: an inserted row updated later in the
    // import has recorded its old and new parent for the recompute).
    const recomputed = `array(select distinct parent_id ${of} and parent_id is not null)`;
    const inserted = `(select c.* from ${quote(schema)}.${quote(childName)} as c
      where c.id = any(array(select inserted_id ${of} and inserted_id is not null)) and not (c.${quote(lookup)} = any(${recomputed})))`;
    const recompute = recomputeStatements(db, schema, child, group, recomputed);
    const deltas = deltaStatements(db, schema, child, group, inserted);
    // Every parent of the group locked in one statement, in id order, as the triggers lock them.
    const parentTable = `${quote(schema)}.${quote(parent)}`;
    await sql
      .raw(
        `select count(*) from (select 1 from ${parentTable} where id = any(${recomputed}) or id in (select c.${quote(lookup)} from ${inserted} as c) order by id for no key update) as locked`,
      )
      .execute(db);
    if (deltas) await sql.raw(deltas.update).execute(db);
    await sql.raw(recompute.update).execute(db);
  }
  await sql`truncate ${pending}`.execute(db);
}

const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;
const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;
