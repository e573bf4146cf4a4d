// The admin token for /api/v1/admin: TESSERA_ADMIN_TOKEN when set; otherwise one generated on
// first start, kept in .tessera/admin-token (mode 600) and registered (hashed) in the database.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TenantStore } from '../tenants/tenant-store.ts';
import { generateToken } from '../tenants/tokens.ts';
import type { RuntimeConfig } from './runtime-config.ts';

export async function ensureAdminToken(config: RuntimeConfig, tenants: TenantStore): Promise<{ token: string; file?: string }> {
  if (config.adminToken) return { token: config.adminToken };
  const file = join(config.stateDir, 'admin-token');
  const token = existsSync(file) ? readFileSync(file, 'utf8').trim() : generateToken('tsa');
  if (!existsSync(file)) {
    mkdirSync(config.stateDir, { recursive: true });
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
  }
  await tenants.addAdminToken(token, 'generated at first start');
  return { token, file };
}
