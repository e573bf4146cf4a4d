// A user's catalog view → what the OpenAPI document may offer them: per readable object the
// operations they may call and the fields they may write. Undefined for the whole catalog.
import type { Catalog } from '../catalog/catalog-types.ts';
import type { OpenApiPermissions } from '../openapi/index.ts';

export function openApiPermissions(catalog: Catalog): OpenApiPermissions | undefined {
  if (!catalog.unrestricted) return undefined;
  const objects: Record<string, OpenApiPermissions['objects'][string]> = {};
  for (const object of catalog.objects.values()) {
    const access = object.rowAccess;
    objects[object.apiName] = {
      create: access?.canCreate ?? true,
      update: access?.canEdit ?? true,
      delete: access?.canDelete ?? true,
      writable: [...object.writable, ...(access === undefined || access.canAssignOwner ? ['owner_id'] : [])],
    };
  }
  return { objects, manageMetadata: false };
}
