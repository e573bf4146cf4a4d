// move_links_to_junction: a live many-to-many field's managed links become records of its new
// junction object in one statement (who linked becomes creator and owner; when is kept, so the link
// order stays), then the managed table is dropped. Runs inside the migration's transaction after the
// junction's table, lookups and pair index exist; the planner refused it when a required junction
// field has no default (assess-action.ts). Validation rules and field history of the junction are
// not replayed: the copy records links that already existed.
import type { MigrationAction } from '@tessera/metadata';
import { sql } from 'kysely';
import type { Trx } from '../migrate/migration-handler.ts';

type MoveLinks = Extract<MigrationAction, { kind: 'move_links_to_junction' }>;

export async function moveLinksToJunction(trx: Trx, schema: string, action: MoveLinks): Promise<void> {
  const { junction } = action;
  await sql`
    insert into ${sql.id(schema, junction.object)} (${sql.id(junction.source)}, ${sql.id(junction.target)}, created_at, updated_at, created_by, owner_id)
    select l.source_id, l.target_id, l.created_at, l.created_at, l.created_by, l.created_by from ${sql.id(schema, action.table)} as l
    where not exists (
      select 1 from ${sql.id(schema, junction.object)} as j
      where ${sql.ref(`j.${junction.source}`)} = l.source_id and ${sql.ref(`j.${junction.target}`)} = l.target_id and j.deleted_at is null)
    order by l.created_at, l.target_id`.execute(trx);
  await sql`drop table ${sql.id(schema, action.table)}`.execute(trx);
}
