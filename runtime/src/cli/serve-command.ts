// `tessera serve`: open the database, make sure an admin token exists, serve the API and the
// designer until SIGINT/SIGTERM, then close cleanly (PGlite must flush its files).
import { serve } from '@hono/node-server';
import { createApp } from '../http/create-app.ts';
import { ensureAdminToken } from './admin-token.ts';
import { demoBanner, ensureDemoTenant } from './demo-tenant.ts';
import { tuneGarbageCollector } from './gc-tuning.ts';
import { openConfiguredDatabase, readConfig } from './runtime-config.ts';

export async function serveCommand(): Promise<number> {
  tuneGarbageCollector();
  const config = readConfig();
  const database = await openConfiguredDatabase(config);
  // Stale-record reminders: pg-boss on PostgreSQL, a plain interval on the embedded PGlite.
  const jobs = config.databaseUrl ? { connectionString: config.databaseUrl } : {};
  const tessera = await createApp({ database, adminToken: config.adminToken, designerDir: config.designerDir, jobs, limits: config.limits });
  const admin = await ensureAdminToken(config, tessera.tenants);
  // Before listening, so the first request already finds the demo complete.
  const demo = await ensureDemoTenant(tessera, config);
  const server = serve({ fetch: tessera.app.fetch, port: config.port, hostname: config.host });
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  console.log(`Tessera listening on ${url} (interface ${config.host}) — database: ${where}`);
  console.log(admin.file ? `Admin token: in ${admin.file}` : 'Admin token: from TESSERA_ADMIN_TOKEN');
  if (demo) console.log(demoBanner(demo, url));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await tessera.close();
  await database.close();
  return 0;
}
