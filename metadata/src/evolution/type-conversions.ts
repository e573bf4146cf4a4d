// Which field type changes have a defined conversion, what column type a field is stored in, and
// whether a change of storage rewrites the table. Pure: the designer shows the same answers.
import type { ConversionKind } from '../migration-actions.ts';
import type { NormalisedField, RollupResult } from '../normalised-types.ts';
import type { FieldType } from '../types.ts';

/** The PostgreSQL column type of a field: one mapping, used by the DDL runner and by the planner. */
export function columnStorage(field: NormalisedField): string {
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url':
      return `varchar(${field.maxLength})`;
    case 'picklist':
      return 'varchar(80)';
    case 'multipicklist':
    case 'polylookup':
    case 'file':
    case 'image':
      return 'jsonb';
    case 'number':
    case 'currency':
    case 'percent':
      return `numeric(${field.precision}, ${field.scale})`;
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'timestamptz(3)';
    case 'time':
      // Whole seconds: the API prints HH:MM:SS and the schema refuses fractions.
      return 'time(0)';
    case 'lookup':
    case 'user':
      return 'uuid';
    case 'autonumber':
      return 'varchar(120)';
    case 'rollup':
      return rollupStorage(field.result);
    case 'richtext':
      return `varchar(${field.maxLength})`;
    case 'geolocation':
      // PostgreSQL's core point (x = longitude, y = latitude): a GiST index answers boxes and nearest-first.
      return 'point';
    case 'formula':
      // No column: a formula is a SQL expression in every query (see storesColumn).
      return 'none';
    case 'manytomany':
      // No column: the links live in the field's junction table.
      return 'links';
  }
}

/** Whether a field has a column of its own (every type but formula and many-to-many). */
export const storesColumn = (field: NormalisedField): boolean => field.type !== 'formula' && field.type !== 'manytomany';

function rollupStorage(result: RollupResult): string {
  if (result.type === 'date') return 'date';
  if (result.type === 'datetime') return 'timestamptz(3)';
  return `numeric(${result.precision}, ${result.scale})`;
}

const TEXTUAL = new Set<FieldType>(['text', 'textarea', 'email', 'phone', 'url']);
const FREE_TEXT = new Set<FieldType>(['text', 'textarea']);
const NUMERIC = new Set<FieldType>(['number', 'currency', 'percent']);
const RENDERED_AS_TEXT = new Set<FieldType>(['number', 'currency', 'percent', 'boolean', 'date', 'datetime', 'time']);

/**
 * The conversion from one field definition to another, or undefined when none is defined (the
 * change is refused). Same type with other limits (length, precision, scale) is a retype.
 */
export function conversionFor(from: NormalisedField, to: NormalisedField): ConversionKind | undefined {
  // A roll-up's numeric result may widen or narrow (its values are recomputed by the apply anyway).
  if (from.type === 'rollup' && to.type === 'rollup') return NUMERIC.has(from.result.type) && NUMERIC.has(to.result.type) ? 'retype' : undefined;
  if (from.type === to.type) return TEXTUAL.has(from.type) || NUMERIC.has(from.type) || from.type === 'richtext' ? 'retype' : undefined;
  if (FREE_TEXT.has(to.type) && (TEXTUAL.has(from.type) || from.type === 'picklist')) return 'retype';
  if (NUMERIC.has(from.type) && NUMERIC.has(to.type)) return 'retype';
  if (FREE_TEXT.has(to.type) && RENDERED_AS_TEXT.has(from.type)) return 'to_text';
  if (FREE_TEXT.has(from.type) && to.type === 'picklist') return 'to_picklist';
  if (from.type === 'picklist' && to.type === 'multipicklist') return 'to_multipicklist';
  if (FREE_TEXT.has(from.type) && to.type === 'time') return 'to_time';
  return undefined;
}

/** Human list of the defined conversions, for refusal messages and the README. */
export const DEFINED_CONVERSIONS =
  'text/textarea/email/phone/url/picklist → text or textarea; number ↔ currency ↔ percent; number/currency/percent/boolean/date/datetime/time → text or textarea; text/textarea → time (every value HH:MM or HH:MM:SS); text/textarea → picklist (every value a picklist value); picklist → multipicklist; and length, precision or scale changes of the same type (richtext too)';

/**
 * Whether PostgreSQL rewrites the table for this change of column type. Widening a varchar or
 * raising a numeric's precision at the same scale is binary-coercible: no rewrite, no scan.
 */
export function rewritesTable(from: NormalisedField, to: NormalisedField, conversion: ConversionKind): boolean {
  if (conversion !== 'retype') return true;
  const before = columnStorage(from);
  const after = columnStorage(to);
  if (before === after) return false;
  const varchar = /^varchar\((\d+)\)$/;
  const numeric = /^numeric\((\d+), (\d+)\)$/;
  const vb = varchar.exec(before);
  const va = varchar.exec(after);
  if (vb && va) return Number(va[1]) < Number(vb[1]);
  const nb = numeric.exec(before);
  const na = numeric.exec(after);
  if (nb && na) return !(nb[2] === na[2] && Number(na[1]) >= Number(nb[1]));
  return true;
}
