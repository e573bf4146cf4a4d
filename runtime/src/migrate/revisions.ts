// Reads of `_meta_revision`: the history list, one revision in full, and the renames made after a
// revision (which a revert renames back). Rows written before evolution lack the plan columns;
// to_jsonb reads whatever columns a tenant's table has.
import { EMPTY_SNAPSHOT, type MetadataSnapshot, type MigrationAction, type RenameEvent } from '@tessera/metadata';
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
type Db = Kysely<any>;

export interface RevisionSummary {
  revision: number;
  author: string;
  createdAt: string;
  baseRevision: number | null;
  planHash: string | null;
  revertedTo: number | null;
  /** Action count per kind. */
  changes: Record<string, number>;
}

export interface RevisionDetail extends Omit<RevisionSummary, 'changes'> {
  actions: MigrationAction[];
  plan: unknown;
  snapshot: MetadataSnapshot;
}

interface RevisionRow {
  revision: number;
  author: string;
  created_at: string;
  base_revision?: number | null;
  plan_hash?: string | null;
  reverted_to?: number | null;
  actions: MigrationAction[];
  plan?: unknown;
  snapshot?: MetadataSnapshot;
}

const parse = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));

function summary(row: RevisionRow): RevisionSummary {
  const changes: Record<string, number> = {};
  for (const action of row.actions ?? []) changes[action.kind] = (changes[action.kind] ?? 0) + 1;
  return {
    revision: row.revision,
    author: row.author,
    createdAt: new Date(row.created_at).toISOString(),
    baseRevision: row.base_revision ?? null,
    planHash: row.plan_hash ?? null,
    revertedTo: row.reverted_to ?? null,
    changes,
  };
}

export async function listRevisions(db: Db, schema: string, options: { limit?: number; before?: number } = {}): Promise<RevisionSummary[]> {
  const result = await sql<{ row: RevisionRow | string }>`
    select to_jsonb(r) - 'snapshot' - 'plan' as row from ${sql.id(schema, '_meta_revision')} r
    where ${options.before === undefined ? sql`true` : sql`r.revision < ${options.before}`}
    order by r.revision desc limit ${options.limit ?? 50}`.execute(db);
  return result.rows.map((item) => summary(parse<RevisionRow>(item.row)));
}

export async function loadRevision(db: Db, schema: string, revision: number): Promise<RevisionDetail | undefined> {
  const result = await sql<{ row: RevisionRow | string }>`
    select to_jsonb(r) as row from ${sql.id(schema, '_meta_revision')} r where r.revision = ${revision}`.execute(db);
  const found = result.rows[0];
  if (!found) return undefined;
  const row = parse<RevisionRow>(found.row);
  const { changes: _changes, ...rest } = summary(row);
  return { ...rest, actions: row.actions ?? [], plan: row.plan ?? null, snapshot: row.snapshot ?? EMPTY_SNAPSHOT };
}

/** Field and picklist value renames made by revisions after `revision`, in the order they ran. */
export async function renamesSince(db: Db, schema: string, revision: number): Promise<RenameEvent[]> {
  const result = await sql<{ actions: MigrationAction[] | string }>`
    select actions from ${sql.id(schema, '_meta_revision')} where revision > ${revision} order by revision`.execute(db);
  const events: RenameEvent[] = [];
  for (const row of result.rows) {
    for (const action of parse<MigrationAction[]>(row.actions)) {
      if (action.kind === 'rename_column') events.push({ kind: 'field', object: action.object, from: action.from, to: action.to });
      if (action.kind === 'remap_picklist_values') {
        for (const rename of action.renames) events.push({ kind: 'value', object: action.object, field: action.field, from: rename.from, to: rename.to });
      }
    }
  }
  return events;
}
