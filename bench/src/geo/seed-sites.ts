// Loads the generated sites into t_<tenant>.site with the seed's multi-row INSERTs (two
// connections), then VACUUM ANALYZE so the planner knows how the points spread.
import pg from 'pg';
import { insertAll, ROWS_PER_STATEMENT } from '../seed/seed-tables.ts';
import { generateSites, type Site, SITE_COLUMNS, siteRows } from './generate-sites.ts';

export async function seedSites(url: string, schema: string, count: number): Promise<{ sites: Site[]; seconds: number }> {
  const started = performance.now();
  const sites = generateSites(count);
  const clients = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
  await Promise.all(clients.map((client) => client.connect()));
  try {
    await insertAll(clients, schema, 'site', SITE_COLUMNS, siteRows(sites, ROWS_PER_STATEMENT));
    await (clients[0] as pg.Client).query(`vacuum analyze ${pg.escapeIdentifier(schema)}.site`);
    return { sites, seconds: (performance.now() - started) / 1000 };
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}
