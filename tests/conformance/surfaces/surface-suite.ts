// The shared setup of the surface suites (surface-*.test.ts): one conformance tenant per driver and
// file, the specimens as listed after every line was written (the oracle for reads), the exact
// decimals the API sent for them, the OpenAPI document, and the checks every surface uses: each
// field of a record equals what the suite wrote or computes, a response validates against the
// document, and the file ran at least the cases the registries imply for its surfaces.
import type { NormalisedField } from '@tessera/metadata';
import type { DatabaseKind } from '@tessera/runtime';
import { afterAll, beforeAll, expect } from 'vitest';
import { responseChecker } from '../../support/openapi-responses.ts';
import { PATH_TARGET_FIELDS } from './computed-fields.ts';
import { LINE_PARENT, SPECIMEN } from './conformance-document.ts';
import { type ConformanceTenant, NOW, recordsPath, sampleAt, startConformanceTenant } from './conformance-tenant.ts';
import { autonumberPattern, expectedComputed, type Rec } from './expected-values.ts';
import { sentDecimals } from './json-number-precision.ts';
import { orderOf } from './value-order.ts';
import { typeSamples } from './value-samples.ts';

export const SPECIMENS = recordsPath(SPECIMEN);
export const ONE_SPECIMEN = `${SPECIMENS}/{id}`;
export const ids = (records: Rec[]) => records.map((record) => record.id as string);
export const computed = (field: NormalisedField) => typeSamples(field.type).computed;
/** Values computed on read, which change without a write to their record. */
export const formulaOrRollup = (field: NormalisedField) => field.type === 'formula' || field.type === 'rollup';
/** File and image fields: a file attaches to one record, so the patch surface writes fresh uploads. */
export const isFile = (field: NormalisedField) => field.type === 'file' || field.type === 'image';

export interface SurfaceSuite {
  readonly tenant: ConformanceTenant;
  readonly document: Rec;
  /** The specimens as listed after every line was written: the oracle for reads. */
  readonly listed: Rec[];
  /** Per record id, the number literals the API sent for its numeric fields. */
  readonly decimalsSent: Map<string, Map<string, string>>;
  fields(): NormalisedField[];
  linesOf(id: string): Rec[];
  /** Validates a response against the document's schema for its operation, uncounted. */
  checkOpenApi: ReturnType<typeof responseChecker>;
  /** Counts one OpenAPI case: this response validates against the document's schema for its operation. */
  openApi(path: string, method: 'get' | 'post' | 'patch', status: string, body: unknown): void;
  /** Each field of a record as the API returned it equals what the suite wrote or computes; every mismatch is listed at once. */
  expectFieldValues(surface: string, record: Rec, expected: Rec | undefined, children: Rec[]): void;
  /** The values specimen row `row` was created with. */
  expectedRow(row: number): Rec;
  /** This file ran at least `minimum` cases per surface. */
  expectCasesRan(minimum: Record<string, number>): void;
}

/** Registers the tenant's setup and teardown in the calling describe block; read the suite's members inside tests. */
export function surfaceSuite(kind: DatabaseKind): SurfaceSuite {
  const decimalsSent = new Map<string, Map<string, string>>();
  const state: { tenant?: ConformanceTenant; document?: Rec; listed?: Rec[]; checkOpenApi?: ReturnType<typeof responseChecker> } = {};
  const tenant = () => state.tenant as ConformanceTenant;
  const fields = () => tenant().specimen.fields;
  const linesOf = (id: string) => tenant().lines.filter((line) => line[LINE_PARENT] === id);

  /**
   * The record as the evaluator reads lookup paths: with the parent's values under their path keys
   * (`account.n`), as `fields=account.n` renders them; an empty lookup reads null.
   */
  const joined = (record: Rec): Rec => {
    const view = { ...record };
    for (const field of fields()) {
      if (field.type !== 'lookup') continue;
      const parent = tenant().accounts.find((account) => account.id === record[field.apiName]);
      for (const { field: target } of PATH_TARGET_FIELDS) view[`${field.apiName}.${target.apiName}`] = parent?.[target.apiName] ?? null;
    }
    return view;
  };

  const suite: SurfaceSuite = {
    get tenant() {
      return tenant();
    },
    get document() {
      return state.document as Rec;
    },
    get listed() {
      return state.listed as Rec[];
    },
    decimalsSent,
    fields,
    linesOf,
    checkOpenApi: (...args) => (state.checkOpenApi as ReturnType<typeof responseChecker>)(...args),
    openApi(path, method, status, body) {
      // The checker's type names get and post; it reads any operation of the path item.
      suite.checkOpenApi(path, method as 'post', status, body);
      tenant().api.count('openapi');
    },
    expectFieldValues(surface, record, expected, children) {
      const mismatches: string[] = [];
      for (const field of fields()) {
        const actual = record[field.apiName];
        if (field.type === 'autonumber') {
          if (!autonumberPattern(field.format).test(String(actual)))
            mismatches.push(`${field.apiName} (autonumber): ${JSON.stringify(actual)} does not match ${field.format}`);
        } else {
          const want = computed(field) ? expectedComputed(field, joined(record), children, NOW, orderOf(field)) : expected?.[field.apiName];
          if (JSON.stringify(actual) !== JSON.stringify(want))
            mismatches.push(`${field.apiName} (${field.type}): got ${JSON.stringify(actual)?.slice(0, 80)}, expected ${JSON.stringify(want)?.slice(0, 80)}`);
        }
        tenant().api.count(surface);
      }
      expect(mismatches, `${surface} of ${record.id}`).toEqual([]);
    },
    expectedRow: (row) =>
      Object.fromEntries(
        fields()
          .filter((field) => tenant().samples.has(field.apiName))
          .map((field) => [field.apiName, sampleAt(field, tenant().samples.get(field.apiName) ?? [], row).output]),
      ),
    expectCasesRan(minimum) {
      for (const [surface, least] of Object.entries(minimum)) {
        expect(tenant().api.counts.get(surface) ?? 0, `${surface} cases`).toBeGreaterThanOrEqual(least);
      }
    },
  };

  beforeAll(async () => {
    state.tenant = await startConformanceTenant(kind);
    state.document = (await tenant().api.get('/api/v1/openapi.json')).body;
    state.checkOpenApi = responseChecker(suite.document);
    const page = await tenant().api.query(SPECIMENS, { limit: 200 });
    expect(page.status, page.text).toBe(200);
    const listed = page.body.data as Rec[];
    state.listed = listed;
    // The exact decimals the API sent, read from each record's response text (JSON.parse keeps doubles).
    const numericNames = fields()
      .filter((field) => listed.some((record) => typeof record[field.apiName] === 'number'))
      .map((field) => field.apiName);
    for (const record of listed) {
      const sent = sentDecimals((await tenant().api.get(`${SPECIMENS}/${record.id}`)).text, numericNames);
      const numbers = numericNames.filter((name) => typeof record[name] === 'number');
      expect(Object.fromEntries(numbers.map((name) => [name, Number(sent.get(name))]))).toEqual(
        Object.fromEntries(numbers.map((name) => [name, record[name]])),
      );
      decimalsSent.set(record.id, sent);
    }
  }, 120_000);

  afterAll(async () => {
    if (state.tenant) {
      const counts = [...state.tenant.api.counts].map(([surface, count]) => `${surface} ${count}`).join(', ');
      console.log(`surfaces on ${kind}: ${counts}`);
    }
    await state.tenant?.server.close();
  });

  return suite;
}
