// Invalid inputs for the opportunity of tests/fixtures/crm-objects.ts: record bodies with at least
// one offending field (wrong types, unknown and `__proto__` keys, huge numbers, impossible dates,
// deep nesting, NUL and lone-surrogate strings), list query parameters that cannot be honoured, and
// metadata documents the validator must refuse. Each case says which paths the answer must name.
import { crmBundle } from '../fixtures/crm-objects.ts';
import fc from 'fast-check';

export interface InvalidBody {
  /** The raw JSON text sent (so `__proto__`, 1e400 and lone surrogates survive). */
  raw: string;
  /** Pointers the problem's errors must name (empty: only the 4xx is required, e.g. unparsable JSON). */
  paths: string[];
}

// [field, raw JSON value] pairs that no field accepts.
const BAD_VALUES: fc.Arbitrary<[string, string]> = fc.oneof(
  fc.constantFrom<[string, string]>(
    ['name', '5'],
    ['name', '["a"]'],
    ['name', JSON.stringify('x'.repeat(300))],
    ['amount', '"12.50"'],
    ['amount', '1e400'],
    ['amount', '1e308'],
    ['amount', '-1'],
    ['quantity', '9007199254740993'],
    ['quantity', '0.5'],
    ['probability', '100.5'],
    ['is_priority', '"yes"'],
    ['is_priority', '1'],
    ['close_date', '"2024-02-30"'],
    ['close_date', '"0000-01-01"'],
    ['close_date', '"2024-13-01"'],
    ['close_date', '"20240101"'],
    ['last_contact', '"0000-01-01T00:00:00.000Z"'],
    ['last_contact', '"2024-02-30T00:00:00.000Z"'],
    ['last_contact', '"2024-01-01T25:00:00Z"'],
    ['contact_email', '"not an email"'],
    ['stage', '"Won"'],
    ['stage', '{"apiName":"won"}'],
    ['tags', '"vip"'],
    ['tags', '["vip","vip"]'],
    ['tags', '[null]'],
    ['account', '"not-a-uuid"'],
    ['account', '"01900000-0000-7000-8000-00000000dead"'],
    ['code', JSON.stringify('x'.repeat(21))],
    ['description', '{"a":{"b":{"c":1}}}'],
    ['name', '"nul \\u0000 inside"'],
    ['name', '"lone \\ud800 surrogate"'],
    ['nope', '1'],
    ['__proto__', '{"amount":1}'],
    ['constructor', '{"prototype":{}}'],
    ['id', '"01900000-0000-7000-8000-000000000001"'],
  ),
  fc.integer({ min: 1, max: 6000 }).map((depth): [string, string] => ['description', '['.repeat(depth) + ']'.repeat(depth)]),
);

const LATE_CHECKED = new Set(['"01900000-0000-7000-8000-00000000dead"']);

export const invalidBody: fc.Arbitrary<InvalidBody> = fc
  .uniqueArray(BAD_VALUES, { minLength: 1, maxLength: 3, selector: ([field]) => field })
  .map((entries) => ({
    raw: `{${entries.some(([field]) => field === 'name') ? '' : '"name":"ok",'}${entries.map(([field, value]) => `${JSON.stringify(field)}:${value}`).join(',')}}`,
    // A missing lookup target is found by the database after validation passes, so it is named
    // only when the body has no other error.
    paths: entries.filter(([, value], _, all) => all.length === 1 || !LATE_CHECKED.has(value)).map(([field]) => `/${field}`),
  }));

export const unparsableBody: fc.Arbitrary<InvalidBody> = fc
  .constantFrom('{', '{"name":', 'null', '[]', '"text"', '{"name":"ok"}}', '\u0000', '{"name":"ok",}', '')
  .map((raw) => ({ raw, paths: [] }));

/** List query parameters with at least one that cannot be honoured. */
export const invalidListQuery: fc.Arbitrary<Record<string, string>> = fc.oneof(
  fc.record({
    filter: fc.oneof(
      fc.constantFrom(
        '{',
        '{"var":"nope"}',
        '{"map":[[1],{"var":""}]}',
        '{"==":[{"var":"name"}]}',
        '{"<":[{"var":"name"},5]}',
        '{"==":[{"var":"close_date"},"2024-02-30"]}',
      ),
      fc.constantFrom('{"==":[{"var":"close_date"},"0000-01-01"]}', '{"year":"0000-06-01"}', '{"__proto__":[1]}', '{"var":"__proto__"}'),
      // Deep enough for TSR103's depth limit, short enough for Node's 16 KB header limit (431 has no problem body).
      fc.integer({ min: 33, max: 400 }).map((depth) => '{"!":'.repeat(depth) + 'true' + '}'.repeat(depth)),
      // '' means no filter, which is valid.
      fc.string({ minLength: 1, maxLength: 20 }).filter((text) => {
        try {
          JSON.parse(text);
          return false;
        } catch {
          return true;
        }
      }),
    ),
  }),
  fc.record({ sort: fc.constantFrom('nope', '--amount', 'amount;drop', '-', '__proto__', 'name,nope') }),
  fc.record({ fields: fc.constantFrom('nope', 'name,nope', '__proto__', 'constructor') }),
  fc.record({ cursor: fc.oneof(fc.constantFrom('x', 'eyJ9', 'e30', 'AAAA'), fc.base64String({ minLength: 4, maxLength: 40 })) }),
  fc.record({ limit: fc.constantFrom('-1', '0', '201', 'abc', '1e3', '1.5', '99999999999999999999') }),
  fc.record({ deleted: fc.constantFrom('yes', 'ONLY', '') }),
  fc.record({ expand: fc.constantFrom('nope', 'name', 'account,nope') }),
);

type Document = typeof crmBundle;
// `schema`: refused by the JSON Schema phase, which answers before the semantic checks run.
type Mutation = { path: string; schema?: true; mutate: (document: any) => void };

// Each mutation breaks the fixture document at one place the validator must name.
const MUTATIONS: Mutation[] = [
  { path: '/objects/1/fields/3/type', schema: true, mutate: (d) => (d.objects[1].fields[3].type = 'money') },
  { path: '/objects/1/fields/1/apiName', schema: true, mutate: (d) => (d.objects[1].fields[1].apiName = 'Bad Name') },
  { path: '/objects/1/fields/4/precision', schema: true, mutate: (d) => (d.objects[1].fields[4].precision = -1) },
  { path: '/objects/1/fields/4/scale', mutate: (d) => (d.objects[1].fields[4].scale = 40) },
  { path: '/objects/1/fields/13/target', mutate: (d) => (d.objects[1].fields[13].target = 'nowhere') },
  { path: '/objects/1/fields/11/values', mutate: (d) => d.objects[1].fields[11].values.push({ apiName: 'won', labels: { en: 'again', zh: '重复' } }) },
  { path: '/objects/0/labels', schema: true, mutate: (d) => (d.objects[0].labels = 'Account') },
  {
    path: '/objects/0/fields',
    mutate: (d) => d.objects[0].fields.push({ apiName: 'f', type: 'formula', labels: { en: 'f' }, returns: 'number', expression: { var: 'nope' } }),
  },
  { path: '/objects/0/fields', mutate: (d) => d.objects[0].fields.push({ apiName: 'name', type: 'text', labels: { en: 'dup' } }) },
  { path: '/objects/0/fields/3/default', schema: true, mutate: (d) => (d.objects[0].fields[3].default = 'many') },
  { path: '/objects/1/fields/6/default', schema: true, mutate: (d) => (d.objects[1].fields[6].default = 'yes') },
  { path: '/objects/1/fields/7/default', mutate: (d) => (d.objects[1].fields[7].default = '2024-02-30') },
  { path: '/objects/1/indexes/0/fields', mutate: (d) => (d.objects[1].indexes[0].fields = ['nope']) },
];

export interface InvalidDocument {
  document: unknown;
  /** Path prefixes the problem's errors must name. */
  paths: string[];
}

export const invalidDocument: fc.Arbitrary<InvalidDocument> = fc
  .uniqueArray(fc.integer({ min: 0, max: MUTATIONS.length - 1 }), { minLength: 1, maxLength: 3 })
  .map((indexes) => {
    const document = structuredClone(crmBundle) as Document;
    for (const index of indexes) MUTATIONS[index]!.mutate(document);
    const mutations = indexes.map((index) => MUTATIONS[index]!);
    const schemaPhase = mutations.filter((mutation) => mutation.schema);
    return { document, paths: (schemaPhase.length ? schemaPhase : mutations).map((mutation) => mutation.path) };
  });
