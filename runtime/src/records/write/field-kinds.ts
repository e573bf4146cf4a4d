// Object definition → the names of its fields of the kinds write steps look for (user, file,
// polylookup, dependent picklists, many-to-many, auto-numbers by record type), computed once per definition. A step whose kind the object
// lacks says "does not apply" without walking the plan's values: most writes touch none of them.
import { isDependentField, type NormalisedObject } from '@tessera/metadata';

export interface FieldKinds {
  /** `user` fields (not owner_id: that is a column of every object, handled on its own). */
  readonly user: readonly string[];
  /** `file` and `image` fields. */
  readonly file: ReadonlySet<string>;
  readonly polylookup: ReadonlySet<string>;
  /** Dependent picklists and the fields controlling them. */
  readonly dependencies: ReadonlySet<string>;
  /** Many-to-many fields (links, not columns). */
  readonly manytomany: ReadonlySet<string>;
  /** Auto-number fields whose format depends on the record type. */
  readonly recordTypeNumbered: ReadonlySet<string>;
}

const byDefinition = new WeakMap<NormalisedObject, FieldKinds>();

export function fieldKinds(definition: NormalisedObject): FieldKinds {
  let kinds = byDefinition.get(definition);
  if (!kinds) {
    const user: string[] = [];
    const file = new Set<string>();
    const polylookup = new Set<string>();
    const dependencies = new Set<string>();
    const manytomany = new Set<string>();
    const recordTypeNumbered = new Set<string>();
    for (const field of definition.fields) {
      if (field.type === 'manytomany') manytomany.add(field.apiName);
      if (field.type === 'autonumber' && field.formatsByRecordType !== undefined) recordTypeNumbered.add(field.apiName);
      if (field.type === 'user') user.push(field.apiName);
      else if (field.type === 'file' || field.type === 'image') file.add(field.apiName);
      else if (field.type === 'polylookup') polylookup.add(field.apiName);
      if (isDependentField(field)) {
        dependencies.add(field.apiName);
        dependencies.add(field.controllingField);
      }
    }
    kinds = Object.freeze({ user, file, polylookup, dependencies, manytomany, recordTypeNumbered });
    byDefinition.set(definition, kinds);
  }
  return kinds;
}
