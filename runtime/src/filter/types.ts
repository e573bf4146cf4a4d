// Public types of the filter compiler and the typed expression it builds internally.
import type { RawBuilder, SqlBool } from 'kysely';
import type { ProblemDetail } from './metadata.ts';

export type FilterValueType = 'number' | 'text' | 'boolean' | 'date' | 'datetime' | 'uuid' | 'textarray';

/** A column a rule may read: a validated reference (sql.ref) and its value type. */
export interface FilterField {
  ref: RawBuilder<unknown>;
  type: FilterValueType;
}

/** Resolves a JsonLogic var name to a column; undefined means unknown field (TSR103). */
export interface FilterScope {
  resolve(name: string): FilterField | undefined;
  /** Why a name this scope knows cannot be used here (e.g. a computed field), for the error message. */
  unavailable?(name: string): string | undefined;
}

/** A compiled value expression (compileValue's answer). `null` is the type of the null literal. */
export interface CompiledValue {
  sql: RawBuilder<unknown>;
  type: FilterValueType | 'null';
}

export type Condition = RawBuilder<SqlBool>;

/**
 * What SQL NULL stands for in an expression, so comparisons can follow JavaScript:
 * 'null' — JS null (a field); 'nan' — JS NaN (arithmetic on null, x/0, x%0); 'never' — not null.
 */
export type NullMeaning = 'null' | 'nan' | 'never';

export interface Expr {
  sql: RawBuilder<unknown>;
  /** 'error' marks an operand that already produced a problem, so no further error cascades. */
  type: FilterValueType | 'null' | 'error';
  nulls: NullMeaning;
  /** Present for a literal from the rule: its JS value as written (before any SQL cast). */
  literal?: { value: string | number | boolean | null };
  /** How messages name this operand: "number field 'amount'", "text literal". */
  label: string;
}

export interface CompileContext {
  scope: FilterScope;
  errors: ProblemDetail[];
}
