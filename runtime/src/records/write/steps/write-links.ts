// Step 6b (many-to-many): after the row is written (a create has its id now), the links of each
// item's many-to-many fields are set, added or removed in the field's junction table, and the
// record is read again so the response, validation rules and field history see the links as they
// now are. Adding a link that exists and removing one that does not change nothing (idempotent).
// A field with a junction object writes that object's records instead (links/write-junction.ts).
import { MAX_LINKS_PER_FIELD, type NormalisedManyToManyField } from '@tessera/metadata';
import { sql } from 'kysely';
import { ApiError } from '../../../core/api-error.ts';
import { writeJunctionLinks } from '../../../links/write-junction.ts';
import type { WriteContext, WriteStep } from '../write-context.ts';
import type { LinkChange, WritePlan } from '../write-plan.ts';

const withLinks = (plan: WritePlan): boolean => plan.items.some((item) => item.links !== undefined);

async function applyChange(context: WriteContext, field: NormalisedManyToManyField, source: string, change: LinkChange): Promise<void> {
  const schema = context.plan.object.schema;
  const table = sql.id(schema, field.junctionTable);
  const ids = change.ids;
  if (change.mode === 'remove' || change.mode === 'set') {
    const which = change.mode === 'remove' ? sql`target_id = any(${ids}::uuid[])` : sql`target_id <> all(${ids}::uuid[])`;
    await sql`delete from ${table} where source_id = ${source}::uuid and ${which}`.execute(context.db);
  }
  if (change.mode !== 'remove' && ids.length > 0) {
    await sql`
      insert into ${table} (source_id, target_id, created_by)
      select ${source}::uuid, target, ${context.actor.id}::uuid from unnest(${ids}::uuid[]) with ordinality as linked(target, position)
      order by position
      on conflict do nothing`.execute(context.db);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${table} where source_id = ${source}::uuid`.execute(context.db);
    if (Number(rows[0]?.n ?? 0) > MAX_LINKS_PER_FIELD) {
      throw new ApiError('TSR416', `A record can link to at most ${MAX_LINKS_PER_FIELD} records through one field; nothing was saved.`, [
        { path: change.path, code: 'TSR416', message: `more than ${MAX_LINKS_PER_FIELD} links` },
      ]);
    }
  }
}

export const writeLinks: WriteStep = {
  name: 'write links',
  applies: (plan) => (plan.kind === 'create' || plan.kind === 'patch' || plan.kind === 'stageMove') && withLinks(plan),
  needs: { transaction: true },
  async run(context: WriteContext) {
    const { plan } = context;
    for (const [index, item] of plan.items.entries()) {
      const written = context.items[index]?.written;
      if (!written || !item.links) continue;
      for (const [name, change] of Object.entries(item.links)) {
        const column = plan.stored.columns.get(name);
        if (column?.links?.junction) await writeJunctionLinks(context, name, column.links, written.id, change);
        else if (column?.field?.type === 'manytomany') await applyChange(context, column.field, written.id, change);
      }
      // The row's JSON was rendered before the links changed: read it again (caller's view and stored record).
      const full = context.wantsWrittenRecord ? sql`${plan.stored.recordJson('t')}::text` : sql`null`;
      const { rows } = await sql<{ j: string; f: string | null }>`
        select ${plan.object.recordJson('t')}::text as j, ${full} as f
        from ${sql.id(plan.object.schema, plan.object.table)} as t where t.id = ${written.id}::uuid`.execute(context.db);
      const row = rows[0];
      if (!row) continue;
      written.json = row.j;
      if (row.f !== null) written.record = JSON.parse(row.f) as Record<string, unknown>;
    }
  },
};
