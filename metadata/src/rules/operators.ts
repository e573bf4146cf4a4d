// Tessera's custom JsonLogic operators, registered on a json-logic-js instance. The browser and the
// server both call registerTesseraOperators, so a rule means the same thing on both sides; the SQL
// compiler (runtime/src/filter) emits the equivalent SQL for each.

/** The part of json-logic-js this module needs (keeps metadata free of a hard type dependency). */
export interface JsonLogicHost {
  add_operation(name: string, code: (...args: never[]) => unknown): void;
}

/** Names of the operators Tessera adds to standard JsonLogic. */
export const TESSERA_CUSTOM_OPERATORS = ['starts_with', 'ends_with', 'icontains'] as const;
export type TesseraCustomOperator = (typeof TESSERA_CUSTOM_OPERATORS)[number];

// A non-string operand (null, a number, a missing field) never matches: SQL gives NULL ⇒ false too.
const startsWith = (text: unknown, prefix: unknown): boolean => typeof text === 'string' && typeof prefix === 'string' && text.startsWith(prefix);

const endsWith = (text: unknown, suffix: unknown): boolean => typeof text === 'string' && typeof suffix === 'string' && text.endsWith(suffix);

// Case folding: JS toLowerCase here, SQL lower() in the database. They agree on ASCII and on
// scripts without case (CJK); other letters follow the database's ctype (see filter README).
const icontains = (text: unknown, needle: unknown): boolean =>
  typeof text === 'string' && typeof needle === 'string' && text.toLowerCase().includes(needle.toLowerCase());

export const TESSERA_OPERATOR_IMPLEMENTATIONS: Readonly<Record<TesseraCustomOperator, (a: unknown, b: unknown) => boolean>> = Object.freeze({
  starts_with: startsWith,
  ends_with: endsWith,
  icontains,
});

/** Adds starts_with, ends_with and icontains to a json-logic-js instance. Idempotent. */
export function registerTesseraOperators(jsonLogic: JsonLogicHost): void {
  for (const name of TESSERA_CUSTOM_OPERATORS) {
    jsonLogic.add_operation(name, TESSERA_OPERATOR_IMPLEMENTATIONS[name] as (...args: never[]) => unknown);
  }
}
