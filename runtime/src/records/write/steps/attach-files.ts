// Step 6b (files): after the write, the files a file field now names belong to the record, and
// the ones it no longer names are deleted at once (bytes in the database go with the row; bytes in
// TESSERA_FILES_DIR are removed by the files sweep, files/sweep-files.ts). A file already attached
// to another record cannot be taken over: TSR176, and the transaction undoes the write. Soft
// deletes keep files (a restore loses nothing); purging a record removes them (the sweep).
import { sql } from 'kysely';
import { ApiError } from '../../../core/api-error.ts';
import type { WriteContext, WriteStep } from '../write-context.ts';
import type { WritePlan } from '../write-plan.ts';
import { fieldKinds } from '../field-kinds.ts';

function fileFields(plan: WritePlan): string[] {
  const names = new Set<string>();
  for (const item of plan.items) {
    for (const name of Object.keys(item.values)) {
      const type = plan.object.columns.get(name)?.field?.type;
      if (type === 'file' || type === 'image') names.add(name);
    }
  }
  return [...names];
}

const idsOf = (value: unknown): string[] => {
  const items = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
  return items.map((item) => (item as { id: string }).id);
};

export const attachFiles: WriteStep = {
  name: 'attach files',
  applies: (plan) =>
    (plan.kind === 'create' || plan.kind === 'patch' || plan.kind === 'stageMove') &&
    fieldKinds(plan.object.definition).file.size > 0 &&
    fileFields(plan).length > 0,
  needs: { transaction: true },
  async run(context: WriteContext) {
    const { plan } = context;
    const table = sql.id(plan.object.schema, '_files');
    const fields = fileFields(plan);
    for (const [index, item] of plan.items.entries()) {
      const recordId = context.items[index]?.written?.id;
      if (!recordId) continue;
      for (const field of fields) {
        if (!(field in item.values)) continue;
        const ids = idsOf(item.values[field]);
        const attached = await sql<{ id: string }>`
          update ${table} set record_id = ${recordId}::uuid
          where object = ${plan.object.apiName} and field = ${field} and id = any(${ids}::uuid[]) and (record_id is null or record_id = ${recordId}::uuid)
          returning id::text as id`.execute(context.db);
        if (attached.rows.length < new Set(ids).size) {
          const taken = new Set(attached.rows.map((row) => row.id));
          const position = ids.findIndex((id) => !taken.has(id));
          const path = `/${field}${Array.isArray(item.values[field]) ? `/${position}` : ''}`;
          throw new ApiError('TSR176', `A file of ${field} is attached to another record; nothing was saved.`, [
            { path, code: 'TSR176', message: 'the file belongs to another record' },
          ]);
        }
        await sql`
          delete from ${table}
          where object = ${plan.object.apiName} and field = ${field} and record_id = ${recordId}::uuid and not (id = any(${ids}::uuid[]))`.execute(context.db);
      }
    }
  },
};
