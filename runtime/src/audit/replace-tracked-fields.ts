// The fields whose changes an object's field history records, replaced as a whole inside the
// caller's security change (tracked fields are part of the tenant's security state).
import { type ObjectDb, tenantTables } from '../db/tenant-tables.ts';

export async function replaceTrackedFields(trx: ObjectDb, schema: string, object: string, fields: readonly string[]): Promise<void> {
  const tables = tenantTables(trx, schema);
  await tables.deleteFrom('_tracked_fields').where('object', '=', object).execute();
  if (fields.length > 0)
    await tables
      .insertInto('_tracked_fields')
      .values(fields.map((field) => ({ object, field })))
      .execute();
}
