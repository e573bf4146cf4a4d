// Request bodies of the security admin API → checked values, or every problem at once (TSR308,
// with a JSON pointer). Object and field names are checked against the live catalog, sharing-rule
// criteria by compiling them, so a setting that could never apply is refused when it is saved.
import type { ProblemDetail } from '@tessera/metadata';
import type { Catalog } from '../catalog/catalog-types.ts';
import { compileFilter } from '../filter/index.ts';
import { ApiError } from '../core/api-error.ts';
import { aliasScope } from './row-access.ts';
import type { DefaultAccess, FieldAccess, Labels, ManagerAccess, ObjectGrant, ShareAccess } from './security-types.ts';

export const NAME_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GRANT_FLAGS = ['create', 'read', 'edit', 'delete', 'viewAll', 'modifyAll'] as const;

export class InputChecker {
  readonly problems: ProblemDetail[] = [];
  readonly body: Record<string, unknown>;

  constructor(body: unknown) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      this.problems.push({ path: '', code: 'TSR308', message: 'the body must be a JSON object' });
      this.body = {};
    } else {
      this.body = body as Record<string, unknown>;
    }
  }

  add(path: string, message: string, code: ProblemDetail['code'] = 'TSR308'): void {
    this.problems.push({ path, code, message });
  }

  /** Refuses keys other than `allowed`, so a typo is not silently ignored. */
  only(allowed: readonly string[]): this {
    for (const key of Object.keys(this.body)) if (!allowed.includes(key)) this.add(`/${key}`, `unknown property '${key}'`);
    return this;
  }

  string(name: string, options: { required?: boolean; pattern?: RegExp; patternText?: string; max?: number } = {}): string | undefined {
    const value = this.body[name];
    if (value === undefined) {
      if (options.required) this.add(`/${name}`, 'is required');
      return undefined;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      this.add(`/${name}`, 'must be a non-empty string');
      return undefined;
    }
    if (value.length > (options.max ?? 200)) this.add(`/${name}`, `must be at most ${options.max ?? 200} characters long`);
    if (options.pattern && !options.pattern.test(value)) this.add(`/${name}`, `must match ${options.patternText ?? options.pattern.source}`);
    return value;
  }

  /** `{ "zh": "…", "en": "…" }`: either language or both, each a non-empty string. */
  labels(name: string): Labels | undefined {
    const value = this.body[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.add(`/${name}`, 'must be an object with "zh" and/or "en" labels');
      return undefined;
    }
    const labels: Labels = {};
    for (const [language, text] of Object.entries(value)) {
      if (language !== 'zh' && language !== 'en') this.add(`/${name}/${language}`, `unknown language '${language}' (zh or en)`);
      else if (typeof text !== 'string' || text.trim() === '') this.add(`/${name}/${language}`, 'must be a non-empty string');
      else if (text.length > 200) this.add(`/${name}/${language}`, 'must be at most 200 characters long');
      else labels[language] = text;
    }
    if (Object.keys(value).length === 0) this.add(`/${name}`, 'must name at least one language (zh or en)');
    return labels;
  }

  /**
   * `label` (one language, what older clients send) and `labels` (both): when only `labels` is
   * given, `label` follows it (English first), so every reader has a name; `fallback` otherwise.
   */
  labelAndLabels(fallback: string | undefined): { label: string | undefined; labels: Labels | undefined } {
    const labels = this.labels('labels');
    const label = this.string('label') ?? labels?.en ?? labels?.zh ?? fallback;
    return { label, labels };
  }

  name(name: string, required: boolean): string | undefined {
    return this.string(name, { required, pattern: NAME_PATTERN });
  }

  email(required: boolean): string | undefined {
    return this.string('email', { required, pattern: EMAIL_PATTERN, patternText: 'an email address', max: 254 });
  }

  boolean(name: string): boolean | undefined {
    const value = this.body[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') this.add(`/${name}`, 'must be true or false');
    return typeof value === 'boolean' ? value : undefined;
  }

  /** A uuid or null (null clears); undefined when absent. */
  id(name: string): string | null | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return value;
    if (typeof value !== 'string' || !UUID_PATTERN.test(value)) {
      this.add(`/${name}`, 'must be an id (UUID) or null');
      return undefined;
    }
    return value.toLowerCase();
  }

  ids(name: string): string[] | undefined {
    const value = this.body[name];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && UUID_PATTERN.test(item))) {
      this.add(`/${name}`, 'must be an array of ids (UUIDs)');
      return undefined;
    }
    return [...new Set(value.map((item: string) => item.toLowerCase()))];
  }

  oneOf<T extends string>(name: string, values: readonly T[], required: boolean): T | undefined {
    const value = this.body[name];
    if (value === undefined) {
      if (required) this.add(`/${name}`, 'is required');
      return undefined;
    }
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
      this.add(`/${name}`, `must be one of ${values.join(', ')}`);
      return undefined;
    }
    return value as T;
  }

  /** Throws every problem found so far as one 422. */
  done(detail: string): void {
    if (this.problems.length > 0) throw new ApiError('TSR308', detail, this.problems);
  }
}

export const DEFAULT_ACCESS_VALUES: readonly DefaultAccess[] = ['private', 'read', 'read_write'];
export const MANAGER_ACCESS_VALUES: readonly ManagerAccess[] = ['none', 'read', 'edit'];
export const SHARE_ACCESS_VALUES: readonly ShareAccess[] = ['read', 'edit'];
const FIELD_ACCESS_VALUES: readonly FieldAccess[] = ['none', 'read', 'edit'];

/** `{ "<object>": { "read": true, …, "fields": { "<field>": "read" } } }` against the catalog. */
export function checkGrants(checker: InputChecker, name: string, catalog: Catalog, required: boolean): Record<string, ObjectGrant> | undefined {
  const value = checker.body[name];
  if (value === undefined) {
    if (required) checker.add(`/${name}`, 'is required');
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    checker.add(`/${name}`, 'must be an object keyed by object api name');
    return undefined;
  }
  const grants: Record<string, ObjectGrant> = {};
  for (const [objectName, raw] of Object.entries(value as Record<string, unknown>)) {
    const path = `/${name}/${objectName}`;
    const object = catalog.objects.get(objectName);
    if (!object) checker.add(path, `there is no object '${objectName}'`);
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      checker.add(path, 'must be an object of permission flags');
      continue;
    }
    const grant: ObjectGrant = {};
    for (const [key, flag] of Object.entries(raw as Record<string, unknown>)) {
      if (key === 'fields') continue;
      if (!(GRANT_FLAGS as readonly string[]).includes(key))
        checker.add(`${path}/${key}`, `unknown permission '${key}' (use ${GRANT_FLAGS.join(', ')}, fields)`);
      else if (typeof flag !== 'boolean') checker.add(`${path}/${key}`, 'must be true or false');
      else grant[key as (typeof GRANT_FLAGS)[number]] = flag;
    }
    const fields = (raw as Record<string, unknown>).fields;
    if (fields !== undefined) {
      if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
        checker.add(`${path}/fields`, 'must be an object keyed by field api name');
      } else {
        grant.fields = {};
        for (const [fieldName, access] of Object.entries(fields as Record<string, unknown>)) {
          if (object && !object.columns.get(fieldName)?.field) checker.add(`${path}/fields/${fieldName}`, `${objectName} has no field '${fieldName}'`);
          if (typeof access !== 'string' || !(FIELD_ACCESS_VALUES as readonly string[]).includes(access)) {
            checker.add(`${path}/fields/${fieldName}`, `must be one of ${FIELD_ACCESS_VALUES.join(', ')}`);
          } else {
            grant.fields[fieldName] = access as FieldAccess;
          }
        }
      }
    }
    grants[objectName] = grant;
  }
  return grants;
}

/** A sharing rule's JsonLogic criteria must compile against the object. */
export function checkCriteria(checker: InputChecker, catalog: Catalog, objectName: string | undefined): unknown {
  const criteria = checker.body.criteria;
  if (criteria === undefined) {
    checker.add('/criteria', 'is required');
    return undefined;
  }
  if (typeof criteria !== 'object' || criteria === null || Array.isArray(criteria)) {
    checker.add('/criteria', 'must be a JsonLogic rule object');
    return undefined;
  }
  const object = objectName ? catalog.objects.get(objectName) : undefined;
  if (!object) return criteria;
  const compiled = compileFilter(criteria, aliasScope(object, 't'));
  if (!compiled.ok) for (const error of compiled.errors) checker.add(`/criteria${error.path}`, error.message);
  return criteria;
}
