import type { Catalog } from '../catalog/catalog-types.ts';
import type { RequestAccess } from '../security/security-types.ts';
import type { TenantRef } from '../tenants/tenant-store.ts';
import type { StageTimer } from '../core/stage-timer.ts';

/** Told by the tenant guard who asks; in 'slot' mode (request-budget.ts) it waits for the share slot. */
export interface RequestBudgetHandle {
  bind(tenant: string, principal: string): Promise<void>;
}

/** Per-request values set by middleware; handlers read them with c.get / c.var. */
export interface AppEnv {
  Variables: {
    requestId: string;
    timer: StageTimer;
    tenant: TenantRef;
    /** The catalog as this request's principal may see it (the whole catalog for admins). */
    catalog: Catalog;
    access: RequestAccess;
    /** Largest body the route accepts, in bytes (request-body.ts). */
    bodyLimit: number;
    /** The body once read (request-body.ts reads it once). */
    bodyText: string;
    /** Set by request-budget.ts for requests that take a share slot once the caller is known. */
    budget: RequestBudgetHandle;
    /** Set on an app made with `fastPath: false` (create-app.ts): writes skip the compiled fast path. */
    fullPipeline: boolean;
    /** The response already carries Server-Timing and X-Request-Id (plain-response.ts). */
    stamped: boolean;
  };
}
