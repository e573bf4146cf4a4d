import type { NormalisedObject } from '../normalised-types.ts';
import type { ObjectDef } from '../types.ts';

/** One object of the document during semantic checks: the input, its pointer and its normalised form. */
export interface ObjectUnderCheck {
  /** JSON pointer of the object in the document: `''` for a single object, `/objects/2` in a bundle. */
  path: string;
  def: ObjectDef;
  /** Same field order as `def.fields`, so `fields/<i>` paths hold for both. */
  normalised: NormalisedObject;
}
