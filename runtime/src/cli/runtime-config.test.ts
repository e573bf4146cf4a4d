import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { readConfig } from './runtime-config.ts';

describe('runtime configuration from the environment', () => {
  it('binds the embedded database to loopback and PostgreSQL deployments to every interface, unless HOST says', () => {
    expect(readConfig({}).host).toBe('127.0.0.1');
    expect(readConfig({ DATABASE_URL: 'postgres://db/x' }).host).toBe('0.0.0.0');
    expect(readConfig({ DATABASE_URL: 'postgres://db/x', HOST: '10.0.0.5' }).host).toBe('10.0.0.5');
    expect(readConfig({ HOST: '::' }).host).toBe('::');
  });

  it('reads the request limits and connection shares, with defaults', () => {
    const defaults = readConfig({});
    expect(defaults.limits).toEqual({ statementTimeoutMs: 15_000, reportTimeoutMs: 60_000 });
    expect(defaults.connectionShares).toEqual({ tenant: 0.8, user: 0.6 });
    expect(defaults.poolSize).toBe(10);
    expect(defaults.heavyStatementsPerTenant).toBe(Math.max(1, Math.floor(availableParallelism() / 2)));
    const set = readConfig({
      TESSERA_STATEMENT_TIMEOUT_MS: '2000',
      TESSERA_REPORT_TIMEOUT_MS: '9000',
      TESSERA_TENANT_CONNECTION_SHARE: '0.25',
      TESSERA_POOL_SIZE: '40',
      TESSERA_TENANT_HEAVY_STATEMENTS: '3',
    });
    expect(set.heavyStatementsPerTenant).toBe(3);
    expect(set.limits).toEqual({ statementTimeoutMs: 2000, reportTimeoutMs: 9000 });
    expect(set.connectionShares.tenant).toBe(0.25);
    expect(set.poolSize).toBe(40);
  });

  it.each([
    ['TESSERA_STATEMENT_TIMEOUT_MS', '0'],
    ['TESSERA_STATEMENT_TIMEOUT_MS', 'soon'],
    ['TESSERA_POOL_SIZE', '2.5'],
    ['TESSERA_TENANT_CONNECTION_SHARE', '0'],
    ['TESSERA_USER_CONNECTION_SHARE', '1.5'],
    ['TESSERA_TENANT_HEAVY_STATEMENTS', '0'],
  ])('refuses %s=%s with a message naming the setting', (name, value) => {
    expect(() => readConfig({ [name]: value })).toThrow(name);
  });
});
