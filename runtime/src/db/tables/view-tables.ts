// The tenant's saved list views (tenant-migrations.ts, list views step): a filter, sort, columns and
// page size per object, personal (owner_id set) or shared with roles (owner_id null), one default
// per owner and object.
import type { Generated } from 'kysely';
import type { CreatedAt, GeneratedId, Json } from './column-types.ts';

export interface ListViewsTable {
  id: GeneratedId;
  object: string;
  /** { en?, zh? }: the view's name in each language. */
  labels: Json;
  /** Null for a shared view (made by an administrator). */
  owner_id: string | null;
  /** Role ids a shared view is shown to; empty: everybody who may read the object. */
  role_ids: Json;
  /** { filter?, sort?, fields?, pageSize? } as the list API takes them. */
  definition: Json;
  is_default: boolean;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  version: Generated<number>;
}

export interface ViewTables {
  _list_views: ListViewsTable;
}
