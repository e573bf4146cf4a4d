// The tenant's security tables (tenant-migrations.ts step 1, manager_id from step 3, versions from
// step 4): users, roles, permission sets, org-wide defaults, sharing, sessions, tokens, sign-in throttle.
import type { Generated } from 'kysely';
import type { CreatedAt, GeneratedId, Json, JsonWithDefault, Timestamp } from './column-types.ts';

export interface SecurityRevisionTable {
  revision: number;
}

export interface RolesTable {
  id: GeneratedId;
  name: string;
  label: string;
  /** { zh?, en? } (tenant-migrations.ts: role and permission set labels per language) */
  labels: JsonWithDefault;
  parent_id: string | null;
  /** '/<root id>/…/<own id>/' */
  path: string;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface UsersTable {
  id: GeneratedId;
  email: string;
  name: string;
  role_id: string | null;
  role_path: string | null;
  is_admin: Generated<boolean>;
  active: Generated<boolean>;
  password_hash: string | null;
  invite_hash: string | null;
  invite_expires_at: Timestamp | null;
  manager_id: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface PermissionSetsTable {
  id: GeneratedId;
  name: string;
  label: string;
  /** { zh?, en? } */
  labels: JsonWithDefault;
  /** Record<object, ObjectGrant> */
  objects: JsonWithDefault;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  version: Generated<number>;
}

export interface UserPermissionSetsTable {
  user_id: string;
  permission_set_id: string;
}

export interface ObjectAccessTable {
  object: string;
  default_access: 'private' | 'read' | 'read_write';
  manager_access: 'none' | 'read' | 'edit';
}

export interface SharingRulesTable {
  id: GeneratedId;
  object: string;
  name: string;
  criteria: Json;
  role_id: string;
  include_subordinates: Generated<boolean>;
  access: 'read' | 'edit';
  created_at: CreatedAt;
}

export interface RecordSharesTable {
  object: string;
  record_id: string;
  user_id: string;
  access: 'read' | 'edit';
  created_by: string | null;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface UserTokensTable {
  id: GeneratedId;
  token_hash: string;
  user_id: string;
  label: string;
  created_at: CreatedAt;
  revoked_at: Timestamp | null;
}

export interface SignInThrottleTable {
  /** 'email:<address>' or 'ip:<address>' */
  key: string;
  failures: Generated<number>;
  locked_until: Timestamp | null;
  updated_at: CreatedAt;
}

export interface SecurityTables {
  _security_revision: SecurityRevisionTable;
  _roles: RolesTable;
  _users: UsersTable;
  _permission_sets: PermissionSetsTable;
  _user_permission_sets: UserPermissionSetsTable;
  _object_access: ObjectAccessTable;
  _sharing_rules: SharingRulesTable;
  _record_shares: RecordSharesTable;
  _sessions: SessionsTable;
  _user_tokens: UserTokensTable;
  _sign_in_throttle: SignInThrottleTable;
}
