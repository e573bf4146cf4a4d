// Formula fields → catalog columns whose `ref` and `render` are SQL expressions compiled from the
// formula's JsonLogic (compileValue over the object's columns, other formulas inlined, `$today`
// etc. from a RuleContextSql). Lists therefore filter, sort and project formulas like columns.
// Rounding and conversions follow metadata's formulaResult, so SQL and json-logic-js agree.
import {
  type CalendarSet,
  isLookupPath,
  type NormalisedCalendar,
  type NormalisedFormulaField,
  type NormalisedObject,
  type ProblemDetail,
} from '@tessera/metadata';
import { polylookupPart } from './polylookup-part.ts';
import { type RawBuilder, sql } from 'kysely';
import { compileFilter, compileValue, type FilterField, type FilterScope } from '../filter/index.ts';
import type { CompiledColumn } from './catalog-types.ts';
import { columnRef, FORMULA_KINDS } from './column-kinds.ts';
import { type FormulaLookups, formulaPathField } from './formula-path.ts';
import { contextField, type RuleContextSql } from './rule-context-sql.ts';

export interface FormulaSql {
  sql: RawBuilder<unknown>;
  problems: ProblemDetail[];
}

/**
 * Replaces the formula entries of `columns` (stored columns already present) with compiled ones.
 * Keys keep their positions. Returns the problems of formulas the SQL compiler refused (they
 * render null; metadata validation keeps them from being saved in the first place).
 */
export function installFormulaColumns(
  definition: NormalisedObject,
  columns: Map<string, CompiledColumn>,
  context: RuleContextSql,
  lookups?: FormulaLookups,
): ProblemDetail[] {
  const formulas = definition.fields.filter((field): field is NormalisedFormulaField => field.type === 'formula');
  if (formulas.length === 0) return [];
  const stored = new Map([...columns].filter(([, column]) => column.field?.type !== 'formula'));
  const problems: ProblemDetail[] = [];
  const compilers = new Map<string, (alias: string) => FormulaSql>();
  const compile = formulaCompiler(definition, formulas, stored, context, compilers, lookups);
  for (const field of formulas) {
    const kind = FORMULA_KINDS[field.returns];
    const at = memo((alias: string) => compile(field, alias, 0));
    const { sql: ref, problems: refused } = at('t');
    problems.push(...refused);
    columns.set(
      field.apiName,
      Object.freeze({
        apiName: field.apiName,
        field,
        filterType: kind.filterType,
        cast: kind.cast,
        ref,
        // Instants print as stored datetimes do (UTC, milliseconds, Z), not in PostgreSQL's text form.
        render: kind.isInstant
          ? (alias: string) => sql`to_char(${at(alias).sql} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
          : (alias: string) => at(alias).sql,
        sortable: kind.sortable,
        asText: false,
      }),
    );
  }
  return problems;
}

const readsContextOf = new WeakMap<NormalisedObject, boolean>();

/** Whether the formula (or one it reads) reads `$today`, `$now` or `$user.id`. */
export function readsContext(definition: NormalisedObject): boolean {
  // Asked for every object a request binds (rules/bind-rule-context.ts): answered once per definition.
  let reads = readsContextOf.get(definition);
  if (reads === undefined) {
    reads = definition.fields.some(
      (field) => field.type === 'formula' && /"(?:\$today|\$now|\$user\.id)"|"(?:today|now)"\s*:/.test(JSON.stringify(field.expression)),
    );
    readsContextOf.set(definition, reads);
  }
  return reads;
}

type Compile = (field: NormalisedFormulaField, alias: string, depth: number) => FormulaSql;

function formulaCompiler(
  definition: NormalisedObject,
  formulas: NormalisedFormulaField[],
  stored: ReadonlyMap<string, CompiledColumn>,
  context: RuleContextSql,
  cache: Map<string, (alias: string) => FormulaSql>,
  lookups: FormulaLookups | undefined,
): Compile {
  const byName = new Map(formulas.map((field) => [field.apiName, field]));
  const compile: Compile = (field, alias, depth) => {
    const key = `${field.apiName}\u0000${alias}`;
    const cached = cache.get(key);
    if (cached) return cached(alias);
    // Metadata refuses cycles; the depth guard keeps a corrupt revision from recursing forever.
    if (depth > byName.size) return { sql: sql`null`, problems: [{ path: '', code: 'TSR504', message: `formula ${field.apiName} depends on itself` }] };
    const problems: ProblemDetail[] = [];
    const scope: FilterScope = {
      resolve(name: string): FilterField | undefined {
        const column = stored.get(name);
        if (column?.field?.type === 'polylookup') return undefined;
        if (column) return { ref: columnRef(column.asText ? { asText: true } : {}, alias, name), type: column.filterType };
        const part = polylookupPart(stored, alias, name);
        if (part) return part;
        const other = byName.get(name);
        if (other) {
          const inner = compile(other, alias, depth + 1);
          problems.push(...inner.problems);
          return { ref: inner.sql, type: FORMULA_KINDS[other.returns].filterType };
        }
        if (lookups && isLookupPath(name)) return formulaPathField(lookups, definition, name, alias);
        return contextField(context, name);
      },
      calendar: (name) => calendarNamed(lookups?.calendars, name),
    };
    const result = formulaSql(field, scope);
    const value = { sql: result.sql, problems: [...problems, ...result.problems] };
    cache.set(key, () => value);
    return value;
  };
  return compile;
}

function formulaSql(field: NormalisedFormulaField, scope: FilterScope): FormulaSql {
  const at = (problems: ProblemDetail[]) => problems.map((problem) => ({ ...problem, message: `formula ${field.apiName}: ${problem.message}` }));
  if (field.returns === 'boolean') {
    // JsonLogic truthiness of any value; the condition is TRUE exactly where json-logic-js is truthy.
    const condition = compileFilter(field.expression, scope);
    return condition.ok ? { sql: sql`coalesce(${condition.value}, false)`, problems: [] } : { sql: sql`cast(null as boolean)`, problems: at(condition.errors) };
  }
  const value = compileValue(field.expression, scope);
  const expected = field.returns === 'text' || field.returns === 'date' || field.returns === 'datetime' ? field.returns : 'number';
  const cast = FORMULA_KINDS[field.returns].cast;
  if (!value.ok) return { sql: sql`cast(null as ${sql.raw(cast)})`, problems: at(value.errors) };
  if (value.value.type === 'null') return { sql: sql`cast(null as ${sql.raw(cast)})`, problems: [] };
  if (value.value.type !== expected) {
    return {
      sql: sql`cast(null as ${sql.raw(cast)})`,
      problems: at([{ path: '', code: 'TSR503', message: `returns ${field.returns} but the expression gives ${value.value.type}` }]),
    };
  }
  if (expected === 'number') return { sql: sql`round(cast(${value.value.sql} as numeric), ${sql.lit(field.scale)})`, problems: [] };
  return { sql: value.value.sql, problems: [] };
}

// Builders are immutable, so one per alias serves every request of this revision (or binding).
function memo<T>(build: (alias: string) => T): (alias: string) => T {
  const built = new Map<string, T>();
  return (alias) => {
    let value = built.get(alias);
    if (value === undefined) {
      value = build(alias);
      built.set(alias, value);
    }
    return value;
  };
}

/** A calendar of the set by api name; own keys only, so `constructor` or `__proto__` name nothing. */
export function calendarNamed(calendars: CalendarSet | undefined, name: string): NormalisedCalendar | undefined {
  return calendars && Object.hasOwn(calendars, name) ? calendars[name] : undefined;
}
