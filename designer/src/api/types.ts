// Wire types of the public HTTP API (docs/api-contract.md), as the designer sees them. What the
// metamodel defines (labels, field types, fields, objects, record types, pipelines, forms) comes from
// @tessera/metadata as types only, so the designer's view cannot drift from the server's (a restated
// copy here had lost the formula and roll-up field types) and the bundle gains no code from it.
import type {
  FieldType,
  FormDefinition,
  Labels,
  NormalisedField,
  NormalisedObject,
  NormalisedPicklistValue,
  NormalisedPipeline,
  NormalisedRecordType,
} from '@tessera/metadata';

export type { FieldType, Labels };
export type PicklistValue = NormalisedPicklistValue;
export type RecordTypeDefinition = NormalisedRecordType;
/** A pipeline as GET /metadata sends it: the metamodel's normalised form (stages, rules, transitions). */
export type PipelineDefinition = NormalisedPipeline;

type KeysOfAny<T> = T extends unknown ? keyof T : never;
type ValueOfAny<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;
/**
 * One view of every member of a union: the keys all members share as they are, every other key
 * optional with the values any member gives it. Screens that list fields of any type read
 * `field.values` or `field.maxLength` without narrowing on `type` first.
 */
type AnyMember<T> = Pick<T, keyof T> & { [K in Exclude<KeysOfAny<T>, keyof T>]?: ValueOfAny<T, K> };

/** A field as GET /metadata sends it (the normalised field of any type; see AnyMember). */
export type FieldDefinition = AnyMember<NormalisedField>;

/** An object as GET /metadata and GET /metadata/objects/:object send it: the normalised object. */
export type ObjectDefinition = Omit<NormalisedObject, 'fields'> & { fields: FieldDefinition[] };

// Checked by `pnpm typecheck`: whatever the server sends is what the designer reads (a field type
// added to the metamodel, like formula and rollup were, cannot be missing here).
type Holds<T extends true> = T;
export type MetadataTypesHold = Holds<NormalisedField extends FieldDefinition ? (NormalisedObject extends ObjectDefinition ? true : false) : false> &
  Holds<'formula' | 'rollup' extends FieldDefinition['type'] ? true : false>;

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
