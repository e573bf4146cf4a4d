// A step's approver definitions → the users (and queues) who decide it, read from the security
// tables when the step starts: users by email, every active user of a role, the submitter's manager
// N levels up the manager chain, the user a record field holds (owner_id, created_by, or the owner
// of the record a lookup points at), a queue. Deduplicated, in definition order; inactive users
// never receive a task.
import type { ApproverDef, NormalisedApprovalStep } from '@tessera/metadata';
import { sql } from 'kysely';
import type { Catalog } from '../catalog/catalog-types.ts';
import type { Db } from './approval-context.ts';

export interface ResolvedApprover {
  kind: 'user' | 'queue';
  id: string;
}

export async function resolveApprovers(
  db: Db,
  schema: string,
  catalog: Catalog,
  object: string,
  step: NormalisedApprovalStep,
  record: Readonly<Record<string, unknown>>,
  submitterId: string | null,
): Promise<ResolvedApprover[]> {
  const found: ResolvedApprover[] = [];
  const seen = new Set<string>();
  const add = (kind: ResolvedApprover['kind'], id: string | null | undefined) => {
    if (!id || seen.has(`${kind}:${id}`)) return;
    seen.add(`${kind}:${id}`);
    found.push({ kind, id });
  };
  for (const approver of step.approvers) {
    for (const resolved of await resolveOne(db, schema, catalog, object, approver, record, submitterId)) add(resolved.kind, resolved.id);
  }
  return found;
}

async function resolveOne(
  db: Db,
  schema: string,
  catalog: Catalog,
  object: string,
  approver: ApproverDef,
  record: Readonly<Record<string, unknown>>,
  submitterId: string | null,
): Promise<ResolvedApprover[]> {
  const users = sql.id(schema, '_users');
  const asUsers = (rows: { id: string }[]): ResolvedApprover[] => rows.map((row) => ({ kind: 'user', id: row.id }));
  switch (approver.type) {
    case 'user':
      return asUsers((await sql<{ id: string }>`select id from ${users} where lower(email) = lower(${approver.email}) and active`.execute(db)).rows);
    case 'role':
      return asUsers(
        (
          await sql<{ id: string }>`
            select u.id from ${users} u join ${sql.id(schema, '_roles')} r on r.id = u.role_id
            where r.name = ${approver.role} and u.active order by u.id`.execute(db)
        ).rows,
      );
    case 'manager':
      return asUsers(await managerAt(db, schema, submitterId, approver.levels ?? 1));
    case 'field': {
      const value = record[approver.field];
      if (typeof value !== 'string') return [];
      const lookup = catalog.objects.get(object)?.lookups.get(approver.field);
      if (!lookup) return asUsers(await activeUser(db, schema, value));
      // A lookup holds another record: its owner approves (e.g. the account's owner).
      const target = catalog.objects.get(lookup.target);
      if (!target) return [];
      const owner = await sql<{ owner_id: string | null }>`
        select owner_id from ${sql.id(target.schema, target.table)} where id = ${value}::uuid and deleted_at is null`.execute(db);
      const ownerId = owner.rows[0]?.owner_id;
      return ownerId ? asUsers(await activeUser(db, schema, ownerId)) : [];
    }
    case 'queue': {
      // A queue with no active member could never be decided: it resolves to nobody.
      const queue = await sql<{ id: string }>`
        select q.id from ${sql.id(schema, '_approval_queues')} q
        where q.name = ${approver.queue}
          and exists (select 1 from ${sql.id(schema, '_approval_queue_members')} m join ${users} u on u.id = m.user_id where m.queue_id = q.id and u.active)`.execute(
        db,
      );
      return queue.rows.map((row) => ({ kind: 'queue', id: row.id }));
    }
  }
}

async function activeUser(db: Db, schema: string, id: string): Promise<{ id: string }[]> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return [];
  return (await sql<{ id: string }>`select id from ${sql.id(schema, '_users')} where id = ${id}::uuid and active`.execute(db)).rows;
}

/** The user `levels` steps up the manager chain from `userId` (active), or nobody when the chain ends first. */
export async function managerAt(db: Db, schema: string, userId: string | null, levels: number): Promise<{ id: string }[]> {
  if (!userId) return [];
  const chain = await sql<{ id: string; active: boolean; depth: number }>`
    with recursive chain(id, depth) as (
      select manager_id, 1 from ${sql.id(schema, '_users')} where id = ${userId}::uuid
      union all
      select u.manager_id, c.depth + 1 from chain c join ${sql.id(schema, '_users')} u on u.id = c.id where c.depth < ${levels}
    )
    select c.id, u.active, c.depth from chain c join ${sql.id(schema, '_users')} u on u.id = c.id where c.depth = ${levels}`.execute(db);
  const row = chain.rows[0];
  return row?.active ? [{ id: row.id }] : [];
}
