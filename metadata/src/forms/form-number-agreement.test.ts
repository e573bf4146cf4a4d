// Issue #15, defect 4: the generated form must accept exactly the numbers the server accepts.
// Cases come from the registries: every numeric field type × scales 0–8 × the precisions worth
// testing × decimalCases; the form's schema (as Tessera's ajv judges it) and the server's record
// validator must give the same verdict on each, and the decimal answer where the double carries it.
// The designer's own validator (RJSF) is checked on the same cases in tests/forms/number-agreement.test.ts.
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../ajv/create-ajv.ts';
import { DECIMAL_SCALES, decimalCases, NUMERIC_FIELD_TYPES, numericFieldCases } from '../ajv/decimal-cases.ts';
import { normalise } from '../normalise/normalise.ts';
import { compileRecordValidator } from '../records/compile-record-validator.ts';
import { FIELD_FIXTURES } from '../testing/fixtures.ts';
import { FIELD_TYPES, type FieldDef } from '../types.ts';
import { buildFormSchema } from './build-form-schema.ts';

/** Field types whose value the server computes; forms show them read-only. */
const COMPUTED_TYPES = FIELD_TYPES.filter((type) => type === 'formula' || type === 'rollup');
const numericFields = numericFieldCases();

function computedDefs(): FieldDef[] {
  return COMPUTED_TYPES.flatMap((type): FieldDef[] =>
    type === 'formula'
      ? NUMERIC_FIELD_TYPES.map((returns) => ({ ...FIELD_FIXTURES.formula, apiName: `formula_${returns}`, returns, scale: 8, expression: 1 }) as FieldDef)
      : [{ ...FIELD_FIXTURES.rollup, apiName: 'rollup_sum', function: 'sum', aggregateField: 'amount' } as FieldDef],
  );
}

const object = normalise({
  apiName: 'measure',
  labels: { en: 'Measure' },
  fields: [...numericFields.map((field) => field.def), ...computedDefs()],
});
const built = buildFormSchema(object, { mode: 'create' });
if (!built.ok) throw new Error(JSON.stringify(built.errors));
const form = built.value;
const formCheck = createAjv().compile(form.schema);
const serverCheck = compileRecordValidator(object, 'create');

const refusedFields = (paths: Iterable<string>) => [...new Set([...paths].map((path) => path.split('/')[1] as string))].sort();

describe('numbers: the generated form and the server agree', () => {
  it('covers every numeric field type of the registry, and the computed ones', () => {
    expect(NUMERIC_FIELD_TYPES).toEqual(expect.arrayContaining(['number', 'currency', 'percent']));
    expect(COMPUTED_TYPES).toEqual(['formula', 'rollup']);
    expect(numericFields.length).toBeGreaterThanOrEqual(NUMERIC_FIELD_TYPES.length * DECIMAL_SCALES.length * 5);
  });

  const values = new Map<string, number[]>();
  for (const field of numericFields) {
    for (const testCase of decimalCases(field.precision, field.scale)) values.set(testCase.label, [...(values.get(testCase.label) ?? []), testCase.value]);
  }

  it.each(DECIMAL_SCALES.flatMap((scale) => decimalCases(18, scale).map((testCase) => [scale, testCase.label] as const)))(
    'scale %i, %s: same fields refused by both, and the decimal verdict where the double carries it',
    (scale, label) => {
      for (const field of numericFields.filter((candidate) => candidate.scale === scale)) {
        const testCase = decimalCases(field.precision, field.scale).find((candidate) => candidate.label === label);
        if (!testCase) continue;
        const body = { [field.name]: testCase.value };
        formCheck(body);
        const byForm = refusedFields((formCheck.errors ?? []).map((error) => error.instancePath));
        const byServer = refusedFields(serverCheck(body).map((problem) => problem.path));
        expect(byForm, `${field.name} = ${testCase.value}`).toEqual(byServer);
        if (testCase.fits !== undefined) expect(byServer, `${field.name} = ${testCase.value}`).toEqual(testCase.fits ? [] : [field.name]);
      }
    },
  );

  it('accepts the amounts of issue #15 where the scale allows them', () => {
    const accepted = { currency_s2_p18: 1234567.89, number_s6_p18: 42.35663, percent_s8_p38: 42.35663, number_s2_p18: 0.1 + 0.2 };
    expect(formCheck(accepted)).toBe(true);
    expect(serverCheck(accepted)).toEqual([]);
    // ajv's own multipleOf, as a stock validator runs it, refuses them: the reason for the shared keyword.
    const stock = new Ajv2020({ allErrors: true, strict: false }).compile(form.schema);
    expect(stock(accepted)).toBe(false);
    expect(refusedFields((stock.errors ?? []).map((error) => error.instancePath))).toContain('currency_s2_p18');
  });

  it('shows computed numbers read-only, and never refuses a value the server computed', () => {
    const computed = form.readOnlyFields.filter((name) => name.startsWith('formula_') || name.startsWith('rollup_'));
    expect(computed.sort()).toEqual(['formula_currency', 'formula_number', 'formula_percent', 'rollup_sum']);
    for (const valuesOfLabel of values.values()) {
      for (const value of valuesOfLabel) {
        const record = Object.fromEntries(computed.map((name) => [name, value]));
        expect(formCheck(record), `${value}`).toBe(true);
      }
    }
  });
});
