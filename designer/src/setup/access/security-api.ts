// The security administration API (/security…, /audit/tracked-fields, /approvals/managers) and the
// metadata revert, as People, Access and Revisions call them, through the session client's
// generic request (non-2xx → ApiError with the server's problem+json).
import type { Labels } from '@tessera/metadata';
import { useMemo } from 'react';
import { ApiError } from '../../api/api-error.ts';
import type { Problem } from '../../api/types.ts';
import { useSession } from '../../shell/session.tsx';
import { loadToken } from '../../shell/token-store.ts';

export interface SecurityUser {
  id: string;
  email: string;
  name: string;
  roleId: string | null;
  admin: boolean;
  active: boolean;
  /** Invited and not yet accepted (no password). */
  invited: boolean;
  permissionSetIds: string[];
  createdAt: string;
}

export interface CreatedUser extends SecurityUser {
  /** Only when the user was invited (no password given): shown once, never stored by the server. */
  inviteToken?: string;
}

export interface Role {
  id: string;
  name: string;
  label: string;
  labels?: Labels;
  parentId: string | null;
  path: string;
  version: number;
}

export const GRANT_FLAGS = ['create', 'read', 'edit', 'delete', 'viewAll', 'modifyAll'] as const;
export type GrantFlag = (typeof GRANT_FLAGS)[number];
export const FIELD_ACCESS = ['none', 'read', 'edit'] as const;
export type FieldAccess = (typeof FIELD_ACCESS)[number];
export type ObjectGrant = Partial<Record<GrantFlag, boolean>> & { fields?: Record<string, FieldAccess> };

export interface PermissionSet {
  id: string;
  name: string;
  label: string;
  labels?: Labels;
  objects: Record<string, ObjectGrant>;
  version: number;
}

export const DEFAULT_ACCESS = ['private', 'read', 'read_write'] as const;
export const MANAGER_ACCESS = ['none', 'read', 'edit'] as const;
export const SHARE_ACCESS = ['read', 'edit'] as const;

export interface ObjectAccess {
  object: string;
  defaultAccess: (typeof DEFAULT_ACCESS)[number];
  managerAccess: (typeof MANAGER_ACCESS)[number];
}

export interface SharingRule {
  id: string;
  object: string;
  name: string;
  criteria: unknown;
  roleId: string;
  includeSubordinates: boolean;
  access: (typeof SHARE_ACCESS)[number];
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type Request = <T>(method: Method, path: string, body?: unknown, headers?: Record<string, string>) => Promise<T>;

const at = (id: string) => encodeURIComponent(id);
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/**
 * A call outside a session hook (Setup's approval editors import `request` and `securityApi`): the
 * token pasted at sign-in when there is one, else the session cookie. Screens with the session use
 * useSecurityApi, which adds the chosen language and the session's 401 handling.
 */
export const request: Request = async <T>(method: Method, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> => {
  const token = loadToken();
  const sent: Record<string, string> = { accept: 'application/json, application/problem+json', ...headers };
  if (token) sent.authorization = `Bearer ${token}`;
  if (body !== undefined) sent['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers: sent,
      credentials: token ? 'omit' : 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError({ title: 'Network error', status: 0, detail: cause instanceof Error ? cause.message : String(cause) });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const problem: Problem =
      parsed && typeof parsed === 'object' && 'title' in parsed
        ? (parsed as Problem)
        : { title: response.statusText || 'Request failed', status: response.status, detail: text.slice(0, 200) || undefined };
    throw new ApiError(problem);
  }
  return parsed as T;
};

/** Every security call over one way of sending requests. */
export function securityApiOf(request: Request) {
  return {
    users: () => request<{ data: SecurityUser[] }>('GET', '/security/users'),
    createUser: (user: { email: string; name?: string; roleId?: string; permissionSetIds?: string[]; password?: string }) =>
      request<CreatedUser>('POST', '/security/users', user),
    updateUser: (id: string, change: Partial<Pick<SecurityUser, 'name' | 'roleId' | 'active' | 'permissionSetIds' | 'admin'>> & { password?: string }) =>
      request<SecurityUser>('PATCH', `/security/users/${at(id)}`, change),
    setManager: (userId: string, managerId: string | null) =>
      request<{ userId: string; managerId: string | null }>('PUT', `/approvals/managers/${at(userId)}`, { managerId }),

    roles: () => request<{ data: Role[] }>('GET', '/security/roles'),
    createRole: (role: { name: string; labels?: Labels; parentId?: string }) => request<Role>('POST', '/security/roles', role),
    updateRole: (role: Role, change: { labels?: Labels; parentId?: string | null }) =>
      request<Role>('PATCH', `/security/roles/${at(role.id)}`, change, ifMatch(role.version)),
    deleteRole: (role: Role) => request<void>('DELETE', `/security/roles/${at(role.id)}`, undefined, ifMatch(role.version)),

    permissionSets: () => request<{ data: PermissionSet[] }>('GET', '/security/permission-sets'),
    createPermissionSet: (set: { name: string; labels?: Labels; objects: Record<string, ObjectGrant> }) =>
      request<PermissionSet>('POST', '/security/permission-sets', set),
    updatePermissionSet: (set: PermissionSet, change: { labels?: Labels; objects?: Record<string, ObjectGrant> }) =>
      request<PermissionSet>('PATCH', `/security/permission-sets/${at(set.id)}`, change, ifMatch(set.version)),
    deletePermissionSet: (set: PermissionSet) => request<void>('DELETE', `/security/permission-sets/${at(set.id)}`, undefined, ifMatch(set.version)),

    objectAccess: () => request<{ data: ObjectAccess[] }>('GET', '/security/object-access'),
    setObjectAccess: (setting: ObjectAccess) =>
      request<ObjectAccess>('PUT', `/security/object-access/${at(setting.object)}`, {
        defaultAccess: setting.defaultAccess,
        managerAccess: setting.managerAccess,
      }),

    sharingRules: () => request<{ data: SharingRule[] }>('GET', '/security/sharing-rules'),
    createSharingRule: (rule: Omit<SharingRule, 'id'>) => request<SharingRule>('POST', '/security/sharing-rules', rule),
    deleteSharingRule: (id: string) => request<void>('DELETE', `/security/sharing-rules/${at(id)}`),

    trackedFields: () => request<{ data: { object: string; fields: string[] }[] }>('GET', '/audit/tracked-fields'),
    setTrackedFields: (object: string, fields: string[]) =>
      request<{ object: string; fields: string[] }>('PUT', `/audit/tracked-fields/${at(object)}`, { fields }),
  };
}

export type SecurityApi = ReturnType<typeof securityApiOf>;

export const securityApi: SecurityApi = securityApiOf(request);

/**
 * The security API of the signed-in session: its client's credential, 401 handling and chosen
 * language (Accept-Language: server problems come back in the UI language). client.request's type
 * lists GET/POST/PATCH/DELETE only; PUT goes through the same fetch call unchanged.
 */
export function useSecurityApi(): SecurityApi {
  const { client } = useSession();
  return useMemo(() => securityApiOf(client.request as unknown as Request), [client]);
}
