// The smallest valid field of each type of the registry (tests that run a check over every type):
// the references point at `target`; roll-ups need a child object, so they are left out (undefined).
import type { FIELD_TYPES, FieldDef } from '../types.ts';

const labels = { en: 'X', zh: 'X' };

export function minimalField(type: (typeof FIELD_TYPES)[number], apiName: string, target: string): FieldDef | undefined {
  switch (type) {
    case 'picklist':
    case 'multipicklist':
      return { apiName, type, labels, values: [{ apiName: 'a', labels }] } as FieldDef;
    case 'lookup':
    case 'manytomany':
      return { apiName, type, labels, target } as FieldDef;
    case 'polylookup':
      return { apiName, type, labels, targets: [target] } as FieldDef;
    case 'autonumber':
      return { apiName, type, labels, format: 'A-{0}' } as FieldDef;
    case 'formula':
      return { apiName, type, labels, returns: 'number', expression: { '+': [1, 1] } } as FieldDef;
    case 'rollup':
      return undefined;
    default:
      return { apiName, type, labels } as FieldDef;
  }
}
