// Typed migration actions: the output of diff(live, next) and the input of the runtime's DDL
// runner. Data, not code: a plan can be shown, hashed and reviewed before it runs.
import type { NormalisedField, NormalisedIndex, NormalisedObject } from './normalised-types.ts';

/** A value written into existing records that have none (see FieldDef.backfill). */
export type BackfillValue = string | number | boolean | string[];

/** How a column's values turn into the new type (see evolution/type-conversions.ts). */
export type ConversionKind =
  /** Same storage family (varchar → varchar, numeric → numeric): PostgreSQL's own assignment cast. */
  | 'retype'
  /** numeric, boolean, date, datetime → varchar: the value as the API renders it. */
  | 'to_text'
  /** varchar → picklist: every value must be a value of the list; blanks become null. */
  | 'to_picklist'
  /** picklist → multipicklist: the value becomes a one-element array. */
  | 'to_multipicklist'
  /** varchar → time: every value must be HH:MM or HH:MM:SS (as the API accepts it); blanks become null. */
  | 'to_time';

export type MigrationAction =
  /** New table with the standard columns only; fields arrive as add_column actions. */
  | { kind: 'create_table'; object: string; definition: NormalisedObject }
  | { kind: 'create_sequence'; object: string; field: string; sequenceName: string; startAt: number }
  /** `backfill` fills existing records when a required field without a default is added. */
  | { kind: 'add_column'; object: string; field: NormalisedField; backfill?: BackfillValue }
  | { kind: 'add_unique'; object: string; field: string; indexName: string }
  | {
      kind: 'add_foreign_key';
      object: string;
      field: string;
      target: string;
      onDelete: 'restrict' | 'setNull' | 'cascade';
      constraintName: string;
    }
  | { kind: 'create_index'; object: string; index: NormalisedIndex }
  /** The managed junction table of a many-to-many field (after every table exists: it references both). */
  | { kind: 'create_link_table'; object: string; field: string; target: string; table: string }
  /** Removing a many-to-many field drops its junction table and the links in it (the plan counts them). */
  | { kind: 'drop_link_table'; object: string; field: string; table: string }
  /**
   * A live many-to-many field moves to a junction object: its managed table's links become junction
   * records (copied with when and by whom they were linked), then the table is dropped. `required`
   * lists the junction's other required fields: the copy needs a column default for each.
   */
  | {
      kind: 'move_links_to_junction';
      object: string;
      field: string;
      table: string;
      junction: { object: string; source: string; target: string };
      required: string[];
    }
  /** Labels, help text, descriptions: no DDL, only a new revision. */
  | { kind: 'update_metadata'; object: string; field?: string; changes: string[] }
  /**
   * A business calendar added, changed or removed: metadata only (the SQL compiler inlines calendars,
   * so no DDL). `object` is the pseudo-name `$calendars` (no api name starts with `$`), so every
   * consumer that names an action's object (plan steps, audit, CLI) reads it without a special case.
   */
  | { kind: 'update_calendar'; object: '$calendars'; calendar: string; change: 'added' | 'changed' | 'removed' }
  // ── Evolution of existing objects ─────────────────────────────────────────────────────────
  /** Column rename (no rewrite) plus the storage names derived from the field name. */
  | { kind: 'rename_column'; object: string; from: string; to: string; previous: NormalisedField }
  | { kind: 'rename_index'; object: string; from: string; to: string }
  | { kind: 'drop_index'; object: string; index: NormalisedIndex }
  | { kind: 'drop_unique'; object: string; field: string; indexName: string }
  | { kind: 'alter_column_type'; object: string; field: string; from: NormalisedField; to: NormalisedField; conversion: ConversionKind }
  /** Column default from the field's definition (literal, picklist default values, autonumber format). */
  | { kind: 'set_default'; object: string; field: string; to: NormalisedField }
  | { kind: 'set_required'; object: string; field: string; required: boolean; backfill?: BackfillValue; to: NormalisedField }
  /** Recreates the foreign key: a new delete behaviour, or a new target (refused while records use the lookup). */
  | {
      kind: 'alter_foreign_key';
      object: string;
      field: string;
      fromTarget: string;
      target: string;
      onDelete: 'restrict' | 'setNull' | 'cascade';
      constraintName: string;
    }
  /** Records holding a renamed picklist value get the new value (swaps and chains in one pass). */
  | { kind: 'remap_picklist_values'; object: string; field: string; multiple: boolean; renames: { from: string; to: string }[] }
  /** Values taken out of the list; refused while records hold them (deactivate instead). */
  | { kind: 'remove_picklist_values'; object: string; field: string; multiple: boolean; values: string[] }
  /**
   * A dependent picklist's controller or allowed values changed (metadata only): refused while
   * records hold a value the new map does not allow with their controlling value.
   */
  | {
      kind: 'check_dependent_values';
      object: string;
      field: string;
      multiple: boolean;
      controllingField: string;
      dependentValues: Record<string, string[]>;
    }
  /**
   * Soft drop: the column is renamed to `hiddenName` and kept (recoverable) until purged.
   * `hiddenName` is decided by the runtime planner, which knows the revision.
   */
  | { kind: 'drop_column'; object: string; field: NormalisedField; hiddenName?: string }
  /** Soft drop of a whole object: the table is renamed to `hiddenName` and kept until purged. */
  | { kind: 'drop_table'; object: string; definition: NormalisedObject; hiddenName?: string }
  /** Planner only: re-adding a soft-dropped field brings its column (and data) back. */
  | { kind: 'restore_column'; object: string; field: NormalisedField; hiddenName: string; droppedRevision: number; backfill?: BackfillValue }
  /** Planner only: re-creating a soft-dropped object brings its table back. */
  | { kind: 'restore_table'; object: string; definition: NormalisedObject; hiddenName: string; droppedRevision: number }
  // ── Rule storage (diff/rule-storage-actions.ts): after the DDL, so every column they read exists ──
  /**
   * Re-creates the roll-up trigger function of the child `object` and its three statement-level
   * triggers from the next model; `rollups` (`parent.field`, the roll-ups it maintains) empty: removes them.
   */
  | { kind: 'sync_rollup_triggers'; object: string; rollups: string[] }
  /**
   * Recomputes the roll-up `object.field` on every record of `object` (and sets its column default).
   * `cascades`: the objects above whose roll-ups read `object` (their triggers recompute them in turn).
   */
  | { kind: 'backfill_rollup'; object: string; field: string; childObject: string; cascades?: string[] }
  /** The trigger that keeps the stored duplicate keys of `object` live or not with deleted_at; `enabled: false` removes it. */
  | { kind: 'sync_duplicate_trigger'; object: string; enabled: boolean }
  /**
   * Stores the keys of every record of `object` for the new or changed active `rules` (a blocking
   * rule over existing duplicates refuses the apply); keys of `clearedRules` (removed, or now inactive) are deleted.
   */
  | { kind: 'backfill_duplicate_keys'; object: string; rules: string[]; clearedRules: string[] };

export type MigrationActionKind = MigrationAction['kind'];

/** A planned change: ordered actions plus the snapshot that results. */
export interface MigrationPlan {
  actions: MigrationAction[];
  next: import('./normalised-types.ts').MetadataSnapshot;
}
