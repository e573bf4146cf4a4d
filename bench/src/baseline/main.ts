// Entry of the baseline server process: env → pg Pool (10 connections, like Tessera's) + Kysely →
// createBaselineApp → listen. Env: DATABASE_URL, PORT, BENCH_TOKEN, TENANT_SCHEMA.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createBaselineApp } from './create-baseline-app.ts';
import { requiredEnv, serveBaseline } from './serve-baseline.ts';
import type { BaselineDatabase } from './tables.ts';

// JSON numbers for numeric/int8, `YYYY-MM-DD` for date; timestamptz stays a Date, which
// JSON.stringify renders as `…sssZ`: the contract's formats with no per-row mapping.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 1700 || oid === 20) return (value: string) => Number(value);
    if (oid === 1082) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  },
};

const pool = new pg.Pool({ connectionString: requiredEnv('DATABASE_URL'), max: 10, types });
const db = new Kysely<BaselineDatabase>({
  dialect: new PostgresDialect({ pool }),
}).withSchema(requiredEnv('TENANT_SCHEMA'));
serveBaseline(createBaselineApp({ db, pool, token: requiredEnv('BENCH_TOKEN') }), pool);
