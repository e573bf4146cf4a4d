// Hands the opportunities to the 50 users round-robin (in id order) in one UPDATE, then
// VACUUM ANALYZE so the planner sees the new owner_id distribution and the dead tuples are gone.
import pg from 'pg';

export async function assignOwnersRoundRobin(databaseUrl: string, schema: string, userIds: string[]): Promise<{ rows: number; seconds: number }> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = `${pg.escapeIdentifier(schema)}.opportunity`;
    const updated = await client.query(
      `update ${table} as o set owner_id = ($1::uuid[])[1 + r.n % cardinality($1::uuid[])]
       from (select id, row_number() over (order by id) - 1 as n from ${table}) as r
       where o.id = r.id`,
      [userIds],
    );
    await client.query(`vacuum analyze ${table}`);
    return { rows: updated.rowCount ?? 0, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}
