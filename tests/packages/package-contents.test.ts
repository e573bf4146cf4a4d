// The shipped packages (packages/*) as an ISV would check them before publishing: every manifest
// and object valid against the metamodel (objects checked against their dependencies' objects, as
// an install sees them), every `$schema` resolving to the published schema of its kind, every file
// listed by the manifest's contents and shipped by package.json, labels in English and 中文
// everywhere a user reads them, security and sample data naming only things that exist.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  compileRecordValidator,
  EMPTY_SNAPSHOT,
  type MetadataSnapshot,
  type NormalisedObject,
  normalise,
  type ObjectDef,
  validateDocument,
} from '@tessera/metadata';
import { satisfies, toApplicableDef, validatePackage } from '@tessera/metadata/packages';
import { describe, expect, it } from 'vitest';
import { type PackageFolder, readPackageFolder } from './package-folder.ts';

const PACKAGES_DIR = resolve(import.meta.dirname, '../../packages');
const SCHEMAS_DIR = resolve(import.meta.dirname, '../../metadata/schemas');
const names = readdirSync(PACKAGES_DIR).filter((name) => existsSync(join(PACKAGES_DIR, name, 'tessera.json')));
const folders = new Map(names.map((name) => [name, readPackageFolder(join(PACKAGES_DIR, name))]));
const byNamespace = new Map([...folders.values()].map((pkg) => [pkg.manifest.namespace, pkg]));

/** The package's dependencies, transitively, dependencies first. */
function dependencyChain(pkg: PackageFolder, seen = new Set<string>()): PackageFolder[] {
  const chain: PackageFolder[] = [];
  for (const namespace of Object.keys((pkg.manifest.dependencies ?? {}) as Record<string, string>)) {
    const dependency = byNamespace.get(namespace);
    if (!dependency || seen.has(namespace)) continue;
    seen.add(namespace);
    chain.push(...dependencyChain(dependency, seen), dependency);
  }
  return chain;
}

/** What an install of the package sees: its dependencies' objects, validated and normalised. */
function liveOf(pkg: PackageFolder): MetadataSnapshot {
  const objects = dependencyChain(pkg).flatMap((dependency) => dependency.objects);
  if (objects.length === 0) return EMPTY_SNAPSHOT;
  const checked = validateDocument({ objects }, EMPTY_SNAPSHOT);
  if (!checked.ok) throw new Error(`dependencies of ${pkg.manifest.name} are invalid: ${JSON.stringify(checked.errors)}`);
  return { objects: checked.value };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

type LabelsLike = { en?: string; zh?: string } | undefined;
/** Every place a user reads a label, as `[where, labels]`. */
function labelledParts(object: ObjectDef): [string, LabelsLike][] {
  const parts: [string, LabelsLike][] = [[object.apiName, object.labels]];
  for (const field of object.fields) {
    parts.push([`${object.apiName}.${field.apiName}`, field.labels]);
    if ('values' in field && field.values) for (const value of field.values) parts.push([`${object.apiName}.${field.apiName}=${value.apiName}`, value.labels]);
  }
  for (const layout of object.layouts ?? []) {
    parts.push([`layout ${layout.apiName}`, layout.labels]);
    layout.sections.forEach((section, index) => {
      parts.push([`layout ${layout.apiName} section ${index}`, section.labels]);
    });
  }
  for (const recordType of object.recordTypes ?? []) parts.push([`record type ${recordType.apiName}`, recordType.labels]);
  for (const pipeline of object.pipelines ?? []) {
    parts.push([`pipeline ${pipeline.apiName}`, pipeline.labels]);
    for (const stage of pipeline.stages) parts.push([`pipeline ${pipeline.apiName} stage ${stage.value}`, stage.labels]);
  }
  for (const flow of object.approvalFlows ?? []) {
    parts.push([`approval flow ${flow.apiName}`, flow.labels]);
    for (const step of flow.steps) parts.push([`approval flow ${flow.apiName} step ${step.apiName}`, step.labels]);
  }
  for (const rule of object.validationRules ?? []) parts.push([`validation rule ${rule.apiName}`, rule.message]);
  for (const rule of object.duplicateRules ?? []) parts.push([`duplicate rule ${rule.apiName}`, rule.message as LabelsLike]);
  return parts;
}

describe('shipped packages', () => {
  it('are the three the issue asks for and activities, with their namespaces and dependencies', () => {
    const summary = Object.fromEntries(
      [...folders].map(([name, pkg]) => [name, { namespace: pkg.manifest.namespace, dependencies: pkg.manifest.dependencies }]),
    );
    expect(summary).toEqual({
      activities: { namespace: 'activities', dependencies: { crm: '^1.0.0' } },
      'crm-core': { namespace: 'crm', dependencies: {} },
      nps: { namespace: 'nps', dependencies: { crm: '^1.0.0' } },
      'real-estate': { namespace: 're', dependencies: { crm: '^1.0.0' } },
    });
  });

  describe.each(names)('%s', (name) => {
    const folder = join(PACKAGES_DIR, name);
    const pkg = folders.get(name) as PackageFolder;

    it('has a valid manifest and bundle (validatePackage against its dependencies)', () => {
      const result = validatePackage(
        {
          manifest: pkg.manifest,
          objects: pkg.objects,
          security: { roles: pkg.security.roles, permissionSets: pkg.security.permissionSets },
          sampleData: pkg.sampleData,
        },
        liveOf(pkg),
      );
      expect(result.ok ? [] : result.errors).toEqual([]);
    });

    it('has objects that validate as one document against its dependencies', () => {
      const result = validateDocument({ objects: pkg.objects }, liveOf(pkg));
      expect(result.ok ? [] : result.errors).toEqual([]);
      expect(pkg.objects.length).toBeGreaterThan(0);
    });

    it('round-trips: its normalised objects, written back as definitions (upgrade base, revert), validate to the same objects', () => {
      const first = validateDocument({ objects: pkg.objects }, liveOf(pkg));
      expect(first.ok).toBe(true);
      if (!first.ok) return;
      const again = validateDocument({ objects: first.value.map(toApplicableDef) }, liveOf(pkg));
      expect(again.ok ? [] : again.errors).toEqual([]);
      if (again.ok) expect(again.value).toEqual(first.value);
    });

    it('depends only on shipped packages whose version satisfies the range', () => {
      for (const [namespace, range] of Object.entries((pkg.manifest.dependencies ?? {}) as Record<string, string>)) {
        const dependency = byNamespace.get(namespace);
        expect(dependency, `${name} depends on ${namespace}`).toBeDefined();
        expect(satisfies(String(dependency?.manifest.version), range), `${namespace}@${dependency?.manifest.version} satisfies ${range}`).toBe(true);
      }
    });

    it('is an npm package with the same name, version and files', () => {
      const npm = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
      expect(npm.name).toBe(`@tessera-packages/${pkg.manifest.name}`);
      expect(npm.version).toBe(pkg.manifest.version);
      const topLevel = new Set(pkg.files.map((file) => file.path.split('/')[0]));
      expect(new Set(npm.files)).toEqual(new Set(['tessera.json', ...topLevel]));
    });

    it('points every $schema at the published schema of its kind, and the path resolves', () => {
      const expected: Record<string, string> = { objects: 'object.schema.json', manifest: 'package.schema.json' };
      const manifestSchema = resolve(folder, String(pkg.manifest.$schema));
      expect(manifestSchema).toBe(join(SCHEMAS_DIR, expected.manifest as string));
      expect(existsSync(manifestSchema)).toBe(true);
      for (const file of pkg.files.filter((entry) => entry.kind === 'objects')) {
        const schema = resolve(dirname(join(folder, file.path)), String((file.json as { $schema?: string }).$schema));
        expect(relative(SCHEMAS_DIR, schema), file.path).toBe(expected.objects);
        expect(existsSync(schema), file.path).toBe(true);
      }
    });

    it('lists every file it holds in contents (nothing unshipped, nothing missing)', () => {
      const held = filesUnder(folder)
        .map((path) => relative(folder, path))
        .filter((path) => !['package.json', 'tessera.json', 'README.md'].includes(path))
        .sort();
      expect(pkg.files.map((file) => file.path).sort()).toEqual(held);
      for (const [kind, patterns] of Object.entries(pkg.manifest.contents)) {
        for (const pattern of patterns)
          expect(
            pkg.files.some((file) => file.kind === kind),
            `${kind}: ${pattern} matches a file`,
          ).toBe(true);
      }
    });

    it('labels every object, field, picklist value, stage, layout, section, record type, flow, step and rule message in en and zh', () => {
      const missing = pkg.objects
        .flatMap((object) => labelledParts(object as unknown as ObjectDef))
        .filter(([, labels]) => !labels?.en?.trim() || !labels?.zh?.trim())
        .map(([where]) => where);
      expect(missing).toEqual([]);
      expect([pkg.manifest.labels, pkg.manifest.description].every((labels) => (labels as LabelsLike)?.en && (labels as LabelsLike)?.zh)).toBe(true);
    });

    it('grants, roles and approvers name objects, fields and roles that exist', () => {
      const objects = new Map<string, NormalisedObject>(
        [...dependencyChain(pkg).flatMap((dependency) => dependency.objects), ...pkg.objects].map((object) => [
          String(object.apiName),
          normalise(object as unknown as ObjectDef),
        ]),
      );
      const roles = new Set(dependencyChain(pkg).flatMap((dependency) => dependency.security.roles.map((role) => role.name)));
      const problems: string[] = [];
      // A parent role comes from the package itself, listed before (the engine refuses one from a dependency).
      const ownRoles = new Set<string>();
      for (const role of pkg.security.roles) {
        if (role.parent && !ownRoles.has(role.parent)) problems.push(`role ${role.name}: parent ${role.parent} is not a role of the package listed before it`);
        ownRoles.add(role.name);
        roles.add(role.name);
      }
      for (const set of pkg.security.permissionSets) {
        for (const [objectName, grant] of Object.entries(set.objects)) {
          const object = objects.get(objectName);
          if (!object) problems.push(`permission set ${set.name}: no object ${objectName}`);
          for (const field of Object.keys((grant as { fields?: object }).fields ?? {})) {
            if (!object?.fields.some((candidate) => candidate.apiName === field)) problems.push(`permission set ${set.name}: no field ${objectName}.${field}`);
          }
        }
      }
      for (const object of Object.keys(pkg.security.objectAccess)) if (!objects.has(object)) problems.push(`object access: no object ${object}`);
      for (const object of pkg.objects as unknown as ObjectDef[]) {
        for (const flow of object.approvalFlows ?? []) {
          for (const step of flow.steps) {
            for (const approver of step.approvers) {
              if (approver.type === 'role' && !roles.has(approver.role))
                problems.push(`${object.apiName}.${flow.apiName}.${step.apiName}: no role ${approver.role}`);
            }
          }
        }
      }
      expect(problems).toEqual([]);
    });

    it('has sample data the record validator accepts, with every $ref defined before use', () => {
      const objects = new Map<string, NormalisedObject>();
      const chain = [...dependencyChain(pkg), pkg];
      const checked = validateDocument({ objects: chain.flatMap((entry) => entry.objects) }, EMPTY_SNAPSHOT);
      if (checked.ok) for (const object of checked.value) objects.set(object.apiName, object);
      const refs = new Set<string>();
      const problems: string[] = [];
      let count = 0;
      for (const set of pkg.sampleData) {
        const object = objects.get(set.object);
        if (!object) {
          problems.push(`sample data names no object ${set.object}`);
          continue;
        }
        const validate = compileRecordValidator(object, 'create');
        set.records.forEach((record, index) => {
          count++;
          const body: Record<string, unknown> = {};
          for (const [key, value] of Object.entries(record)) {
            if (key === '$ref') continue;
            const ref = (value as { $ref?: string } | null)?.$ref;
            if (typeof ref === 'string' && !refs.has(ref)) problems.push(`${set.object}[${index}].${key}: $ref ${ref} is not defined before`);
            body[key] = typeof ref === 'string' ? '00000000-0000-7000-8000-000000000000' : value;
          }
          // The server computes default expressions for fields the body leaves out (the pure validator does not).
          const computed = new Set(
            object.fields
              .filter((field) => 'defaultExpr' in field && field.defaultExpr !== undefined && !(field.apiName in body))
              .map((field) => `/${field.apiName}`),
          );
          for (const problem of validate(body)) if (!computed.has(problem.path)) problems.push(`${set.object}[${index}]${problem.path}: ${problem.message}`);
          if (typeof record.$ref === 'string') {
            if (refs.has(record.$ref)) problems.push(`${set.object}[${index}]: $ref ${record.$ref} defined twice`);
            refs.add(record.$ref);
          }
        });
      }
      expect(problems).toEqual([]);
      // A package that declares sample data ships some; activities declares none (its records point
      // at the tenant's own accounts, contacts and opportunities, which no package can name).
      if (pkg.manifest.contents.sampleData) expect(count).toBeGreaterThan(0);
      else expect(pkg.sampleData).toEqual([]);
    });
  });
});
