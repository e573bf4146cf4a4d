// Patching every field of the generated specimen: each stored field changes and clears (a required
// one refuses the clear), computed fields refuse writes, and field history keeps one entry with
// from/to per tracked field that changed; formulas and roll-ups cannot be tracked.
import type { NormalisedField } from '@tessera/metadata';
import { testDriverKinds } from '@tessera/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { SPECIMEN } from './conformance-document.ts';
import { type ConformanceTenant, uploadSample } from './conformance-tenant.ts';
import type { Rec } from './expected-values.ts';
import { computed, formulaOrRollup, isFile, ONE_SPECIMEN, SPECIMENS, surfaceSuite } from './surface-suite.ts';

const kinds = await testDriverKinds();

describe.each(kinds)('every field patched, with history on %s', (kind) => {
  const suite = surfaceSuite(kind);
  const { fields, linesOf, openApi, expectFieldValues } = suite;
  let tenant: ConformanceTenant;
  let listed: Rec[];
  // The suite's members, bound once its setup ran, so the tests read as they did in one file.
  beforeAll(() => {
    ({ tenant, listed } = suite);
  });

  it('patch changes and clears each field; history keeps one entry with from/to per tracked field that changed', async () => {
    // Formulas and roll-ups change without a write to their record, so field history refuses them
    // (422 TSR308, one error per field saying why) and saves nothing; every stored field is tracked.
    const all = fields().map((field) => field.apiName);
    const trackedBefore = await tenant.api.get('/api/v1/audit/tracked-fields');
    const refused = await tenant.api.put(`/api/v1/audit/tracked-fields/${SPECIMEN}`, { fields: all });
    expect(refused.status, refused.text.slice(0, 600)).toBe(422);
    expect(refused.body.code).toBe('TSR308');
    expect(refused.body.errors).toEqual(
      fields().flatMap((field, index) =>
        formulaOrRollup(field)
          ? [
              expect.objectContaining({
                path: `/fields/${index}`,
                code: 'TSR308',
                message: expect.stringContaining(`${SPECIMEN}.${field.apiName} is a ${field.type}`),
              }),
            ]
          : [],
      ),
    );
    tenant.api.count('history', fields().filter(formulaOrRollup).length);
    expect((await tenant.api.get('/api/v1/audit/tracked-fields')).body).toEqual(trackedBefore.body);
    const trackable = fields()
      .filter((field) => !formulaOrRollup(field))
      .map((field) => field.apiName);
    const tracked = await tenant.api.put(`/api/v1/audit/tracked-fields/${SPECIMEN}`, { fields: trackable });
    expect(tracked.status, tracked.text.slice(0, 600)).toBe(200);
    expect(tracked.body.fields).toEqual([...trackable].sort());

    for (const [index, field] of fields().entries()) {
      // A unique field's other values belong to other records: its subject holds one, clears it and writes it back.
      const subject = (field.unique ? listed.find((record) => record[field.apiName] !== null) : listed[index % listed.length]) as Rec;
      const path = `${SPECIMENS}/${subject.id}`;
      const history = async () => (await tenant.api.get(`${path}/history?limit=200`)).body.data as Rec[];
      const current = async () => (await tenant.api.get(path)).body as Rec;
      const before = await current();
      if (computed(field)) {
        const readOnly = await tenant.api.patch(path, { [field.apiName]: before[field.apiName] });
        expect(readOnly.status, `patch ${field.apiName}: ${readOnly.text.slice(0, 400)}`).toBe(400);
        expect(readOnly.body.errors).toEqual([expect.objectContaining({ path: `/${field.apiName}`, code: 'TSR409' })]);
        expect(await current()).toEqual(before);
        tenant.api.count('patch');
        continue;
      }
      const samples = tenant.samples.get(field.apiName) ?? [];
      const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
      const own = samples.find((sample) => same(sample.output, before[field.apiName])) ?? { input: before[field.apiName], output: before[field.apiName] };
      const other = isFile(field) ? await freshFileSample(field) : samples.find((sample) => sample.output !== null && !same(sample.output, own.output));
      const cleared = { input: null, output: null };
      // A cleared file is deleted, so a file field is written back with a fresh upload instead of its own.
      const steps = field.required ? [cleared, other, own] : own.output === null ? [other, cleared] : [cleared, isFile(field) ? other : own];
      for (const step of steps) {
        if (!step) throw new Error(`${field.apiName}: the samples need two non-null values`);
        const stored = await current();
        const entriesBefore = (await history()).length;
        const patched = await tenant.api.patch(path, { [field.apiName]: step.input });
        tenant.api.count('patch');
        if (step.output === null && field.required) {
          expect(patched.status, `clear required ${field.apiName}`).toBe(400);
          expect(patched.body.errors.map((error: { path: string }) => error.path)).toEqual([`/${field.apiName}`]);
          expect(await current()).toEqual(stored);
          expect((await history()).length).toBe(entriesBefore);
          continue;
        }
        expect(patched.status, `patch ${field.apiName} ${JSON.stringify(step.input)}: ${patched.text.slice(0, 600)}`).toBe(200);
        expect(patched.body[field.apiName], `patch ${field.apiName}`).toEqual(step.output);
        expectFieldValues('patch', patched.body, { ...stored, [field.apiName]: step.output }, linesOf(subject.id));
        expect(patched.body.version).toBe(stored.version + 1);
        openApi(ONE_SPECIMEN, 'patch', '200', patched.body);
        const changed = trackable.filter((name) => !same(stored[name], patched.body[name]));
        const entries = (await history()).slice(0, (await history()).length - entriesBefore);
        expect(entries.map((entry) => [entry.field, entry.oldValue, entry.newValue, entry.operation]).sort(), `history of ${field.apiName}`).toEqual(
          changed.map((name) => [name, stored[name], patched.body[name], 'update']).sort(),
        );
        tenant.api.count('history');
      }
      const last = steps[steps.length - 1] as { output: unknown };
      expect(await current()).toMatchObject({ [field.apiName]: isFile(field) ? last.output : before[field.apiName] });
    }
  });

  /** A sample of a new upload (the value written as the file's id). */
  const freshFileSample = async (field: NormalisedField) => {
    const file = await uploadSample(tenant.api, field, 9);
    const multiple = 'multiple' in field && field.multiple === true;
    return multiple ? { input: [file.id], output: [file] } : { input: file.id, output: file };
  };

  it('ran at least the cases the registries imply on the patch and history surfaces', () => {
    const writable = [...tenant.samples.keys()].length;
    // Two writes kept in the history per writable field, one refusal to track per formula and roll-up.
    suite.expectCasesRan({ patch: fields().length + writable, history: 2 * writable + fields().filter(formulaOrRollup).length });
  });
});
