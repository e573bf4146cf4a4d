import { describe, expect, it } from 'vitest';
import { accountDef } from '../testing/fixtures.ts';
import type { PackageBundle } from './package-types.ts';
import { resolveDependencies } from './resolve-dependencies.ts';
import { validatePackage } from './validate-package.ts';

const bundle = (change: (b: PackageBundle) => void = () => {}): PackageBundle => {
  const b: PackageBundle = {
    manifest: { namespace: 'crm', name: 'crm-core', version: '1.0.0', labels: { en: 'CRM' }, platform: '>=0.1.0', contents: { objects: ['objects/*.json'] } },
    objects: [accountDef()],
    security: { roles: [], permissionSets: [] },
    sampleData: [
      {
        object: 'account',
        records: [
          { $ref: 'acme', name: 'Acme' },
          { name: 'Acme East', parent: { $ref: 'acme' } },
        ],
      },
    ],
  };
  change(b);
  return b;
};

describe('validatePackage', () => {
  it('accepts a valid bundle and returns its normalised objects', () => {
    const checked = validatePackage(bundle());
    expect(checked.ok && checked.value.map((object) => object.apiName)).toEqual(['account']);
  });

  it('reports every problem at once: manifest, semver, objects, sample data', () => {
    const checked = validatePackage(
      bundle((b) => {
        b.manifest.version = '1.0';
        b.manifest.dependencies = { crm: '^1', base: 'not a range!' };
        (b.objects[0] as { fields: unknown[] }).fields.push({ apiName: 'Bad Name', type: 'text', labels: { en: 'x' } });
        b.sampleData.push({ object: 'ghost', records: [{ owner: { $ref: 'nobody' } }] });
      }),
    );
    expect(checked.ok).toBe(false);
    const paths = checked.ok ? [] : checked.errors.map((error) => `${error.code} ${error.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'TSR600 /manifest/version',
        'TSR603 /manifest/dependencies/crm',
        'TSR600 /manifest/dependencies/base',
        'TSR600 /objects/0/fields/2/apiName',
        'TSR615 /sampleData/1/object',
        'TSR615 /sampleData/1/records/0/owner/$ref',
      ]),
    );
  });

  it('refuses a manifest with an invalid namespace or unknown keys (schema)', () => {
    const checked = validatePackage(bundle((b) => Object.assign(b.manifest, { namespace: 'CRM', extra: 1 })));
    expect(checked.ok ? [] : checked.errors.map((error) => error.path)).toEqual(expect.arrayContaining(['/manifest/namespace', '/manifest/extra']));
  });
});

describe('resolveDependencies', () => {
  const manifest = (dependencies: Record<string, string>, namespace = 'nps', version = '1.0.0') => ({
    namespace,
    name: namespace,
    version,
    labels: { en: namespace },
    contents: {},
    dependencies,
  });

  it('passes when every range is satisfied', () => {
    const report = resolveDependencies(manifest({ crm: '^1.0.0' }), [{ namespace: 'crm', version: '1.4.2', dependencies: {} }], '0.1.0');
    expect(report).toEqual({ dependencies: [{ namespace: 'crm', range: '^1.0.0', installed: '1.4.2', ok: true }], problems: [] });
  });

  it('lists missing, conflicting, cyclic and platform problems together', () => {
    const installed: { namespace: string; version: string; dependencies: Record<string, string> }[] = [
      { namespace: 'crm', version: '2.0.0', dependencies: {} },
      { namespace: 'geo', version: '1.0.0', dependencies: { nps: '^1.0.0' } },
      { namespace: 'old', version: '1.0.0', dependencies: { nps: '^0.9.0' } },
    ];
    const report = resolveDependencies({ ...manifest({ crm: '^1.0.0', maps: '^1.0.0', geo: '*' }), platform: '>=9.0.0' }, installed, '0.1.0');
    expect(report.problems.map((problem) => `${problem.code} ${problem.path}`)).toEqual([
      'TSR612 /manifest/platform',
      'TSR602 /manifest/dependencies/crm',
      'TSR601 /manifest/dependencies/maps',
      'TSR602 /manifest/version',
      'TSR603 /manifest/dependencies',
    ]);
    expect(report.problems.at(-1)?.message).toBe('dependency cycle: nps → geo → nps');
  });
});
