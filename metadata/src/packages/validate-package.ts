// A package bundle (manifest + objects + security + sample data) → every problem at once, or the
// normalised objects. Paths point into the bundle: `/manifest/version`, `/objects/2/fields/0/type`,
// `/sampleData/0/records/3/$ref`; the loader maps them to file names.
import type { ValidateFunction } from 'ajv';
import { createAjv } from '../ajv/create-ajv.ts';
import { type ProblemDetail, type Result, fail, ok, problem } from '../error-codes.ts';
import { EMPTY_SNAPSHOT, type MetadataSnapshot, type NormalisedObject } from '../normalised-types.ts';
import { validateDocument } from '../validate/validate-document.ts';
import { validateCalendars } from '../calendars/validate-calendars.ts';
import { mapSchemaErrors } from '../validate/map-schema-errors.ts';
import { PACKAGE_SCHEMA } from './package-schema.ts';
import type { PackageBundle, PackageManifest } from './package-types.ts';
import { isRange, isVersion } from './semver-ranges.ts';

let manifestValidator: ValidateFunction | undefined;

const prefixed = (prefix: string, problems: readonly ProblemDetail[]): ProblemDetail[] =>
  problems.map((found) => ({ ...found, path: `${prefix}${found.path}`, code: 'TSR600' as const, message: `${found.message} (${found.code})` }));

/** `live`: the objects the package may look up besides its own (its dependencies'); default none. */
export function validatePackage(bundle: unknown, live: MetadataSnapshot = EMPTY_SNAPSHOT): Result<NormalisedObject[]> {
  if (bundle === null || typeof bundle !== 'object') return fail([problem('', 'TSR600', 'a package is a manifest with objects, security and sample data')]);
  const { manifest, objects, security, sampleData, calendars } = bundle as Partial<PackageBundle>;
  manifestValidator ??= createAjv().compile(PACKAGE_SCHEMA);
  const problems: ProblemDetail[] = [];
  if (!manifestValidator(manifest)) problems.push(...prefixed('/manifest', mapSchemaErrors(manifestValidator.errors ?? [], manifest)));
  problems.push(...semverProblems((manifest ?? {}) as Partial<PackageManifest>));
  if (!Array.isArray(objects)) problems.push(problem('/objects', 'TSR600', 'must be an array of object definitions'));
  if (!security || !Array.isArray(security.roles) || !Array.isArray(security.permissionSets)) {
    problems.push(problem('/security', 'TSR600', 'must hold roles and permissionSets arrays'));
  }
  if (!Array.isArray(sampleData)) problems.push(problem('/sampleData', 'TSR600', 'must be an array of {object, records}'));
  let normalised: NormalisedObject[] = [];
  if (Array.isArray(objects)) {
    const checked = validateDocument({ objects }, live);
    if (checked.ok) normalised = checked.value;
    else problems.push(...prefixed('', checked.errors));
  }
  if (Array.isArray(sampleData)) problems.push(...sampleDataProblems(sampleData, objects ?? [], live));
  if (calendars !== undefined) {
    const checked = validateCalendars(calendars);
    if (!checked.ok) problems.push(...prefixed('', checked.errors));
  }
  return problems.length > 0 ? fail(problems) : ok(normalised);
}

function sampleDataProblems(sampleData: unknown[], objects: readonly { apiName?: string }[], live: MetadataSnapshot): ProblemDetail[] {
  const known = new Set([...objects.map((object) => object.apiName), ...live.objects.map((object) => object.apiName)]);
  const problems: ProblemDetail[] = [];
  const refs = new Set<string>();
  sampleData.forEach((set, index) => {
    const { object, records } = (set ?? {}) as { object?: unknown; records?: unknown };
    if (typeof object !== 'string' || !known.has(object))
      problems.push(problem(`/sampleData/${index}/object`, 'TSR615', `names no object of the package: ${JSON.stringify(object)}`));
    if (!Array.isArray(records)) {
      problems.push(problem(`/sampleData/${index}/records`, 'TSR615', 'must be an array of records'));
      return;
    }
    records.forEach((record, position) => {
      const ref = (record as { $ref?: unknown } | null)?.$ref;
      if (record === null || typeof record !== 'object' || Array.isArray(record))
        problems.push(problem(`/sampleData/${index}/records/${position}`, 'TSR615', 'must be an object'));
      else if (ref !== undefined && (typeof ref !== 'string' || refs.has(ref)))
        problems.push(
          problem(`/sampleData/${index}/records/${position}/$ref`, 'TSR615', `must be a unique name, ${JSON.stringify(ref)} is taken or not a string`),
        );
      else if (typeof ref === 'string') refs.add(ref);
    });
  });
  // A reference must name a record of an earlier or later set: records are created in order, references resolved after.
  sampleData.forEach((set, index) => {
    const records = (set as { records?: unknown }).records;
    if (!Array.isArray(records)) return;
    records.forEach((record, position) => {
      if (record === null || typeof record !== 'object') return;
      for (const [field, value] of Object.entries(record)) {
        const target = (value as { $ref?: unknown } | null)?.$ref;
        if (field !== '$ref' && value !== null && typeof value === 'object' && typeof target === 'string' && !refs.has(target)) {
          problems.push(problem(`/sampleData/${index}/records/${position}/${field}/$ref`, 'TSR615', `no sample record is named ${JSON.stringify(target)}`));
        }
      }
    });
  });
  return problems;
}

/** Checked beside the schema (which only knows strings), so a bad version and a bad range show together. */
function semverProblems(manifest: Partial<PackageManifest>): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  if (typeof manifest.version === 'string' && !isVersion(manifest.version))
    problems.push(problem('/manifest/version', 'TSR600', `'${manifest.version}' is not a semver version such as 1.0.0`));
  if (typeof manifest.platform === 'string' && !isRange(manifest.platform))
    problems.push(problem('/manifest/platform', 'TSR600', `'${manifest.platform}' is not a semver range`));
  const dependencies = manifest.dependencies !== null && typeof manifest.dependencies === 'object' ? manifest.dependencies : {};
  for (const [namespace, range] of Object.entries(dependencies)) {
    if (typeof range === 'string' && !isRange(range))
      problems.push(problem(`/manifest/dependencies/${namespace}`, 'TSR600', `'${range}' is not a semver range`));
    if (namespace === manifest.namespace) problems.push(problem(`/manifest/dependencies/${namespace}`, 'TSR603', 'a package cannot depend on itself'));
  }
  return problems;
}
