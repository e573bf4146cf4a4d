// Flow versions: the first time a flow's definition is used (submitted or listed) after a metadata
// revision changed it, it gets the next version number, kept with the revision and the definition.
// A request stores its version and a copy of that definition, so it finishes on the steps it
// started with whatever later revisions change.
import type { NormalisedApprovalFlow } from '@tessera/metadata';
import { sql } from 'kysely';
import type { Db } from './approval-context.ts';
import { iso, parsed } from './approval-rows.ts';

export async function flowVersion(trx: Db, schema: string, object: string, flow: NormalisedApprovalFlow, revision: number): Promise<number> {
  // Two first submits of a changed flow must agree on one new version.
  await sql`select pg_advisory_xact_lock(hashtext(${`tessera.approval-flow.${schema}.${object}.${flow.apiName}`}))`.execute(trx);
  const t = sql.id(schema, '_approval_flow_versions');
  const latest = await sql<{ version: number; same: boolean }>`
    select version, definition = ${JSON.stringify(flow)}::jsonb as same from ${t}
    where object = ${object} and flow = ${flow.apiName} order by version desc limit 1`.execute(trx);
  const row = latest.rows[0];
  if (row?.same) return row.version;
  const version = (row?.version ?? 0) + 1;
  await sql`insert into ${t} (object, flow, version, revision, definition) values (${object}, ${flow.apiName}, ${version}, ${revision}, ${JSON.stringify(flow)}::jsonb)`.execute(
    trx,
  );
  return version;
}

/** flowVersion in a transaction of its own, for readers (listing a flow numbers a changed definition too). */
export function currentFlowVersion(db: Db, schema: string, object: string, flow: NormalisedApprovalFlow, revision: number): Promise<number> {
  return db.transaction().execute((trx) => flowVersion(trx, schema, object, flow, revision));
}

export interface FlowVersionJson {
  version: number;
  revision: number;
  createdAt: string;
  definition: NormalisedApprovalFlow;
}

export async function listFlowVersions(db: Db, schema: string, object: string, flow: string): Promise<FlowVersionJson[]> {
  const rows = await sql<{ version: number; revision: string | number; created_at: string; definition: unknown }>`
    select version, revision, ${iso('created_at')} as created_at, definition from ${sql.id(schema, '_approval_flow_versions')}
    where object = ${object} and flow = ${flow} order by version`.execute(db);
  return rows.rows.map((row) => ({ version: row.version, revision: Number(row.revision), createdAt: row.created_at, definition: parsed(row.definition) }));
}
