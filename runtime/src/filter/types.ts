// Public types of the filter compiler and the typed expression it builds internally.
import type { RawBuilder, SqlBool } from 'kysely';
import type { ErrorCode, NormalisedCalendar, ProblemDetail } from './metadata.ts';

export type FilterValueType = 'number' | 'text' | 'boolean' | 'date' | 'datetime' | 'uuid' | 'textarray' | 'geolocation';

/** A column a rule may read: a validated reference (sql.ref) and its value type. */
export interface FilterField {
  ref: RawBuilder<unknown>;
  type: FilterValueType;
  /** A picklist or multi-select: its api names, the only texts a comparison with it may use. */
  values?: readonly string[];
  /** A many-to-many field: has_any / has_all as EXISTS on its junction table (list-match.ts). */
  links?: LinkConditions;
}

/** Conditions over a many-to-many field's links for the row alias `t`; ids are canonical (lowercase) uuids. */
export interface LinkConditions {
  any(ids: readonly string[]): RawBuilder<SqlBool>;
  all(ids: readonly string[]): RawBuilder<SqlBool>;
  some(): RawBuilder<SqlBool>;
}

/** Resolves a JsonLogic var name to a column; undefined means unknown field (TSR103). */
export interface FilterScope {
  resolve(name: string): FilterField | undefined;
  /** Why a name this scope knows cannot be used here (e.g. a computed field), for the error message. */
  unavailable?(name: string): string | undefined;
  /** The code of that problem when it is not TSR103 (e.g. TSR160 for a lookup path). */
  unavailableCode?(name: string): ErrorCode | undefined;
  /** The tenant's calendar of this api name (add_business_hours, business_hours_between); none without. */
  calendar?(name: string): NormalisedCalendar | undefined;
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
  /** A picklist or multi-select field's api names (FilterField.values). */
  values?: readonly string[];
  /** A many-to-many field's link conditions (FilterField.links). */
  links?: LinkConditions;
}

/**
 * One compilation's state. The two recursive compilers travel here rather than as imports, so the
 * operator modules (arithmetic, in, text and date functions, …) call back into them without an
 * import cycle: compile-filter.ts wires them once per rule.
 */
export interface CompileContext {
  scope: FilterScope;
  errors: ProblemDetail[];
  /** Rule node → typed value (compile-expr.ts). */
  expr(node: unknown, path: string): Expr;
  /** Rule node → condition in the given polarity (compile-condition.ts). */
  condition(node: unknown, path: string, positive: boolean): Condition;
}
