// Wire types of the public HTTP API (docs/api-contract.md), as the designer sees them.
// They mirror @tessera/metadata's normalised types but only the parts a client reads, so the
// designer keeps working against any runtime that honours the contract. Forms are the exception:
// their shape is @tessera/metadata's FormDefinition, which the designer also evaluates, and so are
// pipelines, whose transition rule the board applies to offer only the moves the server allows.
import type { FormDefinition, NormalisedPipeline } from '@tessera/metadata';

export interface Labels {
  en?: string;
  zh?: string;
}

export type FieldType =
  | 'text'
  | 'textarea'
  | 'number'
  | 'currency'
  | 'percent'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'multipicklist'
  | 'lookup'
  | 'autonumber';

export interface PicklistValue {
  apiName: string;
  labels: Labels;
  order?: number;
  default?: boolean;
  inactive?: boolean;
}

export interface FieldDefinition {
  apiName: string;
  type: FieldType;
  labels: Labels;
  description?: string;
  helpText?: Labels;
  required?: boolean;
  unique?: boolean;
  maxLength?: number;
  minLength?: number;
  precision?: number;
  scale?: number;
  min?: number;
  max?: number;
  default?: unknown;
  values?: PicklistValue[];
  maxSelected?: number;
  target?: string;
  currencyCode?: string;
  format?: string;
}

export interface ObjectDefinition {
  apiName: string;
  labels: Labels;
  pluralLabels?: Labels;
  description?: string;
  nameField?: string | null;
  fields: FieldDefinition[];
  recordTypes?: RecordTypeDefinition[];
  pipelines?: PipelineDefinition[];
}

/** A pipeline as GET /metadata sends it: the metamodel's normalised form (stages, rules, transitions). */
export type PipelineDefinition = NormalisedPipeline;

/** GET /objects/:object/board. */
export interface BoardResponse {
  object: string;
  pipeline: string;
  amountField: string | null;
  stages: BoardColumn[];
}

export interface BoardColumn {
  stage: string;
  labels: Labels;
  category: 'open' | 'won' | 'lost';
  probability: number;
  count: number;
  amount: number | null;
  weightedAmount: number | null;
  cards: { record: RecordData; enteredAt: string; stale: boolean }[];
}

export interface RecordTypeDefinition {
  apiName: string;
  labels: Labels;
  default: boolean;
  active: boolean;
}

/** GET /forms/:object: the generated form (see @tessera/metadata buildFormSchema) and whether the caller may submit it. */
export interface ServedForm extends FormDefinition {
  canSubmit: boolean;
}

export interface FormQuery {
  mode: 'create' | 'edit';
  recordType?: string;
  lang?: 'en' | 'zh';
}

/** GET /objects/:object/lookup: a record a lookup may point at. */
export interface LookupOption {
  id: string;
  name: string | null;
}

export interface MetadataResponse {
  revision: number;
  objects: ObjectDefinition[];
}

export interface ApplyResponse {
  revision: number;
  changed: boolean;
  actions: unknown[];
}

export interface ValidateResponse {
  valid: boolean;
  actions: unknown[];
}

/** A record as the API returns it: standard columns plus one key per field api name. */
export interface RecordData {
  id: string;
  version: number;
  created_at: string;
  updated_at: string;
  created_by: string | null;
  owner_id: string | null;
  deleted_at: string | null;
  [field: string]: unknown;
}

export interface RecordPage {
  data: RecordData[];
  nextCursor: string | null;
}

export interface ListQuery {
  /** JsonLogic, either as a JSON string or as a value to be serialised. */
  filter?: string | object;
  /** Field api names, `-` prefix for descending. */
  sort?: string[];
  limit?: number;
  cursor?: string;
  fields?: string[];
  expand?: string[];
  deleted?: 'only' | 'include';
}

export interface ProblemError {
  /** JSON pointer into the request body (`/amount`) or a query parameter name. */
  path: string;
  code: string;
  message: string;
}

/** RFC 9457 problem+json as Tessera writes it. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  code?: string;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: ProblemError[];
}

export interface Tenant {
  tenant: string;
  schema: string;
  createdAt?: string;
}

export interface CreatedTenant {
  tenant: string;
  schema: string;
  token: string;
}

/** What the signed-in principal may do with one object (GET /auth/me). */
export interface ObjectAccess {
  create: boolean;
  read: boolean;
  edit: boolean;
  delete: boolean;
  readable: string[];
  editable: string[];
}

/** GET /auth/me: who the credential is and what it may do. `admin` opens Setup. */
export interface AuthMe {
  tenant: string;
  principal: 'integration' | 'user';
  admin: boolean;
  user: { id: string; email: string; name: string; roleId: string | null; permissionSetIds: string[] } | null;
  objects: Record<string, ObjectAccess>;
}

/** POST /auth/sign-in: the session cookie is set HttpOnly; the body only says who and until when. */
export interface SignedIn {
  user: { id: string; email: string };
  tenant: string;
  expiresAt: string;
}
