// The process shell both baselines share: required env, listen on loopback at PORT, and on SIGTERM
// or SIGINT close the server and the pool before exiting (the bench stops servers with SIGTERM).
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type pg from 'pg';

export const requiredEnv = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`baseline: ${name} is not set`);
  return value;
};

export function serveBaseline(app: Hono, pool: pg.Pool): void {
  const server = serve({ fetch: app.fetch, port: Number(requiredEnv('PORT')), hostname: '127.0.0.1' });
  const shutdown = () => {
    server.close();
    void pool.end().finally(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
