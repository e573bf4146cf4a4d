// Every field of the generated specimen (one per field type, a formula per return type × shape, a
// roll-up per function with and without a filter) as each read surface renders it: create, get,
// list, projection, board cards and the generated form, each checked against the OpenAPI document.
import { FIELD_TYPES, FORMULA_RETURN_TYPES, ROLLUP_FUNCTIONS } from '@tessera/metadata';
import { testDriverKinds } from '@tessera/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { formValidator as designerValidator } from '../../../designer/src/forms/form-validator.ts';
import { FORMULA_SHAPES, ROLLUP_AGGREGATES } from './computed-fields.ts';
import { SPECIMEN } from './conformance-document.ts';
import type { ConformanceTenant } from './conformance-tenant.ts';
import type { Rec } from './expected-values.ts';
import { beyondFifteenSignificantDigits } from './json-number-precision.ts';
import { ids, ONE_SPECIMEN, SPECIMENS, surfaceSuite } from './surface-suite.ts';

const kinds = await testDriverKinds();

describe.each(kinds)('every field on every read surface on %s', (kind) => {
  const suite = surfaceSuite(kind);
  const { fields, linesOf, openApi, checkOpenApi, expectFieldValues, expectedRow } = suite;
  let tenant: ConformanceTenant;
  let listed: Rec[];
  let document: Rec;
  // The suite's members, bound once its setup ran, so the tests read as they did in one file.
  beforeAll(() => {
    ({ tenant, listed, document } = suite);
  });

  it('create renders every sample canonically (201), with roll-ups empty', () => {
    expect(tenant.rows.length).toBeGreaterThan(1);
    // The samples themselves travel exactly as JSON numbers; only computed results may go past 15 digits.
    const inexact = [...tenant.samples].flatMap(([name, samples]) =>
      samples.filter((sample) => beyondFifteenSignificantDigits(sample.output)).map((sample) => `${name}: ${sample.output}`),
    );
    expect(inexact, 'samples past 15 significant digits').toEqual([]);
    for (const [row, { created }] of tenant.rows.entries()) {
      expectFieldValues('create', created, expectedRow(row), []);
      openApi(SPECIMENS, 'post', '201', created);
    }
    const numbers = tenant.rows.map(({ created }) => created[fields().find((field) => field.type === 'autonumber')?.apiName ?? '']);
    expect(new Set(numbers).size, 'autonumbers are distinct').toBe(numbers.length);
  });

  it('get and list render every field as written, with computed fields recomputed', async () => {
    expect(ids(listed).sort()).toEqual(ids(tenant.rows.map((row) => row.created)).sort());
    for (const [row, { created }] of tenant.rows.entries()) {
      const fetched = await tenant.api.get(`${SPECIMENS}/${created.id}`);
      expect(fetched.status, fetched.text).toBe(200);
      expectFieldValues('get', fetched.body, expectedRow(row), linesOf(created.id));
      openApi(ONE_SPECIMEN, 'get', '200', fetched.body);
      const inList = listed.find((record) => record.id === created.id);
      expect(inList, `list has ${created.id}`).toEqual(fetched.body);
      expectFieldValues('list', inList as Rec, expectedRow(row), linesOf(created.id));
    }
    openApi(SPECIMENS, 'get', '200', { data: listed, nextCursor: null });
  });

  it('projects each field alone (with id), values unchanged and each property as the document describes it', async () => {
    const base = document.components.schemas as Rec;
    const schemaName = Object.keys(base).find((name) => base[name].title === 'Specimen' && base[name].required?.includes('deleted_at'));
    expect(schemaName, 'the document has the specimen record schema').toBeDefined();
    for (const field of fields()) {
      const page = await tenant.api.query(SPECIMENS, { fields: field.apiName, limit: 200 });
      expect(page.status, `fields=${field.apiName}: ${page.text.slice(0, 600)}`).toBe(200);
      for (const record of page.body.data as Rec[]) {
        expect(Object.keys(record).sort(), `fields=${field.apiName}`).toEqual(['id', field.apiName].sort());
        expect(record[field.apiName]).toEqual(listed.find((full) => full.id === record.id)?.[field.apiName]);
      }
      checkOpenApi(SPECIMENS, 'get', '200', {
        data: page.body.data.map((record: Rec) => ({ ...listed.find((full) => full.id === record.id), ...record })),
        nextCursor: page.body.nextCursor,
      });
      tenant.api.count('projection');
    }
  });

  it('board cards carry every field of their record', async () => {
    const board = await tenant.api.query(`/api/v1/objects/${SPECIMEN}/board`, { limit: 100 });
    expect(board.status, board.text.slice(0, 600)).toBe(200);
    openApi(`/api/v1/objects/${SPECIMEN}/board`, 'get', '200', board.body);
    const cards = (board.body.stages as Rec[]).flatMap((stage) => (stage.cards as Rec[]).map((card) => card.record as Rec));
    expect(ids(cards).sort()).toEqual(ids(listed).sort());
    for (const card of cards) {
      const plain = listed.find((full) => full.id === card.id) as Rec;
      for (const field of fields()) {
        expect(card[field.apiName], `board card ${field.apiName}`).toEqual(plain[field.apiName]);
        tenant.api.count('board');
      }
    }
  });

  it('every stored record validates against the form schema served at /forms/:object', async () => {
    const form = await tenant.api.get(`/api/v1/forms/${SPECIMEN}?mode=edit`);
    expect(form.status, form.text.slice(0, 600)).toBe(200);
    const properties = Object.keys(form.body.schema.properties);
    expect(properties).toEqual(expect.arrayContaining(fields().map((field) => field.apiName)));
    for (const record of listed) {
      // As the designer fills the form: empty fields (null) are absent.
      const formData = Object.fromEntries(properties.filter((name) => record[name] !== null && record[name] !== undefined).map((name) => [name, record[name]]));
      const { errors } = designerValidator.validateFormData(formData, form.body.schema);
      for (const field of fields()) {
        const mine = errors.filter((error) => error.property === `.${field.apiName}` || error.property?.startsWith(`.${field.apiName}.`));
        expect(
          mine.map((error) => error.stack),
          `form: ${field.apiName} = ${JSON.stringify(record[field.apiName])}`,
        ).toEqual([]);
        tenant.api.count('form');
      }
      expect(errors.map((error) => error.stack)).toEqual([]);
    }
  });

  it('ran at least the cases the registries imply on every read surface', () => {
    const records = listed.length;
    const count = fields().length;
    suite.expectCasesRan({
      create: records * count,
      get: records * count,
      list: records * count,
      projection: count,
      board: records * count,
      form: records * count,
      openapi: records * 2,
    });
    // The specimen has the field the registries imply: one per stored type, a formula per return
    // type × shape, a roll-up per function × aggregate field, with and without a filter; many-to-many
    // twice (managed, and through a junction object: conformance-document.ts).
    const stored = FIELD_TYPES.filter((type) => type !== 'formula' && type !== 'rollup').length + 1;
    const rollups = ROLLUP_FUNCTIONS.reduce((sum, fn) => sum + 2 * (ROLLUP_AGGREGATES[fn]?.length ?? 0), 0);
    expect(count).toBe(stored + FORMULA_RETURN_TYPES.length * FORMULA_SHAPES.length + rollups);
  });
});
