// Checks a create or patch body against the opportunity columns by hand: known fields only, the
// right JSON types, text lengths, picklist values, required fields on create. Cheap and explicit,
// what a careful developer writes instead of trusting the client.
import type { OpportunityField } from './tables.ts';

type Rule =
  | { type: 'text'; max: number }
  | { type: 'number' }
  | { type: 'boolean' }
  | { type: 'date' }
  | { type: 'datetime' }
  | { type: 'uuid' }
  | { type: 'picklist'; values: Set<string> };

const RULES: Record<OpportunityField, Rule> = {
  name: { type: 'text', max: 200 },
  account: { type: 'uuid' },
  stage: {
    type: 'picklist',
    values: new Set(['prospecting', 'qualification', 'proposal', 'negotiation', 'closed_won', 'closed_lost']),
  },
  amount: { type: 'number' },
  probability: { type: 'number' },
  quantity: { type: 'number' },
  discount: { type: 'number' },
  expected_revenue: { type: 'number' },
  close_date: { type: 'date' },
  last_activity_at: { type: 'datetime' },
  is_private: { type: 'boolean' },
  contact_email: { type: 'text', max: 254 },
  lead_source: { type: 'picklist', values: new Set(['web', 'referral', 'partner', 'event']) },
  next_step: { type: 'text', max: 255 },
  description: { type: 'text', max: 4000 },
};
const REQUIRED: OpportunityField[] = ['name', 'amount'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export type Values = Partial<Record<OpportunityField, unknown>>;
export interface FieldError {
  path: string;
  message: string;
}

export function validateBody(body: unknown, mode: 'create' | 'patch'): { values: Values; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const values: Values = {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { values, errors: [{ path: '', message: 'body must be a JSON object' }] };
  }
  for (const [key, value] of Object.entries(body)) {
    if (mode === 'patch' && key === 'version') continue;
    const rule = RULES[key as OpportunityField];
    if (!rule) {
      errors.push({ path: `/${key}`, message: 'unknown field' });
      continue;
    }
    if (value !== null && !valid(rule, value)) errors.push({ path: `/${key}`, message: `not a valid ${rule.type}` });
    values[key as OpportunityField] = value;
  }
  if (mode === 'create') {
    for (const field of REQUIRED) if (values[field] == null) errors.push({ path: `/${field}`, message: 'required' });
    values.stage ??= 'prospecting';
    values.is_private ??= false;
  } else if (values.name === null || values.amount === null || values.stage === null) {
    errors.push({ path: '', message: 'name, amount and stage cannot be cleared' });
  }
  return { values, errors };
}

function valid(rule: Rule, value: unknown): boolean {
  switch (rule.type) {
    case 'text':
      return typeof value === 'string' && value.length <= rule.max;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return typeof value === 'string' && DATE.test(value);
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value));
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'picklist':
      return typeof value === 'string' && rule.values.has(value);
  }
}

export const isUuid = (value: string): boolean => UUID.test(value);
