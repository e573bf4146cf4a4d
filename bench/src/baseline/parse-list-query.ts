// Query string → the list options the baseline supports: the two JsonLogic filter shapes the bench
// sends ({"==":[{"var":f},v]} and {"in":["text",{"var":f}]}), sort, limit and expand=account.
// Hand-parsed, as a developer serving exactly these screens would.
import { OPPORTUNITY_FIELDS, type OpportunityField } from './tables.ts';

export type Filter =
  | { kind: 'equals'; field: OpportunityField; value: string | number | boolean | null }
  | { kind: 'contains'; field: OpportunityField; text: string };

export interface ListQuery {
  filter: Filter | null;
  sort: { field: OpportunityField | 'id' | 'created_at' | 'updated_at'; descending: boolean }[];
  limit: number;
  expandAccount: boolean;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

const FIELDS = new Set<string>(OPPORTUNITY_FIELDS);
const SORTABLE = new Set<string>([...OPPORTUNITY_FIELDS, 'id', 'created_at', 'updated_at']);
const TEXT_FIELDS = new Set<string>(['name', 'contact_email', 'next_step', 'description', 'stage', 'lead_source']);

export function parseListQuery(params: Record<string, string | undefined>): Parsed<ListQuery> {
  const filter = params.filter === undefined ? { ok: true as const, value: null } : parseFilter(params.filter);
  if (!filter.ok) return filter;
  const sort: ListQuery['sort'] = [];
  for (const spec of params.sort ? params.sort.split(',') : []) {
    const descending = spec.startsWith('-');
    const field = descending ? spec.slice(1) : spec;
    if (!SORTABLE.has(field)) return { ok: false, code: 'TSR104', message: `cannot sort by ${field}` };
    sort.push({ field: field as ListQuery['sort'][number]['field'], descending });
  }
  const limit = params.limit === undefined ? 50 : Number(params.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    return { ok: false, code: 'TSR102', message: 'limit must be an integer from 1 to 200' };
  }
  if (params.expand !== undefined && params.expand !== 'account') {
    return { ok: false, code: 'TSR106', message: `cannot expand ${params.expand}` };
  }
  return { ok: true, value: { filter: filter.value, sort, limit, expandAccount: params.expand === 'account' } };
}

function parseFilter(text: string): Parsed<Filter> {
  let rule: unknown;
  try {
    rule = JSON.parse(text);
  } catch {
    return { ok: false, code: 'TSR103', message: 'filter is not JSON' };
  }
  const equals = operands(rule, '==');
  if (equals && equals.length === 2) {
    const field = varName(equals[0]);
    const value = equals[1];
    const scalar = value === null || ['string', 'number', 'boolean'].includes(typeof value);
    if (field && FIELDS.has(field) && scalar) {
      return { ok: true, value: { kind: 'equals', field: field as OpportunityField, value: value as string } };
    }
  }
  const contains = operands(rule, 'in');
  if (contains && contains.length === 2 && typeof contains[0] === 'string') {
    const field = varName(contains[1]);
    if (field && TEXT_FIELDS.has(field)) {
      return { ok: true, value: { kind: 'contains', field: field as OpportunityField, text: contains[0] } };
    }
  }
  return { ok: false, code: 'TSR116', message: 'unsupported filter' };
}

function operands(rule: unknown, operator: string): unknown[] | undefined {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return undefined;
  const keys = Object.keys(rule);
  if (keys.length !== 1 || keys[0] !== operator) return undefined;
  const args = (rule as Record<string, unknown>)[operator];
  return Array.isArray(args) ? args : undefined;
}

function varName(operand: unknown): string | undefined {
  if (typeof operand !== 'object' || operand === null || Array.isArray(operand)) return undefined;
  const name = (operand as { var?: unknown }).var;
  return typeof name === 'string' ? name : undefined;
}
