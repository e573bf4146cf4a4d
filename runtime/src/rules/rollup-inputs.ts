// What a roll-up trigger reads from a child row: the summarised value as SQL over the alias `c`
// and the child columns whose change can move it. A stored field (or a child's stored roll-up) is
// its column; a formula has no column, so its value is the formula compiler's own SQL (the same
// expression lists and filters use, other formulas inlined) and the columns it reads, followed
// through the formulas it reads, are watched. Metadata refuses formulas that read the clock or the
// user here (TSR520), so the database clock bound below is never reached by a roll-up.
import { formulaReads, type NormalisedObject, type NormalisedRollupField } from '@tessera/metadata';
import { type Kysely, sql } from 'kysely';
import type { CompiledColumn } from '../catalog/catalog-types.ts';
import {
  type ColumnKind,
  columnRef,
  fieldColumnKind,
  LEADING_STANDARD_COLUMNS,
  STANDARD_COLUMN_KINDS,
  TRAILING_STANDARD_COLUMNS,
} from '../catalog/column-kinds.ts';
import { installFormulaColumns } from '../catalog/formula-columns.ts';
import { DATABASE_CLOCK } from '../catalog/rule-context-sql.ts';
import { inlineSql } from './inline-sql.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant schemas are dynamic
type Db = Kysely<any>;

/** The summarised value of one child row `c`, as SQL text ('' for count, which reads none). */
export function summarisedSql(db: Db, child: NormalisedObject, field: NormalisedRollupField): string {
  if (!field.aggregateField) return '';
  const summarised = child.fields.find((candidate) => candidate.apiName === field.aggregateField);
  if (summarised?.type !== 'formula') return `c.${quote(field.aggregateField)}`;
  const column = childColumns(child).get(summarised.apiName);
  // Metadata validation resolved the field; a missing column means a corrupt revision.
  if (!column) throw new Error(`roll-up ${field.apiName}: formula ${child.apiName}.${summarised.apiName} does not compile`);
  return inlineSql(column.render('c'), db);
}

/** The child columns whose change can move this roll-up's summarised value (not the lookup or filter). */
export function summarisedColumns(child: NormalisedObject, field: NormalisedRollupField): string[] {
  if (!field.aggregateField) return [];
  const summarised = child.fields.find((candidate) => candidate.apiName === field.aggregateField);
  return summarised?.type === 'formula' ? formulaReads(child, summarised).stored : [field.aggregateField];
}

/** The child's columns as the formula compiler sees them (stored kinds; formulas compiled over them). */
function childColumns(child: NormalisedObject): Map<string, CompiledColumn> {
  const columns = new Map<string, CompiledColumn>();
  const add = (apiName: string, kind: ColumnKind, field: CompiledColumn['field']) => {
    // As compile-catalog reads them (a time of day as its text), so the formula's SQL is the same.
    const render = (alias: string) => columnRef(kind, alias, apiName);
    const asText = kind.asText === true;
    columns.set(apiName, { apiName, field, filterType: kind.filterType, cast: kind.cast, ref: render('c'), render, sortable: kind.sortable, asText });
  };
  for (const name of [...LEADING_STANDARD_COLUMNS, ...TRAILING_STANDARD_COLUMNS]) add(name, STANDARD_COLUMN_KINDS[name] as ColumnKind, undefined);
  if (child.recordTypes) add('record_type', STANDARD_COLUMN_KINDS.record_type as ColumnKind, undefined);
  for (const field of child.fields) add(field.apiName, fieldColumnKind(field), field);
  const problems = installFormulaColumns(child, columns, DATABASE_CLOCK);
  if (problems.length > 0) throw new Error(`formulas of ${child.apiName} do not compile: ${problems.map((problem) => problem.message).join('; ')}`);
  return columns;
}

/** Identifiers here are validated api names; quoting keeps them exact. */
const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;
