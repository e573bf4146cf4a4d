import type { CatalogCache } from '../catalog/catalog-cache.ts';
import type { Database } from '../db/create-database.ts';
import type { SecurityRuntime } from '../security/security-runtime.ts';
import type { TenantStore } from '../tenants/tenant-store.ts';

/** What route modules need; built once by createApp. */
export interface RouteDeps {
  database: Database;
  tenants: TenantStore;
  catalogs: CatalogCache;
  security: SecurityRuntime;
  /** The app's clock (tests inject one): `$today`/`$now` in rules, formulas and filters. */
  clock?: () => Date;
}
