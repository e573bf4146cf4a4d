export {
  type CellReason,
  type CoercedCell,
  type CoerceOptions,
  coerceCell,
  type DateOrder,
  findPicklistValue,
  IMPORTABLE_TYPES,
  parseDate,
} from './coerce-cell.ts';
export { type ColumnMapping, matchColumns } from './match-columns.ts';
