// Catalog + a user's permissions → the catalog as that user may see it: objects they cannot read
// are absent (so they answer "unknown object"), hidden fields are absent from every column map,
// projection, filter scope, sort, expand and validator (so they answer "unknown field"), and each
// object carries the user's row-level predicates. Every request stage downstream reads this view
// unchanged, which is what makes the checks hold on every route.
import { isLookupPath, type NormalisedObject, type ProblemDetail, problem, resolveLookupPath, varNames } from '@tessera/metadata';
import type { Catalog, CompiledColumn, CompiledObject } from '../catalog/catalog-types.ts';
import { jsonObject } from '../catalog/compile-catalog.ts';
import { recordValidators } from '../catalog/record-validators.ts';
import { fieldAccess } from './compile-user-access.ts';
import { redactDefinition } from './redact-definition.ts';
import { buildRowAccess } from './row-access.ts';
import type { TenantSecurity } from './security-types.ts';
import { DEFAULT_OBJECT_ACCESS, type ObjectPermission, type UserAccess } from './security-types.ts';

interface FieldView {
  readable: ReadonlySet<string>;
  editable: ReadonlySet<string>;
}

type ObjectView = Omit<CompiledObject, 'rowAccess'>;

// Field views depend only on the permission sets, so users sharing sets share views (and the
// ajv validators compiled for them) for the life of the catalog.
const viewsByObject = new WeakMap<CompiledObject, Map<string, ObjectView>>();
const catalogsByRevision = new WeakMap<Catalog, { revision: number; byUser: Map<string, Catalog> }>();

export function secureCatalog(catalog: Catalog, security: TenantSecurity, user: UserAccess): Catalog {
  let cache = catalogsByRevision.get(catalog);
  if (!cache || cache.revision !== security.revision) {
    cache = { revision: security.revision, byUser: new Map() };
    catalogsByRevision.set(catalog, cache);
  }
  let secured = cache.byUser.get(user.userId);
  if (!secured) {
    secured = buildSecureCatalog(catalog, security, user);
    if (cache.byUser.size > 5000) cache.byUser.clear();
    cache.byUser.set(user.userId, secured);
  }
  return secured;
}

function buildSecureCatalog(catalog: Catalog, security: TenantSecurity, user: UserAccess): Catalog {
  const objects = new Map<string, CompiledObject>();
  const definitions: NormalisedObject[] = [];
  for (const object of catalog.objects.values()) {
    const permission = user.objects.get(object.apiName);
    if (!permission?.read) continue;
    const view = objectView(object, permission, user);
    const setting = security.objectAccess.get(object.apiName) ?? DEFAULT_OBJECT_ACCESS;
    const rowAccess = buildRowAccess({ object, permission, setting, user, security });
    objects.set(object.apiName, Object.freeze({ ...view, rowAccess }));
    // GET /metadata and OpenAPI read these: without rules, criteria and references over hidden fields.
    const visible = new Set(view.definition.fields.map((field) => field.apiName));
    definitions.push(redactDefinition(view.definition, new Set(object.definition.fields.map((field) => field.apiName).filter((name) => !visible.has(name)))));
  }
  return Object.freeze({
    tenant: catalog.tenant,
    schema: catalog.schema,
    revision: catalog.revision,
    snapshot: { ...catalog.snapshot, objects: definitions },
    objects,
    calendars: catalog.calendars,
    unrestricted: catalog,
  });
}

function objectView(object: CompiledObject, permission: ObjectPermission, user: UserAccess): ObjectView {
  const fields = computeFieldView(object, permission, user);
  const key = `${[...fields.readable].join(',')}|${[...fields.editable].join(',')}`;
  let views = viewsByObject.get(object);
  if (!views) {
    views = new Map();
    viewsByObject.set(object, views);
  }
  let view = views.get(key);
  if (!view) {
    view = buildObjectView(object, fields);
    views.set(key, view);
  }
  return view;
}

function computeFieldView(object: CompiledObject, permission: ObjectPermission, user: UserAccess): FieldView {
  const readable = new Set<string>();
  const editable = new Set<string>();
  for (const name of object.columnOrder) {
    const column = object.columns.get(name) as CompiledColumn;
    if (!column.field) {
      readable.add(name);
      continue;
    }
    const access = fieldAccess(permission, name);
    if (access !== 'none') readable.add(name);
    if (access === 'edit' && object.writable.has(name)) editable.add(name);
  }
  hideLeakingComputedFields(object.definition.fields, (name) => object.columns.has(name), readable, user, pathReadable(object, user));
  // owner_id is written only by those who may reassign records anywhere.
  if (permission.modifyAll) editable.add('owner_id');
  return { readable, editable };
}

/**
 * A formula over a hidden field, or a roll-up over child records or fields the user cannot read,
 * would reveal the hidden value: such computed fields are hidden too. Repeats until stable, since
 * a formula may read another formula.
 */
export function hideLeakingComputedFields(
  fields: readonly { apiName: string; type: string }[],
  hasColumn: (name: string) => boolean,
  readable: Set<string>,
  user: Pick<UserAccess, 'objects'>,
  readablePath: (path: string) => boolean = () => false,
): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const field of fields) {
      if (!readable.has(field.apiName)) continue;
      const computed = field as unknown as {
        type: string;
        expression?: unknown;
        childObject?: string;
        childField?: string;
        aggregateField?: string;
        filter?: unknown;
      };
      let leaks = false;
      if (computed.type === 'formula') {
        leaks =
          ruleVariables(computed.expression).some((name) => (hasColumn(name) ? !readable.has(name) : !name.startsWith('$'))) ||
          [...varNames(computed.expression)].some((name) => isLookupPath(name) && !readablePath(name));
      } else if (computed.type === 'rollup' && computed.childObject) {
        const child = user.objects.get(computed.childObject);
        const childFields = [computed.childField, computed.aggregateField, ...ruleVariables(computed.filter)].filter(
          (name): name is string => typeof name === 'string',
        );
        leaks = !child?.read || childFields.some((name) => fieldAccess(child, name) === 'none' && !STANDARD_COLUMNS.has(name));
      }
      if (leaks) {
        readable.delete(field.apiName);
        changed = true;
      }
    }
  }
}

/**
 * Whether the user may read every step of a formula's lookup path: each lookup field, each target
 * object and the last field (the first lookup is checked with the object's own fields).
 */
function pathReadable(object: CompiledObject, user: UserAccess): (path: string) => boolean {
  return (path) => {
    const lookups = object.formulaLookups;
    if (!lookups) return false;
    const end = resolveLookupPath(lookups.objectNamed, object.definition, path, { formulas: false });
    if (!end.ok) return false;
    // [object, field] pairs after the first hop: later lookups, then the field read.
    const last = typeof end.field === 'string' ? end.field : end.field.apiName;
    const names = [...end.hops.slice(1).map((hop) => hop.lookup), last];
    return end.hops.every((hop, i) => {
      const permission = user.objects.get(hop.target.apiName);
      const field = names[i] as string;
      return permission?.read === true && (STANDARD_COLUMNS.has(field) || fieldAccess(permission, field) !== 'none');
    });
  };
}

const STANDARD_COLUMNS = new Set(['id', 'owner_id', 'created_by', 'created_at', 'updated_at', 'version', 'deleted_at']);

/** The field names a JsonLogic rule reads (`{"var": "amount"}` → amount; `a.b` → a). */
function ruleVariables(rule: unknown): string[] {
  const names: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) {
      for (const [operator, args] of Object.entries(node)) {
        if (operator === 'var') {
          const name = Array.isArray(args) ? args[0] : args;
          if (typeof name === 'string' && name !== '') names.push(name.split('.')[0] as string);
        } else {
          visit(args);
        }
      }
    }
  };
  visit(rule);
  return names;
}

function buildObjectView(object: CompiledObject, { readable, editable }: FieldView): ObjectView {
  const columns = new Map([...object.columns].filter(([name]) => readable.has(name)));
  const columnOrder = object.columnOrder.filter((name) => readable.has(name));
  const definition: NormalisedObject = { ...object.definition, fields: object.definition.fields.filter((field) => readable.has(field.apiName)) };
  const recordJsonByAlias = new Map<string, ReturnType<CompiledObject['recordJson']>>();
  const writableDefinition: NormalisedObject = {
    ...definition,
    fields: definition.fields.filter((field) => editable.has(field.apiName) || field.type === 'autonumber'),
  };
  const { validateCreate, validatePatch } = recordValidators(writableDefinition);
  // Readable but not editable → read-only (TSR409); hidden → unknown (TSR408), exactly as for a
  // field that does not exist, so a write cannot probe for hidden fields.
  const readOnly = new Set([...readable].filter((name) => !editable.has(name) && (object.writable.has(name) || name === 'owner_id')));
  const secured = (inner: (record: unknown) => ProblemDetail[]) => (record: unknown) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return inner(record);
    const problems: ProblemDetail[] = [];
    const rest: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(record)) {
      if (readOnly.has(name)) problems.push(problem(`/${name}`, 'TSR409', `${object.apiName}.${name} is read-only for you`));
      else rest[name] = value;
    }
    return [...problems, ...inner(rest)];
  };
  return Object.freeze({
    ...object,
    definition,
    columns,
    columnOrder,
    lookups: new Map([...object.lookups].filter(([name]) => readable.has(name))),
    writable: new Set([...object.writable].filter((name) => editable.has(name))),
    recordJson(alias: string) {
      let built = recordJsonByAlias.get(alias);
      if (!built) {
        built = jsonObject(columnOrder.map((name) => [name, (columns.get(name) as CompiledColumn).render(alias)]));
        recordJsonByAlias.set(alias, built);
      }
      return built;
    },
    validateCreate: secured(validateCreate),
    validatePatch: secured(validatePatch),
  });
}
