// A record's name as SQL text over alias `t`: the name field's own column expression, so a formula
// name (no stored column: crm-core's opportunity_contact_role is "contact · opportunity") reads its
// expression instead of a t.<name> column that does not exist. Undefined when the object has no name.
import { type RawBuilder, sql } from 'kysely';
import type { CompiledObject } from './catalog-types.ts';

export function recordNameSql(object: CompiledObject): RawBuilder<string> | undefined {
  const nameField = object.definition.nameField;
  const column = nameField ? object.columns.get(nameField) : undefined;
  return column ? sql<string>`(${column.ref})::text` : undefined;
}
