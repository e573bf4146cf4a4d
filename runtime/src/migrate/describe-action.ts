// One line per migration action for plans, revisions and the CLI: what changes, in metadata names.
import { columnStorage, type MigrationAction } from '@tessera/metadata';

export function describeAction(action: MigrationAction): string {
  switch (action.kind) {
    case 'create_table':
      return `create object ${action.object}`;
    case 'create_sequence':
      return `create the counter of ${action.object}.${action.field} (starts at ${action.startAt})`;
    case 'add_column':
      return `add field ${action.object}.${action.field.apiName} (${action.field.type})${action.backfill === undefined ? '' : `, filling existing records with ${JSON.stringify(action.backfill)}`}`;
    case 'add_unique':
      return `make ${action.object}.${action.field} unique`;
    case 'add_foreign_key':
      return `link ${action.object}.${action.field} to ${action.target} (on delete ${action.onDelete})`;
    case 'create_link_table':
      return `create the link table of ${action.object}.${action.field} (many-to-many with ${action.target})`;
    case 'move_links_to_junction':
      return `move the links of ${action.object}.${action.field} into ${action.junction.object} records, then drop the link table`;
    case 'drop_link_table':
      return `drop many-to-many field ${action.object}.${action.field} and its links`;
    case 'create_index':
      return `index ${action.object} (${action.index.columns.map((c) => (c.descending ? `-${c.field}` : c.field)).join(', ')})`;
    case 'update_metadata':
      return `update ${action.field ? `${action.object}.${action.field}` : action.object}: ${action.changes.join(', ')}`;
    case 'update_calendar':
      return `${action.change === 'added' ? 'add' : action.change === 'removed' ? 'remove' : 'change'} calendar ${action.calendar}`;
    case 'rename_column':
      return `rename field ${action.object}.${action.from} to ${action.to} (the old name stays an alias for one revision)`;
    case 'rename_index':
      return `rename index ${action.from} to ${action.to}`;
    case 'drop_index':
      return `drop index on ${action.object} (${action.index.columns.map((c) => c.field).join(', ')})`;
    case 'drop_unique':
      return `stop enforcing uniqueness of ${action.object}.${action.field}`;
    case 'alter_column_type':
      return `convert ${action.object}.${action.field} from ${action.from.type} ${columnStorage(action.from)} to ${action.to.type} ${columnStorage(action.to)}`;
    case 'set_default':
      return `change the default of ${action.object}.${action.field}`;
    case 'set_required':
      return action.required
        ? `make ${action.object}.${action.field} required${action.backfill === undefined ? '' : `, filling empty records with ${JSON.stringify(action.backfill)}`}`
        : `make ${action.object}.${action.field} optional`;
    case 'alter_foreign_key':
      return action.fromTarget === action.target
        ? `on delete of the ${action.target} behind ${action.object}.${action.field}: ${action.onDelete}`
        : `re-target ${action.object}.${action.field} from ${action.fromTarget} to ${action.target}`;
    case 'remap_picklist_values':
      return `rename values of ${action.object}.${action.field}: ${action.renames.map((r) => `${r.from} → ${r.to}`).join(', ')} (records follow)`;
    case 'remove_picklist_values':
      return `remove values of ${action.object}.${action.field}: ${action.values.join(', ')}`;
    case 'check_dependent_values':
      return `let ${action.object}.${action.controllingField} control the values of ${action.object}.${action.field} (existing records are checked)`;
    case 'drop_column':
      return `drop field ${action.object}.${action.field.apiName} (kept hidden until purged)`;
    case 'drop_table':
      return `drop object ${action.object} (kept hidden until purged)`;
    case 'restore_column':
      return `restore field ${action.object}.${action.field.apiName} with its data (dropped in revision ${action.droppedRevision})`;
    case 'restore_table':
      return `restore object ${action.object} with its records (dropped in revision ${action.droppedRevision})`;
    case 'sync_rollup_triggers':
      return action.rollups.length > 0
        ? `re-create the roll-up triggers on ${action.object} (${action.rollups.join(', ')})`
        : `remove the roll-up triggers on ${action.object}`;
    case 'backfill_rollup':
      return `compute the roll-up ${action.object}.${action.field} (from ${action.childObject}) on every ${action.object} record${
        action.cascades ? `, and the roll-ups above it on ${action.cascades.join(', ')}` : ''
      }`;
    case 'sync_duplicate_trigger':
      return action.enabled
        ? `keep the duplicate keys of ${action.object} in step with deletes and restores (trigger)`
        : `remove the duplicate-key trigger of ${action.object}`;
    case 'backfill_duplicate_keys':
      return [
        ...(action.rules.length > 0 ? [`store the duplicate keys of every ${action.object} record for ${action.rules.join(', ')}`] : []),
        ...(action.clearedRules.length > 0 ? [`delete the stored keys of ${action.object} for ${action.clearedRules.join(', ')}`] : []),
      ].join('; ');
  }
}

/** The field an action is about, if any. */
export function actionField(action: MigrationAction): string | undefined {
  if (action.kind === 'add_column' || action.kind === 'drop_column' || action.kind === 'restore_column') return action.field.apiName;
  if (action.kind === 'rename_column') return action.to;
  return 'field' in action && typeof action.field === 'string' ? action.field : undefined;
}
