// Saved list views: personal (the owner's) and shared (made by administrators, shown to the roles
// they name, or to everybody). A reader sees their own views and the shared ones meant for their
// role; one default per owner and object (their own default wins over the shared one).
import { sql } from 'kysely';
import { ApiError } from '../core/api-error.ts';
import { type ObjectDb, tenantTables } from '../db/tenant-tables.ts';
import type { ViewDefinition, ViewInput } from './view-input.ts';

export interface ViewReader {
  /** Null for integration tokens: they see shared views and may only make shared ones. */
  userId: string | null;
  roleId: string | null;
  admin: boolean;
}

export interface ListView {
  id: string;
  object: string;
  labels: { en?: string; zh?: string };
  shared: boolean;
  roleIds: string[];
  definition: ViewDefinition;
  default: boolean;
  /** Whether this reader may change or delete it. */
  editable: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface ViewRow {
  id: string;
  object: string;
  labels: unknown;
  owner_id: string | null;
  role_ids: unknown;
  definition: unknown;
  is_default: boolean;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
}

const json = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));
const iso = (value: Date | string): string => (value instanceof Date ? value.toISOString() : new Date(value).toISOString());

function toView(row: ViewRow, reader: ViewReader): ListView {
  return {
    id: row.id,
    object: row.object,
    labels: json(row.labels),
    shared: row.owner_id === null,
    roleIds: json(row.role_ids),
    definition: json(row.definition),
    default: row.is_default,
    editable: row.owner_id === null ? reader.admin : row.owner_id === reader.userId,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export class ListViews {
  constructor(
    private readonly db: ObjectDb,
    private readonly schema: string,
  ) {}

  private table() {
    return tenantTables(this.db, this.schema);
  }

  /** The views this reader sees for an object: their own first, then shared ones, by name. */
  async list(object: string, reader: ViewReader): Promise<ListView[]> {
    const rows = await this.visible(this.table(), object, reader).orderBy('owner_id', 'asc').orderBy('created_at', 'asc').execute();
    return rows.map((row) => toView(row as ViewRow, reader));
  }

  async get(object: string, id: string, reader: ViewReader): Promise<ListView> {
    if (!UUID.test(id)) throw notFound(id);
    const row = await this.visible(this.table(), object, reader).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound(id);
    return toView(row as ViewRow, reader);
  }

  async create(object: string, input: ViewInput, reader: ViewReader): Promise<ListView> {
    const shared = input.shared === true || reader.userId === null;
    if (shared && !reader.admin) throw forbidden('only administrators share views');
    return this.db.transaction().execute(async (trx) => {
      if (shared && input.roleIds) await assertRolesExist(trx, this.schema, input.roleIds);
      const owner = shared ? null : reader.userId;
      if (input.default) await clearDefault(trx, this.schema, object, owner);
      const row = await tenantTables(trx, this.schema)
        .insertInto('_list_views')
        .values({
          object,
          labels: JSON.stringify(input.labels),
          owner_id: owner,
          role_ids: JSON.stringify(shared ? (input.roleIds ?? []) : []),
          definition: JSON.stringify(input.definition),
          is_default: input.default === true,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toView(row as ViewRow, reader);
    });
  }

  async update(object: string, id: string, input: ViewInput, expectedVersion: number | undefined, reader: ViewReader): Promise<ListView> {
    return this.db.transaction().execute(async (trx) => {
      const current = await this.lockEditable(trx, object, id, reader);
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw new ApiError('TSR112', `View ${id} is at version ${current.version}, not ${expectedVersion}; reload it and apply your change again.`, [
          { path: '/version', code: 'TSR112', message: `current version is ${current.version}` },
        ]);
      }
      if (input.shared !== undefined && input.shared !== (current.owner_id === null))
        throw new ApiError('TSR122', 'A view stays personal or shared; make a new one.', [{ path: '/shared', code: 'TSR122', message: 'cannot change' }]);
      if (input.roleIds && current.owner_id === null) await assertRolesExist(trx, this.schema, input.roleIds);
      if (input.default) await clearDefault(trx, this.schema, object, current.owner_id);
      const row = await tenantTables(trx, this.schema)
        .updateTable('_list_views')
        .set({
          ...(input.labels ? { labels: JSON.stringify(input.labels) } : {}),
          ...(input.definition ? { definition: JSON.stringify(input.definition) } : {}),
          ...(input.roleIds && current.owner_id === null ? { role_ids: JSON.stringify(input.roleIds) } : {}),
          ...(input.default === undefined ? {} : { is_default: input.default }),
          updated_at: sql`now()` as never,
          version: sql`version + 1` as never,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toView(row as ViewRow, reader);
    });
  }

  async delete(object: string, id: string, reader: ViewReader): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.lockEditable(trx, object, id, reader);
      await tenantTables(trx, this.schema).deleteFrom('_list_views').where('id', '=', id).execute();
    });
  }

  private visible(db: ReturnType<typeof tenantTables>, object: string, reader: ViewReader) {
    return db
      .selectFrom('_list_views')
      .selectAll()
      .where('object', '=', object)
      .where((eb) =>
        eb.or([
          ...(reader.userId ? [eb('owner_id', '=', reader.userId)] : []),
          eb.and([
            eb('owner_id', 'is', null),
            reader.admin ? sql<boolean>`true` : sql<boolean>`(role_ids = '[]'::jsonb or role_ids @> jsonb_build_array(${reader.roleId ?? ''}::text))`,
          ]),
        ]),
      );
  }

  private async lockEditable(trx: ObjectDb, object: string, id: string, reader: ViewReader): Promise<ViewRow> {
    if (!UUID.test(id)) throw notFound(id);
    const row = (await this.visible(tenantTables(trx, this.schema), object, reader).where('id', '=', id).forUpdate().executeTakeFirst()) as ViewRow | undefined;
    if (!row) throw notFound(id);
    if (!(row.owner_id === null ? reader.admin : row.owner_id === reader.userId)) throw forbidden('a shared view is changed by administrators');
    return row;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function clearDefault(trx: ObjectDb, schema: string, object: string, owner: string | null): Promise<void> {
  await tenantTables(trx, schema)
    .updateTable('_list_views')
    .set({ is_default: false })
    .where('object', '=', object)
    .where((eb) => (owner === null ? eb('owner_id', 'is', null) : eb('owner_id', '=', owner)))
    .where('is_default', '=', true)
    .execute();
}

async function assertRolesExist(trx: ObjectDb, schema: string, roleIds: readonly string[]): Promise<void> {
  if (roleIds.length === 0) return;
  const found = await tenantTables(trx, schema).selectFrom('_roles').select('id').where('id', 'in', roleIds).execute();
  const known = new Set(found.map((row) => row.id));
  const missing = roleIds.map((id, index) => ({ id, index })).filter(({ id }) => !known.has(id));
  if (missing.length > 0)
    throw new ApiError(
      'TSR122',
      'A shared view names roles that do not exist.',
      missing.map(({ index }) => ({ path: `/roleIds/${index}`, code: 'TSR122', message: 'no such role' })),
    );
}

function notFound(id: string): ApiError {
  return new ApiError('TSR121', `List view '${id.slice(0, 64)}' does not exist.`);
}

function forbidden(message: string): ApiError {
  return new ApiError('TSR123', `You may not change this list view: ${message}.`, [{ path: '', code: 'TSR123', message }]);
}
