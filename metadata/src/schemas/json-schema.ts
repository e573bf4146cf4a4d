/** A JSON Schema (draft 2020-12) as plain data. Deliberately loose: schemas here are built, not parsed. */
export type JsonSchema = { [keyword: string]: unknown };
