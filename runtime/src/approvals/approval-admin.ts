// The administrator's approval settings as SQL (routes/approval-routes.ts parses and renders):
// queues (named groups whose members share one task per step) and each user's direct manager
// (the chain "the submitter's manager N levels up" follows).
import { sql } from 'kysely';
import { ApiError } from '../core/api-error.ts';
import { type ObjectDb, tenantTables } from '../db/tenant-tables.ts';

export async function listQueues(db: ObjectDb, schema: string): Promise<{ name: string; label: string; members: string[] }[]> {
  const rows = await sql<{ name: string; label: string; members: string[] | null }>`
    select q.name, q.label, (select array_agg(m.user_id::text order by m.user_id) from ${sql.id(schema, '_approval_queue_members')} m where m.queue_id = q.id) as members
    from ${sql.id(schema, '_approval_queues')} q order by q.name`.execute(db);
  return rows.rows.map((row) => ({ name: row.name, label: row.label, members: row.members ?? [] }));
}

/** Creates or relabels the queue and replaces its members (ids already checked as uuids); 422 TSR560 naming members who are not users. */
export async function putQueue(db: ObjectDb, schema: string, queue: { name: string; label: string; members: readonly string[] }): Promise<void> {
  const { members } = queue;
  await db.transaction().execute(async (trx) => {
    const known = await sql<{ id: string }>`select id from ${sql.id(schema, '_users')} where id = any(${members}::uuid[])`.execute(trx);
    const missing = members.filter((member) => !known.rows.some((row) => row.id === member.toLowerCase()));
    if (missing.length > 0) {
      throw new ApiError(
        'TSR560',
        'Some members are not users of this tenant.',
        missing.map((member) => ({ path: `/members/${members.indexOf(member)}`, code: 'TSR560' as const, message: 'not a user' })),
      );
    }
    const tables = tenantTables(trx, schema);
    const saved = await tables
      .insertInto('_approval_queues')
      .values({ name: queue.name, label: queue.label })
      .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ label: eb.ref('excluded.label') })))
      .returning('id')
      .executeTakeFirstOrThrow();
    await tables.deleteFrom('_approval_queue_members').where('queue_id', '=', saved.id).execute();
    if (members.length > 0) {
      await sql`insert into ${sql.id(schema, '_approval_queue_members')} (queue_id, user_id) select ${saved.id}::uuid, unnest(${members}::uuid[])`.execute(trx);
    }
  });
}

/** Sets the user's direct manager (null: none); 422 TSR560 for an unknown user or manager, or a chain that would loop. */
export async function setManager(db: ObjectDb, schema: string, userId: string, managerId: string | null, userIdValid: boolean): Promise<void> {
  const users = sql.id(schema, '_users');
  await db.transaction().execute(async (trx) => {
    if (!userIdValid || (await sql`select 1 from ${users} where id = ${userId}::uuid for update`.execute(trx)).rows.length === 0) {
      throw new ApiError('TSR560', `There is no user '${userId.slice(0, 64)}'.`, [{ path: 'userId', code: 'TSR560', message: 'not a user' }]);
    }
    if (managerId !== null) {
      // The chain must end: the new manager may not be the user or report to them.
      const cycle = await sql<{ found: boolean }>`
        with recursive chain(id, depth) as (
          select ${managerId}::uuid, 0 union all
          select u.manager_id, c.depth + 1 from chain c join ${users} u on u.id = c.id where u.manager_id is not null and c.depth < 1000)
        select bool_or(id = ${userId}::uuid) as found, count(*) as n from chain`.execute(trx);
      const exists = await sql`select 1 from ${users} where id = ${managerId}::uuid`.execute(trx);
      if (exists.rows.length === 0)
        throw new ApiError('TSR560', 'The manager is not a user of this tenant.', [{ path: '/managerId', code: 'TSR560', message: 'not a user' }]);
      if (cycle.rows[0]?.found)
        throw new ApiError('TSR560', 'That manager reports to this user: the chain would loop.', [
          { path: '/managerId', code: 'TSR560', message: 'would make a cycle' },
        ]);
    }
    await tenantTables(trx, schema).updateTable('_users').set({ manager_id: managerId }).where('id', '=', userId).execute();
  });
}
