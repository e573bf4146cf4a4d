// The objects a many-to-many field may use as its junction: a third object with a required lookup
// to the field's object and one to its target (metadata's resolveJunction decides; the editor lists
// only what it would accept without naming the lookups).
import { type NormalisedManyToManyField, type NormalisedObject, resolveJunction } from '@tessera/metadata';

export function junctionCandidates(owner: string, target: string, liveObjects: readonly NormalisedObject[]): NormalisedObject[] {
  if (target === '') return [];
  const named = (name: string) => liveObjects.find((object) => object.apiName === name);
  return liveObjects.filter((object) => {
    const field = { apiName: 'links', type: 'manytomany', target, junction: object.apiName, labels: {} } as unknown as NormalisedManyToManyField;
    return resolveJunction(owner, field, named, '').ok;
  });
}
