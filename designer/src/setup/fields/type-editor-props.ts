import type { NormalisedObject } from '@tessera/metadata';
import type { FieldDraft, JsonProperty, ValueRow } from './field-draft.ts';

/** What a field type's own properties panel gets from the field editor. Error keys are relative to the field (`/maxLength`). */
export interface TypeEditorProps {
  draft: FieldDraft;
  setField: (key: string, value: unknown) => void;
  setValues: (rows: ValueRow[]) => void;
  setJson: (key: JsonProperty, text: string) => void;
  errors: (...keys: string[]) => string[];
  /** The object the field belongs to (it may not be live yet). */
  objectApiName: string;
  liveObjects: readonly NormalisedObject[];
}
