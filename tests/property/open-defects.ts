// Known open defects the properties keep out by name while their fix is pending, each with its
// minimal counterexample (see the issue #15 report). Remove an entry when its fix lands: the
// property then covers the case again.
import type { ObjectDef } from '@tessera/metadata';

export interface OpenDefect<T> {
  name: string;
  appliesTo(input: T): boolean;
}

// Fixed (issue #22): a picklist with every value inactive is refused at save (422 TSR233).
export const OPEN_DOCUMENT_DEFECTS: ReadonlyArray<OpenDefect<{ objects: ObjectDef[] }>> = [];

export const openDocumentDefect = (document: { objects: ObjectDef[] }): string | undefined =>
  OPEN_DOCUMENT_DEFECTS.find((defect) => defect.appliesTo(document))?.name;

// Fixed (issue #22): dates in year 0 (400 TSR407), lone surrogates and NUL (400 TSR120, naming
// the path of each; tests/api/bad-record-input.test.ts).
export const OPEN_BODY_DEFECTS: ReadonlyArray<OpenDefect<{ raw: string }>> = [];

export const openBodyDefect = (body: { raw: string }): string | undefined => OPEN_BODY_DEFECTS.find((defect) => defect.appliesTo(body))?.name;
