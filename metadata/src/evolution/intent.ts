// Schema-valid metadata document → the evolution directives it carries: field and picklist value
// renames (`renamedFrom`), backfill values for fields becoming required, and objects to remove.
// Directives steer one diff; normalisation strips them, so they never reach a stored snapshot.
import type { BackfillValue } from '../migration-actions.ts';
import type { ObjectDef } from '../types.ts';

export interface EvolutionIntent {
  /** object → new field api name → the live field api name it renames. */
  fieldRenames: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** `object.field` (new names) → new value api name → the live value it renames. */
  valueRenames: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** `object.field` → value for existing records that have none. */
  backfills: ReadonlyMap<string, BackfillValue>;
  /** Live objects to drop. */
  remove: readonly string[];
}

export const NO_INTENT: EvolutionIntent = { fieldRenames: new Map(), valueRenames: new Map(), backfills: new Map(), remove: [] };

export function collectIntent(document: unknown): EvolutionIntent {
  if (document === null || typeof document !== 'object') return NO_INTENT;
  const bundle = 'objects' in document ? (document as { objects: ObjectDef[]; remove?: string[] }) : undefined;
  const defs = bundle ? bundle.objects : [document as ObjectDef];
  const fieldRenames = new Map<string, Map<string, string>>();
  const valueRenames = new Map<string, Map<string, string>>();
  const backfills = new Map<string, BackfillValue>();
  for (const def of defs) {
    for (const field of def.fields ?? []) {
      const key = `${def.apiName}.${field.apiName}`;
      if (field.renamedFrom !== undefined && field.renamedFrom !== field.apiName) {
        const renames = fieldRenames.get(def.apiName) ?? new Map<string, string>();
        renames.set(field.apiName, field.renamedFrom);
        fieldRenames.set(def.apiName, renames);
      }
      if (field.backfill !== undefined) backfills.set(key, field.backfill);
      if (field.type !== 'picklist' && field.type !== 'multipicklist') continue;
      for (const value of field.values) {
        if (value.renamedFrom === undefined || value.renamedFrom === value.apiName) continue;
        const renames = valueRenames.get(key) ?? new Map<string, string>();
        renames.set(value.apiName, value.renamedFrom);
        valueRenames.set(key, renames);
      }
    }
  }
  return { fieldRenames, valueRenames, backfills, remove: bundle?.remove ?? [] };
}
