import type { Catalog } from '../catalog/catalog-types.ts';
import type { TenantRef } from '../tenants/tenant-store.ts';
import type { StageTimer } from './server-timing.ts';

/** Per-request values set by middleware; handlers read them with c.get / c.var. */
export interface AppEnv {
  Variables: {
    requestId: string;
    timer: StageTimer;
    tenant: TenantRef;
    catalog: Catalog;
  };
}
