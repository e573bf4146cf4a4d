// Every route of the app fits Hono's RegExpRouter. One route it cannot hold (a static segment
// beside a parameter followed by more path, e.g. `/read-all` next to `/:id/read`) makes Hono's
// SmartRouter fall back to the TrieRouter for the whole app, which a profile showed costing ~2%
// of a GET's server CPU; nothing else would notice.
import { createApp } from '@tessera/runtime';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../support/test-server.ts';

describe('routing', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server?.close();
  });

  it('registers every route in a form the RegExpRouter accepts', async () => {
    const tessera = await createApp({ database: server.database, adminToken: ADMIN_TOKEN });
    try {
      const router = new RegExpRouter<string>();
      const refused: string[] = [];
      for (const route of tessera.app.routes) {
        try {
          router.add(route.method, route.path, `${route.method} ${route.path}`);
        } catch {
          refused.push(`${route.method} ${route.path}`);
        }
      }
      expect(refused).toEqual([]);
      // Building the matcher is where a conflict between two routes shows up.
      const [matches] = router.match('POST', '/api/v1/notifications/read-all');
      expect(matches.map(([handler]) => handler)).toContain('POST /api/v1/notifications/:action');
      expect(tessera.app.routes.length).toBeGreaterThan(50);
    } finally {
      await tessera.close();
    }
  });
});
