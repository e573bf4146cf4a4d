// A saved list view's body → checked input, every problem at once with its path. The definition is
// what the list API takes (filter, sort, fields, pageSize) and is checked by the list parser itself
// against the caller's view of the object, so a saved view can never hold a filter the list would
// refuse, name a field the caller cannot read, or sort by something unsortable.
import { type ProblemDetail, type Result, fail, ok } from '@tessera/metadata';
import type { Catalog, CompiledObject } from '../catalog/catalog-types.ts';
import { parseListPlan } from '../records/read/parse-list.ts';

export interface ViewDefinition {
  filter?: unknown;
  sort?: string;
  fields?: string[];
  pageSize?: number;
}

export interface ViewInput {
  labels?: { en?: string; zh?: string };
  definition?: ViewDefinition;
  /** A shared view (administrators): shown to these roles, or to everybody when empty. */
  shared?: boolean;
  roleIds?: string[];
  default?: boolean;
}

const KNOWN = new Set(['labels', 'definition', 'shared', 'roleIds', 'default', 'version']);
const DEFINITION_KEYS = new Set(['filter', 'sort', 'fields', 'pageSize']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_LABEL = 120;

/** The list API's query parameters for a definition (how a view is applied and checked). */
export function viewQuery(definition: ViewDefinition): Record<string, string> {
  const query: Record<string, string> = {};
  if (definition.filter !== undefined) query.filter = JSON.stringify(definition.filter);
  if (definition.sort !== undefined) query.sort = definition.sort;
  if (definition.fields !== undefined) query.fields = definition.fields.join(',');
  if (definition.pageSize !== undefined) query.limit = String(definition.pageSize);
  return query;
}

const QUERY_TO_DEFINITION: Record<string, string> = { filter: 'filter', sort: 'sort', fields: 'fields', limit: 'pageSize' };

/** `creating`: labels and definition are required; a patch may leave any of them out. */
export function parseViewInput(body: unknown, object: CompiledObject, creating: boolean, catalog?: Catalog): Result<ViewInput> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return fail([{ path: '', code: 'TSR122', message: 'the body must be a JSON object' }]);
  const raw = body as Record<string, unknown>;
  const errors: ProblemDetail[] = [];
  for (const key of Object.keys(raw)) if (!KNOWN.has(key)) errors.push({ path: `/${key}`, code: 'TSR122', message: `unknown property '${key}'` });
  const input: ViewInput = {};

  if (raw.labels !== undefined || creating) {
    const labels = raw.labels as Record<string, unknown> | undefined;
    const valid = labels !== null && typeof labels === 'object' && !Array.isArray(labels);
    const entries = valid ? Object.entries(labels) : [];
    for (const [language, text] of entries) {
      if (language !== 'en' && language !== 'zh') errors.push({ path: `/labels/${language}`, code: 'TSR122', message: 'labels are en and zh' });
      else if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_LABEL)
        errors.push({ path: `/labels/${language}`, code: 'TSR122', message: `a label is 1 to ${MAX_LABEL} characters` });
    }
    if (!valid || !entries.some(([language]) => language === 'en' || language === 'zh'))
      errors.push({ path: '/labels', code: 'TSR122', message: 'give the view a name in en or zh' });
    else input.labels = labels as ViewInput['labels'];
  }

  if (raw.definition !== undefined || creating) {
    const definition = raw.definition as Record<string, unknown> | undefined;
    if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) {
      errors.push({ path: '/definition', code: 'TSR122', message: 'the definition is an object with filter, sort, fields and pageSize' });
    } else {
      for (const key of Object.keys(definition))
        if (!DEFINITION_KEYS.has(key)) errors.push({ path: `/definition/${key}`, code: 'TSR122', message: `unknown property '${key}'` });
      const shapeOk = checkShapes(definition, errors);
      if (shapeOk) {
        const parsed = parseListPlan(viewQuery(definition as ViewDefinition), object, catalog);
        if (!parsed.ok) for (const problem of parsed.errors) errors.push({ ...problem, path: definitionPath(problem.path) });
        input.definition = definition as ViewDefinition;
      }
    }
  }

  if (raw.shared !== undefined) {
    if (typeof raw.shared !== 'boolean') errors.push({ path: '/shared', code: 'TSR122', message: 'must be true or false' });
    else input.shared = raw.shared;
  }
  if (raw.roleIds !== undefined) {
    if (!Array.isArray(raw.roleIds) || raw.roleIds.some((id) => typeof id !== 'string' || !UUID.test(id)))
      errors.push({ path: '/roleIds', code: 'TSR122', message: 'must be a list of role ids' });
    else input.roleIds = [...new Set(raw.roleIds as string[])];
  }
  if (raw.default !== undefined) {
    if (typeof raw.default !== 'boolean') errors.push({ path: '/default', code: 'TSR122', message: 'must be true or false' });
    else input.default = raw.default;
  }
  return errors.length > 0 ? fail(errors) : ok(input);
}

/** A list parameter's problem path (`filter/or/0`) → the same place in the view (`/definition/filter/or/0`). */
function definitionPath(path: string): string {
  const [head = '', ...rest] = path.replace(/^\//, '').split('/');
  return ['/definition', QUERY_TO_DEFINITION[head] ?? head, ...rest].join('/');
}

function checkShapes(definition: Record<string, unknown>, errors: ProblemDetail[]): boolean {
  const before = errors.length;
  if (definition.sort !== undefined && typeof definition.sort !== 'string')
    errors.push({ path: '/definition/sort', code: 'TSR122', message: "a sort like '-amount,name'" });
  if (definition.fields !== undefined && (!Array.isArray(definition.fields) || definition.fields.some((name) => typeof name !== 'string')))
    errors.push({ path: '/definition/fields', code: 'TSR122', message: 'a list of field api names' });
  if (definition.pageSize !== undefined && !Number.isInteger(definition.pageSize))
    errors.push({ path: '/definition/pageSize', code: 'TSR122', message: 'an integer from 1 to 200' });
  return errors.length === before;
}
