// Soft delete and restore with lookup delete behaviours applied at the soft-delete level:
// restrict refuses while live children point here, setNull clears their lookups, cascade
// soft-deletes them too (recursively). Everything runs in the caller's transaction and stamps one
// deleted_at (the transaction time), which lets restore bring back exactly what one delete took.
import { type Kysely, sql } from 'kysely';
import type { Catalog, CompiledObject } from '../catalog/catalog-types.ts';
import { ApiError } from '../core/api-error.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
type Trx = Kysely<any>;

export async function applyDeleteRules(trx: Trx, catalog: Catalog, object: CompiledObject, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  for (const child of object.children) {
    const childObject = catalog.objects.get(child.object);
    if (!childObject) continue;
    const table = sql.id(childObject.schema, childObject.table);
    const column = sql.id(child.field);
    const pointing = sql`${column} = any(cast(${ids} as uuid[])) and deleted_at is null`;
    if (child.onDelete === 'restrict') {
      const found = await sql<{ n: number }>`select count(*)::int as n from ${table} where ${pointing}`.execute(trx);
      const count = found.rows[0]?.n ?? 0;
      if (count > 0) {
        throw new ApiError(
          'TSR412',
          `${count} ${child.object} record(s) still point at this ${object.apiName} through ${child.object}.${child.field}; delete or re-point them first.`,
          [{ path: `/${child.object}/${child.field}`, code: 'TSR412', message: `${count} live record(s) reference it` }],
        );
      }
    } else if (child.onDelete === 'setNull') {
      await sql`update ${table} set ${column} = null, version = version + 1, updated_at = now() where ${pointing}`.execute(trx);
    } else {
      const deleted = await sql<{ id: string }>`
        update ${table} set deleted_at = now(), version = version + 1, updated_at = now() where ${pointing} returning id`.execute(trx);
      await applyDeleteRules(
        trx,
        catalog,
        childObject,
        deleted.rows.map((row) => row.id),
      );
    }
  }
}

/** Restores children that the same delete cascaded (same deleted_at), recursively. */
export async function restoreCascaded(trx: Trx, catalog: Catalog, object: CompiledObject, ids: readonly string[], deletedAt: string): Promise<void> {
  if (ids.length === 0) return;
  for (const child of object.children) {
    if (child.onDelete !== 'cascade') continue;
    const childObject = catalog.objects.get(child.object);
    if (!childObject) continue;
    const restored = await sql<{ id: string }>`
      update ${sql.id(childObject.schema, childObject.table)}
      set deleted_at = null, version = version + 1, updated_at = now()
      where ${sql.id(child.field)} = any(cast(${ids} as uuid[])) and deleted_at = cast(${deletedAt} as timestamptz)
      returning id`.execute(trx);
    await restoreCascaded(
      trx,
      catalog,
      childObject,
      restored.rows.map((row) => row.id),
      deletedAt,
    );
  }
}
