// Entry of the lean baseline process: env → pg Pool (10 connections, like Tessera's) → statements
// built once → createLeanApp → listen. Env: DATABASE_URL, PORT, BENCH_TOKEN, TENANT_SCHEMA.
import pg from 'pg';
import { requiredEnv, serveBaseline } from '../serve-baseline.ts';
import { createLeanApp } from './create-lean-app.ts';
import { buildStatements } from './statements.ts';

const pool = new pg.Pool({ connectionString: requiredEnv('DATABASE_URL'), max: 10 });
const schema = requiredEnv('TENANT_SCHEMA');
serveBaseline(createLeanApp({ pool, statements: buildStatements(schema), schema, token: requiredEnv('BENCH_TOKEN') }), pool);
