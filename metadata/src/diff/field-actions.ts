// The DDL actions that bring one new field into existence, split by phase: foreign keys run after
// every table exists so objects in one document may reference each other in any order.
import type { MigrationAction } from '../migration-actions.ts';
import type { NormalisedField } from '../normalised-types.ts';
import { recordTypeSequenceName, uniqueFieldIndexName } from '../normalise/storage-name.ts';
import { storesColumn } from '../evolution/type-conversions.ts';

export function columnActions(object: string, field: NormalisedField): MigrationAction[] {
  // A formula has no column: it is an expression in every query (catalog/formula-columns.ts).
  if (!storesColumn(field)) return [];
  const actions: MigrationAction[] = [];
  if (field.type === 'autonumber') {
    actions.push({ kind: 'create_sequence', object, field: field.apiName, sequenceName: field.sequenceName, startAt: field.startAt });
    for (const recordType of Object.keys(field.formatsByRecordType ?? {})) {
      const sequence = recordTypeSequenceName(object, field.apiName, recordType);
      actions.push({ kind: 'create_sequence', object, field: field.apiName, sequenceName: sequence, startAt: field.startAt });
    }
  }
  actions.push({ kind: 'add_column', object, field });
  if (field.unique) {
    actions.push({ kind: 'add_unique', object, field: field.apiName, indexName: uniqueFieldIndexName(object, field.apiName) });
  }
  return actions;
}

export function foreignKeyActions(object: string, field: NormalisedField): MigrationAction[] {
  // Users live in the tenant's own schema (`_users`), so a user field gets a real foreign key too;
  // users are deactivated, never deleted, so restrict only guards against a stray hard delete.
  if (field.type === 'user') {
    return [{ kind: 'add_foreign_key', object, field: field.apiName, target: '_users', onDelete: 'restrict', constraintName: field.constraintName }];
  }
  // The junction table references both tables, so it is created with the foreign keys.
  // With a junction object the links are its records: junction-actions.ts plans the pair's unique index.
  if (field.type === 'manytomany' && field.junction !== undefined) return [];
  if (field.type === 'manytomany') return [{ kind: 'create_link_table', object, field: field.apiName, target: field.target, table: field.junctionTable }];
  if (field.type !== 'lookup') return [];
  return [
    {
      kind: 'add_foreign_key',
      object,
      field: field.apiName,
      target: field.target,
      onDelete: field.onDelete,
      constraintName: field.constraintName,
    },
  ];
}
