// The shapes of a tenant's security settings as the runtime holds them in memory, and the
// principal a request acts as. Loaded by loadTenantSecurity, compiled by compileUserAccess.

/** Who a request acts as. Tenant API tokens (`tsr_…`) are the tenant's integration admin. */
export type Principal = { kind: 'integration' } | { kind: 'user'; userId: string; via: 'session' | 'token'; credentialHash: string };

export type FieldAccess = 'none' | 'read' | 'edit';
export type DefaultAccess = 'private' | 'read' | 'read_write';
export type ManagerAccess = 'none' | 'read' | 'edit';
export type ShareAccess = 'read' | 'edit';

/** One object's grant inside a permission set (every flag defaults to false). */
export interface ObjectGrant {
  create?: boolean;
  read?: boolean;
  edit?: boolean;
  delete?: boolean;
  viewAll?: boolean;
  modifyAll?: boolean;
  /** Per-field access; unlisted fields get the object's level (edit when edit is granted, else read). */
  fields?: Record<string, FieldAccess>;
}

/** A role's or permission set's names per language (Setup shows the UI language's, else `label`). */
export interface Labels {
  zh?: string;
  en?: string;
}

export interface RoleRow {
  id: string;
  name: string;
  label: string;
  labels: Labels;
  parentId: string | null;
  /** '/<root id>/…/<own id>/' */
  path: string;
  /** Bumped by every change; the ETag that If-Match checks. */
  version: number;
}

export interface PermissionSetRow {
  id: string;
  name: string;
  label: string;
  labels: Labels;
  objects: Record<string, ObjectGrant>;
  /** Bumped by every change; the ETag that If-Match checks. */
  version: number;
}

export interface ObjectAccessSetting {
  defaultAccess: DefaultAccess;
  managerAccess: ManagerAccess;
}

export interface SharingRuleRow {
  id: string;
  object: string;
  name: string;
  criteria: unknown;
  roleId: string;
  includeSubordinates: boolean;
  access: ShareAccess;
}

/** Objects without a row are private, and managers may edit their subordinates' records. */
export const DEFAULT_OBJECT_ACCESS: ObjectAccessSetting = Object.freeze({ defaultAccess: 'private', managerAccess: 'edit' });

/** The union of a user's permission sets for one object, normalised (modifyAll ⇒ viewAll ⇒ read…). */
export interface ObjectPermission {
  create: boolean;
  read: boolean;
  edit: boolean;
  delete: boolean;
  viewAll: boolean;
  modifyAll: boolean;
  /** Field access from each granting set: the user's access is the best of them. */
  grants: readonly ObjectGrant[];
}

export interface UserAccess {
  userId: string;
  email: string;
  name: string;
  admin: boolean;
  active: boolean;
  roleId: string | null;
  rolePath: string | null;
  permissionSetIds: readonly string[];
  objects: ReadonlyMap<string, ObjectPermission>;
}

export interface CachedCredential {
  userId: string;
  /** ms since epoch; null = until revoked. */
  expiresAt: number | null;
}

/**
 * A tenant's security settings at one security revision (loadTenantSecurity). Here rather than in
 * tenant-security.ts so the access compiler and the HTTP layer can name it without importing the loader.
 */
export interface TenantSecurity {
  slug: string;
  schema: string;
  revision: number;
  roles: ReadonlyMap<string, RoleRow>;
  permissionSets: ReadonlyMap<string, PermissionSetRow>;
  objectAccess: ReadonlyMap<string, ObjectAccessSetting>;
  sharingRules: readonly SharingRuleRow[];
  trackedFields: ReadonlyMap<string, readonly string[]>;
  /** Lazily filled caches, valid for this revision only. */
  users: Map<string, Promise<UserAccess | undefined>>;
  credentials: Map<string, CachedCredential>;
}

/** What a request may do: the tenant's security state and, for a user, their summary. */
export interface RequestAccess {
  principal: Principal;
  security: TenantSecurity;
  user: UserAccess | undefined;
  /** Integration tokens and admin users: full access, metadata and security changes. */
  admin: boolean;
}
