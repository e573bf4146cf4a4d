// The tenant's people as every signed-in user may see them: id, name, email and whether they are
// active — what a CRM shows of a colleague next to a record they own or a request they decide,
// nothing of roles, permissions or sign-in state (those stay behind /security, admins only).
// By ids, deactivated people are named too (old records and history still show them); a text
// search offers only active people, since only they can take over a request.
import { sql } from 'kysely';
import type { ObjectDb } from '../db/tenant-tables.ts';
import type { PeopleQuery } from './parse-people-query.ts';

export interface Person {
  id: string;
  name: string;
  email: string;
  active: boolean;
}

export async function selectPeople(db: ObjectDb, schema: string, query: PeopleQuery): Promise<Person[]> {
  const users = sql.id(schema, '_users');
  if (query.kind === 'ids') {
    const result = await sql<Person>`
      select u.id::text as id, u.name, u.email, u.active from ${users} u
      where u.id = any(${sql.val(query.ids)}::uuid[]) order by u.name, u.id`.execute(db);
    return result.rows;
  }
  // strpos on lower(): a substring match that needs no LIKE escaping and finds 王 in 王小明.
  const needle = query.q.toLowerCase();
  const result = await sql<Person>`
    select u.id::text as id, u.name, u.email, u.active from ${users} u
    where u.active and u.invite_hash is null and (strpos(lower(u.name), ${needle}) > 0 or strpos(lower(u.email), ${needle}) > 0)
    order by (lower(u.name) = ${needle} or lower(u.email) = ${needle}) desc, strpos(lower(u.name), ${needle}) = 1 desc, u.name, u.id
    limit ${query.limit}`.execute(db);
  return result.rows;
}
