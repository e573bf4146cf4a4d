// The lookups of other objects (and this one) that point at an object: the related records a
// transfer of its records can take along. From the metadata the App already holds.
import type { ObjectDefinition } from '../../api/index.ts';

export interface RelatedLookup {
  object: string;
  field: string;
}

export function relatedLookups(target: string, objects: readonly ObjectDefinition[]): RelatedLookup[] {
  return objects.flatMap((object) =>
    object.fields
      .filter((field) => field.type === 'lookup' && (field as { target?: string }).target === target)
      .map((field) => ({ object: object.apiName, field: field.apiName })),
  );
}
