// Entry of the baseline server process: env → pg Pool (10 connections, like Tessera's) + Kysely →
// createBaselineApp → listen. Env: DATABASE_URL, PORT, BENCH_TOKEN, TENANT_SCHEMA.
import { serve } from '@hono/node-server';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createBaselineApp } from './create-baseline-app.ts';
import type { BaselineDatabase } from './tables.ts';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`baseline: ${name} is not set`);
  return value;
};

// JSON numbers for numeric/int8, `YYYY-MM-DD` for date; timestamptz stays a Date, which
// JSON.stringify renders as `…sssZ`: the contract's formats with no per-row mapping.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 1700 || oid === 20) return (value: string) => Number(value);
    if (oid === 1082) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  },
};

const pool = new pg.Pool({ connectionString: required('DATABASE_URL'), max: 10, types });
const db = new Kysely<BaselineDatabase>({
  dialect: new PostgresDialect({ pool }),
}).withSchema(required('TENANT_SCHEMA'));
const app = createBaselineApp({ db, pool, token: required('BENCH_TOKEN') });
const server = serve({ fetch: app.fetch, port: Number(required('PORT')), hostname: '127.0.0.1' });

const shutdown = () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
