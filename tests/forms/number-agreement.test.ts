// Issue #15, defect 4, over HTTP: for every numeric field type × scale 0–8 × precision (one field
// each) and every decimalCases value, the designer's form validator (designer/src/forms/
// form-validator.ts, the module the browser bundles) on the served form schema refuses exactly the
// fields the API refuses; what the API accepted is stored, and the stored record, loaded into the
// served edit form, passes the same validator. Runs on PostgreSQL when it answers, and on PGlite.
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formValidator } from '../../designer/src/forms/form-validator.ts';
import { decimalCases, numericFieldCases } from '../../metadata/src/ajv/decimal-cases.ts';
import { countRows, expectProblem } from '../support/api-assertions.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

const kinds = await testDriverKinds();
const FIELDS = numericFieldCases();
const RECORDS = '/api/v1/objects/measure/records';
// A computed number the form shows read-only: client arithmetic on a scale-2 amount, at scale 2.
const FORMULA = {
  type: 'formula',
  apiName: 'tripled',
  labels: { en: 'Tripled' },
  returns: 'currency',
  scale: 2,
  expression: { '*': [{ var: 'currency_s2_p18' }, 3] },
};
const measureDef = { apiName: 'measure', labels: { en: 'Measure', zh: '计量' }, fields: [...FIELDS.map((field) => field.def), FORMULA] };

/** Every case label, with the value of each field it applies to. */
const BODIES = new Map<string, Record<string, number>>();
for (const field of FIELDS) {
  for (const testCase of decimalCases(field.precision, field.scale)) {
    BODIES.set(testCase.label, { ...(BODIES.get(testCase.label) ?? {}), [field.name]: testCase.value });
  }
}

interface ServedForm {
  schema: Parameters<typeof formValidator.validateFormData>[1];
  readOnlyFields: string[];
}

/** Field names the designer's validator refuses in `data`. */
function refusedByForm(form: ServedForm, data: Record<string, unknown>): string[] {
  const { errors } = formValidator.validateFormData(data, form.schema);
  return [...new Set(errors.map((error) => (error.property ?? '').replace(/^\./, '').split('.')[0] as string))].sort();
}

describe.each(kinds)('numbers: the designer form and the API agree (%s)', (kind) => {
  let server: TestServer;
  let api: TenantClient;
  let createForm: ServedForm;
  let editForm: ServedForm;

  beforeAll(async () => {
    server = await startTestServer(kind);
    api = server.tenant(await server.createTenant('numbers'));
    const applied = await api.apply({ objects: [measureDef] });
    expect(applied.status, applied.text.slice(0, 600)).toBe(200);
    createForm = (await api.get<ServedForm>('/api/v1/forms/measure?mode=create')).body;
    editForm = (await api.get<ServedForm>('/api/v1/forms/measure?mode=edit')).body;
  });
  afterAll(async () => server?.close());

  it('serves a form with one field per numeric type, scale and precision', () => {
    const numeric = Object.keys(createForm.schema.properties ?? {}).filter((name) => name !== 'owner_id');
    expect(numeric).toEqual([...FIELDS.map((field) => field.name), 'tripled']);
    expect(createForm.readOnlyFields).toEqual(['tripled']);
  });

  it('accepts the amounts of issue #15 in the form and stores them', async () => {
    const body = { currency_s2_p18: 1234567.89, number_s6_p18: 42.35663 };
    expect(refusedByForm(createForm, body)).toEqual([]);
    const created = await api.post(RECORDS, body);
    expect(created.status, created.text.slice(0, 600)).toBe(201);
    expect(created.body).toMatchObject({ ...body, tripled: 3703703.67 });
  });

  it.each([...BODIES.keys()])('%s: the form refuses the fields the API refuses; what is stored passes the edit form', async (label) => {
    const body = BODIES.get(label) as Record<string, number>;
    const byForm = refusedByForm(createForm, body);
    const before = await countRows(server, 't_numbers', 'measure');
    const response = await api.post(RECORDS, body);
    expect(response.status, response.text.slice(0, 600)).not.toBeGreaterThanOrEqual(500);
    const byServer =
      response.status === 201 ? [] : [...new Set((response.body as { errors: { path: string }[] }).errors.map((error) => error.path.slice(1)))].sort();
    expect(byForm, `form vs API for ${label}`).toEqual(byServer);
    for (const field of FIELDS) {
      const expected = decimalCases(field.precision, field.scale).find((testCase) => testCase.label === label)?.fits;
      if (expected !== undefined) expect(byServer.includes(field.name), `${field.name} = ${body[field.name]}`).toBe(!expected);
    }

    if (byServer.length > 0) {
      expectProblem(
        response,
        400,
        'TSR400',
        byServer.map((name) => ({ path: `/${name}`, code: 'TSR413' })),
      );
      expect((response.body as { errors: unknown[] }).errors).toHaveLength(byServer.length);
      expect(await countRows(server, 't_numbers', 'measure')).toBe(before);
    }
    // What the API accepts is stored, and comes back as a record the edit form accepts.
    const accepted = Object.fromEntries(Object.entries(body).filter(([name]) => !byServer.includes(name)));
    const created = response.status === 201 ? response : await api.post(RECORDS, accepted);
    expect(created.status, created.text.slice(0, 600)).toBe(201);
    const stored = (await api.get<Record<string, unknown>>(`${RECORDS}/${(created.body as { id: string }).id}`)).body;
    // As the designer loads a record into the form: empty fields are absent, not null.
    const formData = Object.fromEntries(Object.entries(stored).filter(([name, value]) => name in (editForm.schema.properties ?? {}) && value !== null));
    expect(Object.keys(formData)).toEqual(expect.arrayContaining(Object.keys(accepted).filter((name) => accepted[name] !== 0 || stored[name] !== null)));
    expect(refusedByForm(editForm, formData), `stored ${label}`).toEqual([]);
  });
});
