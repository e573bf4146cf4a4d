// The baseline's hand-written view of the two bench tables: Kysely types and the column lists in
// the contract's record order (id, fields in definition order, standard columns). A developer
// writing this by hand knows the schema; nothing here reads metadata.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, string | undefined, string>;

export interface AccountTable {
  id: Generated<string>;
  name: string;
  industry: string | null;
  website: string | null;
  phone: string | null;
  annual_revenue: number | null;
  employees: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  created_by: string | null;
  owner_id: string | null;
  version: Generated<number>;
  deleted_at: Date | null;
}

export interface OpportunityTable {
  id: Generated<string>;
  name: string;
  account: string | null;
  stage: string;
  amount: number;
  probability: number | null;
  quantity: number | null;
  discount: number | null;
  expected_revenue: number | null;
  close_date: string | null;
  last_activity_at: Timestamp | null;
  is_private: boolean | null;
  contact_email: string | null;
  lead_source: string | null;
  next_step: string | null;
  description: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  created_by: string | null;
  owner_id: string | null;
  version: Generated<number>;
  deleted_at: Date | null;
}

export interface BaselineDatabase {
  account: AccountTable;
  opportunity: OpportunityTable;
}

const STANDARD = ['owner_id', 'created_by', 'created_at', 'updated_at', 'version', 'deleted_at'] as const;

export const ACCOUNT_SELECT = [
  'id',
  'name',
  'industry',
  'website',
  'phone',
  'annual_revenue',
  'employees',
  ...STANDARD,
] as const satisfies readonly (keyof AccountTable)[];

export const OPPORTUNITY_FIELDS = [
  'name',
  'account',
  'stage',
  'amount',
  'probability',
  'quantity',
  'discount',
  'expected_revenue',
  'close_date',
  'last_activity_at',
  'is_private',
  'contact_email',
  'lead_source',
  'next_step',
  'description',
] as const satisfies readonly (keyof OpportunityTable)[];
export type OpportunityField = (typeof OPPORTUNITY_FIELDS)[number];

export const OPPORTUNITY_SELECT = ['id', ...OPPORTUNITY_FIELDS, ...STANDARD] as const;
