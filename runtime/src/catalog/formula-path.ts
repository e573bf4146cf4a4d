// A lookup path inside a formula (`{"var": "account.region"}`) → its SQL at a row alias: the
// parent's stored column read through correlated subqueries (sql/through-lookups.ts), so the
// formula answers the parent's current value at once (nothing stored, nothing stale).
// Formulas run with the definer's rights, as Salesforce's cross-object formulas do: the admin who
// wrote the formula chose to show that value as a field of the child. What the reader may see is
// decided on the formula field itself: it is hidden from anyone who may not read the parent
// field it reads (security/secure-catalog.ts), so it never reveals a field the reader cannot see.
import { type CalendarSet, type NormalisedObject, resolveLookupPath } from '@tessera/metadata';
import { sql } from 'kysely';
import type { FilterField } from '../filter/index.ts';
import { throughLookups } from '../sql/through-lookups.ts';
import { fieldColumnKind, STANDARD_COLUMN_KINDS } from './column-kinds.ts';

/** What a formula's paths may reach: the tenant's schema and the revision's object definitions. */
export interface FormulaLookups {
  schema: string;
  objectNamed(name: string): NormalisedObject | undefined;
  /** The tenant's calendars (add_business_hours, business_hours_between), inlined into the SQL. */
  calendars?: CalendarSet;
}

/** The path as a filter operand at `alias`, or undefined when it reaches nothing (metadata refuses such formulas). */
export function formulaPathField(lookups: FormulaLookups, object: NormalisedObject, path: string, alias: string): FilterField | undefined {
  const end = resolveLookupPath(lookups.objectNamed, object, path, { formulas: false });
  if (!end.ok) return undefined;
  const name = typeof end.field === 'string' ? end.field : end.field.apiName;
  const kind = typeof end.field === 'string' ? STANDARD_COLUMN_KINDS[end.field] : fieldColumnKind(end.field);
  if (!kind) return undefined;
  const hops = end.hops.map((hop) => ({ lookup: hop.lookup, schema: lookups.schema, table: hop.target.apiName }));
  return { ref: throughLookups(alias, hops, (at) => sql.ref(`${at}.${name}`)), type: kind.filterType };
}
