// The options of one import, from the query string (the body is the file): dryRun, mode,
// duplicates, matchField, dateOrder, mapping (JSON {column: field|null}) or savedMapping (a name),
// saveMapping (store the mapping used under a name). Checked against the object: every mapped
// field must exist, be importable and be one the caller may edit (403 TSR153 naming the field).
import { type ColumnMapping, IMPORTABLE_TYPES, type ProblemDetail } from '@tessera/metadata';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import { ApiError, errorsToApiError } from '../core/api-error.ts';
import { externalIdFields } from '../records/bulk/external-refs.ts';

export type ImportMode = 'all-or-nothing' | 'skip-bad-rows';
export type DuplicateHandling = 'skip' | 'update' | 'create';

export interface ImportOptions {
  dryRun: boolean;
  mode: ImportMode;
  duplicates: DuplicateHandling;
  /** The field rows are matched on for skip/update: an external id or a unique field. */
  matchField?: string;
  dateOrder: 'MDY' | 'DMY';
  mapping?: ColumnMapping;
  savedMapping?: string;
  saveMapping?: string;
  language: 'en' | 'zh';
}

const KEYS = new Set([
  'dryRun',
  'mode',
  'duplicates',
  'matchField',
  'dateOrder',
  'mapping',
  'savedMapping',
  'saveMapping',
  'lang',
  'wait',
  'format',
  'fileName',
]);
const MAPPING_NAME = /^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,79}$/u;

export function parseImportOptions(object: CompiledObject, query: Record<string, string>, language: 'en' | 'zh'): ImportOptions {
  const errors: ProblemDetail[] = [];
  const bad = (name: string, message: string) => errors.push({ path: `/${name}`, code: 'TSR150', message });
  for (const key of Object.keys(query)) if (!KEYS.has(key)) bad(key, 'unknown parameter');
  const oneOf = <T extends string>(name: string, values: readonly T[], fallback: T): T => {
    const value = query[name] ?? fallback;
    if (!values.includes(value as T)) bad(name, `must be one of ${values.join(', ')}`);
    return value as T;
  };
  const dryRun = oneOf('dryRun', ['true', 'false'], 'false') === 'true';
  const mode = oneOf<ImportMode>('mode', ['all-or-nothing', 'skip-bad-rows'], 'all-or-nothing');
  const duplicates = oneOf<DuplicateHandling>('duplicates', ['skip', 'update', 'create'], 'skip');
  const dateOrder = oneOf('dateOrder', ['MDY', 'DMY'] as const, 'MDY');
  let matchField = query.matchField;
  // Skip and update match on the object's external id unless told otherwise.
  if (matchField === undefined && duplicates !== 'create') matchField = externalIdFields(object)[0];
  if (matchField !== undefined) {
    const field = object.definition.fields.find((candidate) => candidate.apiName === matchField);
    if (!field || !(('externalId' in field && field.externalId) || field.unique)) bad('matchField', `not an external id or unique field of ${object.apiName}`);
  } else if (duplicates === 'update') bad('matchField', `${object.apiName} has no external id field; name a unique field to match on`);
  let mapping: ColumnMapping | undefined;
  if (query.mapping !== undefined) {
    try {
      const parsed = JSON.parse(query.mapping) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      mapping = parsed as ColumnMapping;
      for (const [column, field] of Object.entries(mapping)) {
        if (field !== null && typeof field !== 'string') bad(`mapping/${column}`, 'must be a field api name or null');
      }
    } catch {
      bad('mapping', 'must be a JSON object {"column": "field" | null}');
    }
  }
  for (const name of ['savedMapping', 'saveMapping'] as const) {
    if (query[name] !== undefined && !MAPPING_NAME.test(query[name] as string)) bad(name, 'must be 1-80 letters, digits, spaces, _ . -');
  }
  if (errors.length > 0) throw errorsToApiError('TSR150', 'The import request is invalid; nothing was imported.', errors);
  return {
    dryRun,
    mode,
    duplicates,
    dateOrder,
    language,
    ...(matchField === undefined ? {} : { matchField }),
    ...(mapping === undefined ? {} : { mapping }),
    ...(query.savedMapping === undefined ? {} : { savedMapping: query.savedMapping }),
    ...(query.saveMapping === undefined ? {} : { saveMapping: query.saveMapping }),
  };
}

/** Every mapped field exists, can be imported and may be written by the caller; else one problem per column. */
export function checkMapping(object: CompiledObject, mapping: ColumnMapping): void {
  const unknown: ProblemDetail[] = [];
  const forbidden: ProblemDetail[] = [];
  for (const [column, fieldName] of Object.entries(mapping)) {
    if (fieldName === null) continue;
    const field = object.definition.fields.find((candidate) => candidate.apiName === fieldName);
    const path = `/mapping/${column}`;
    if (!field) unknown.push({ path, code: 'TSR150', message: `${object.apiName} has no field ${fieldName}` });
    else if (!IMPORTABLE_TYPES.has(field.type)) unknown.push({ path, code: 'TSR150', message: `${fieldName} is a ${field.type} field and cannot be imported` });
    else if (!object.writable.has(fieldName)) forbidden.push({ path, code: 'TSR153', message: `you may not edit ${object.apiName}.${fieldName}` });
  }
  if (unknown.length > 0) throw errorsToApiError('TSR150', 'The column mapping is invalid; nothing was imported.', unknown);
  if (forbidden.length > 0) {
    const names = forbidden.map((problem) => problem.message.replace('you may not edit ', '')).join(', ');
    throw new ApiError('TSR153', `You may not edit ${names}; remove those columns from the mapping.`, forbidden);
  }
  if (object.rowAccess && !object.rowAccess.canCreate && !object.rowAccess.canEdit) {
    throw new ApiError('TSR153', `You may not create or edit ${object.apiName} records.`, [
      { path: '', code: 'TSR153', message: 'no create or edit permission' },
    ]);
  }
}
