// Wraps a pg Pool so that Kysely's queries run as named prepared statements: PostgreSQL parses
// and plans each distinct SQL text once per connection instead of on every request. Tessera's
// SQL is generated from metadata with every value bound, so the set of texts is small and stable.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { poolWithClientWrapper } from './pool-adapter.ts';

/** Distinct statements kept per connection; beyond this, queries run unnamed (no unbounded growth). */
const MAX_STATEMENTS_PER_CONNECTION = 2000;
const CACHEABLE = /^\s*(select|insert|update|delete|with)\b/i;

const prepared = new WeakMap<pg.PoolClient, Set<string>>();

// Statement texts repeat (most are compiled once per revision), so their names are remembered
// rather than hashed again on every query; the map is cleared when it grows past the bound.
const MAX_REMEMBERED_NAMES = 10_000;
const namesByText = new Map<string, string>();

/** The statement's name, or undefined for a text that is not worth preparing. */
function nameFor(text: string): string | undefined {
  let name = namesByText.get(text);
  if (name === undefined) {
    if (!CACHEABLE.test(text)) return undefined;
    name = `t${createHash('sha1').update(text).digest('base64url')}`;
    if (namesByText.size >= MAX_REMEMBERED_NAMES) namesByText.clear();
    namesByText.set(text, name);
  }
  return name;
}

function wrapClient(client: pg.PoolClient): pg.PoolClient {
  if (prepared.has(client)) return client;
  const names = new Set<string>();
  prepared.set(client, names);
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  // Kysely calls query(text, values); everything else passes through untouched.
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
    if (typeof text === 'string' && Array.isArray(values) && rest.length === 0) {
      // A remembered text skips the verb check: templates and compiled reads send the same string each time.
      const name = nameFor(text);
      if (name !== undefined && (names.has(name) || names.size < MAX_STATEMENTS_PER_CONNECTION)) {
        names.add(name);
        return original({ name, text, values });
      }
    }
    return original(text, values, ...rest);
  };
  return client;
}

/** The pool Kysely's PostgresDialect uses, its clients wrapped. */
export function preparedStatementPool(pool: pg.Pool) {
  return poolWithClientWrapper(pool, wrapClient);
}
