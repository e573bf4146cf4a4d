// A package's files (path → JSON text) → its bundle: tessera.json names the files of each kind by
// glob (`objects/*.json`, `data/**/*.json`); every problem (unparseable JSON, a glob matching
// nothing, a missing manifest) is reported at once with the file's name.
import type { CalendarDef, ProblemDetail } from '@tessera/metadata';
import type { PackageBundle, PackageManifest, SampleDataSet } from '@tessera/metadata/packages';
import type { PackageFiles } from './read-package-files.ts';

export type BundleResult = { ok: true; bundle: PackageBundle } | { ok: false; errors: ProblemDetail[] };

/** `*` matches within one path segment, `**` across segments; nothing else is special. */
export function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*\*\/?|\*/g, (star) => (star === '*' ? '[^/]*' : '(?:.*/)?'));
  return new RegExp(`^${escaped}$`);
}

export function bundleFromFiles(files: PackageFiles): BundleResult {
  const errors: ProblemDetail[] = [];
  const parse = (path: string): unknown => {
    try {
      return JSON.parse(files.get(path) as string);
    } catch (error) {
      errors.push({ path: `/files/${path}`, code: 'TSR600', message: `not valid JSON: ${(error as Error).message}` });
      return undefined;
    }
  };
  if (!files.has('tessera.json'))
    return { ok: false, errors: [{ path: '/files/tessera.json', code: 'TSR600', message: 'a package needs a tessera.json manifest' }] };
  const manifest = parse('tessera.json') as PackageManifest | undefined;
  if (!manifest || typeof manifest !== 'object') return { ok: false, errors };
  const contents = (manifest.contents ?? {}) as PackageManifest['contents'];
  const matching = (kind: keyof PackageManifest['contents']): string[] => {
    const globs = Array.isArray(contents[kind]) ? (contents[kind] as string[]) : [];
    const found = new Set<string>();
    globs.forEach((glob, index) => {
      const pattern = globToRegExp(String(glob));
      const hits = [...files.keys()].filter((path) => pattern.test(path)).sort();
      if (hits.length === 0) errors.push({ path: `/manifest/contents/${kind}/${index}`, code: 'TSR600', message: `no file matches ${glob}` });
      for (const hit of hits) found.add(hit);
    });
    return [...found];
  };
  const objectFiles = matching('objects');
  const securityFiles = matching('security');
  const dataFiles = matching('sampleData');
  const calendarFiles = matching('calendars');
  const security: PackageBundle['security'] = { roles: [], permissionSets: [], objectAccess: {} };
  for (const path of securityFiles) {
    const part = parse(path) as { roles?: unknown; permissionSets?: unknown; objectAccess?: unknown } | undefined;
    if (part === undefined || part === null || typeof part !== 'object') continue;
    if (Array.isArray(part.roles)) security.roles.push(...part.roles);
    if (Array.isArray(part.permissionSets)) security.permissionSets.push(...part.permissionSets);
    if (part.objectAccess !== null && typeof part.objectAccess === 'object') Object.assign(security.objectAccess as object, part.objectAccess);
    for (const key of Object.keys(part)) {
      if (!['roles', 'permissionSets', 'objectAccess', '$schema'].includes(key))
        errors.push({ path: `/files/${path}/${key}`, code: 'TSR600', message: 'a security file holds roles, permissionSets and objectAccess only' });
    }
  }
  const bundle: PackageBundle = {
    manifest,
    objects: objectFiles.map((path) => parse(path)) as PackageBundle['objects'],
    security,
    sampleData: dataFiles.map((path) => parse(path)) as SampleDataSet[],
    ...(calendarFiles.length > 0 ? { calendars: calendarFiles.map((path) => parse(path)) as CalendarDef[] } : {}),
    sources: { objects: objectFiles, security: securityFiles, sampleData: dataFiles, calendars: calendarFiles },
  };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, bundle };
}

/** `/objects/2/fields/0` → `/files/objects/opportunity.json/fields/0`, so a problem names the file. */
export function fileProblemPath(bundle: PackageBundle, path: string): string {
  const match = /^\/(objects|sampleData|calendars)\/(\d+)(.*)$/.exec(path);
  const file = match ? bundle.sources?.[match[1] as 'objects' | 'sampleData' | 'calendars']?.[Number(match[2])] : undefined;
  return match && file ? `/files/${file}${match[3]}` : path;
}
