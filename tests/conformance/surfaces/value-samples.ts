// Field definition → the values the conformance suite writes, each with the rendering the API must
// answer (numbers as JSON numbers, instants as YYYY-MM-DDTHH:mm:ss.sssZ, …). One generator per
// stored field type, read from the field's own limits, so a fixture change moves the boundaries.
// A type in FIELD_TYPES without a generator here fails the suite (see missingGenerators).
import { FIELD_TYPES, type FieldType, type NormalisedField } from '@tessera/metadata';
import type { UploadedRef } from '../../support/sample-files.ts';
import { JSON_EXACT_DIGITS } from './json-number-precision.ts';

export interface Sample {
  /** What the request body carries. */
  input: unknown;
  /** What every read must render. */
  output: unknown;
}

export interface SampleContext {
  /** Ids of the lookup targets the suite created. */
  lookupIds: readonly string[];
  /** Ids of the active users the suite created (user fields name users, not records). */
  userIds: readonly string[];
  /** Per file or image field, uploads made for it (a file attaches to one record only: each sample takes its own). */
  files: ReadonlyMap<string, readonly FileRef[]>;
}

export type FileRef = UploadedRef;

/** Uploads a file or image field's samples take: one each (single), one and two (multiple). */
export const FILE_UPLOADS_PER_FIELD = 3;

/** Each sample its own uploads: written as ids, read back as `{id, name, size, contentType}`. */
function fileSamples(field: NormalisedField, context: SampleContext): Sample[] {
  const uploads = context.files.get(field.apiName) ?? [];
  if (uploads.length < FILE_UPLOADS_PER_FIELD)
    throw new Error(`${field.apiName}: the suite uploaded ${uploads.length} files, the samples need ${FILE_UPLOADS_PER_FIELD}`);
  const [a, b, c] = uploads as [FileRef, FileRef, FileRef];
  const multiple = 'multiple' in field && field.multiple === true;
  return orNull(
    field,
    multiple
      ? [
          { input: [a.id], output: [a] },
          // Written as a reference a read returned, in the order written.
          { input: [{ id: c.id }, b.id], output: [c, b] },
        ]
      : [
          { input: a.id, output: a },
          { input: { id: b.id }, output: b },
          { input: c, output: c },
        ],
  );
}

/**
 * How the suite handles one field type: `samples` for the types a body may write (none for
 * generated or computed values), `computed` when the API refuses writes with TSR409.
 */
export interface TypeSamples {
  samples(field: NormalisedField, context: SampleContext): Sample[];
  computed: boolean;
}

const same = (...values: unknown[]): Sample[] => values.map((value) => ({ input: value, output: value }));
/** Fits a text sample into the field's length limits (boundary samples are built separately). */
const texts = (field: NormalisedField, values: string[]): Sample[] => {
  const max = 'maxLength' in field && typeof field.maxLength === 'number' ? field.maxLength : 255;
  const min = 'minLength' in field && typeof field.minLength === 'number' ? field.minLength : 0;
  const fitting = values.filter((value) => [...value].length <= max && value.length >= min);
  return same(...fitting, 'x'.repeat(max), ...(min > 0 ? ['m'.repeat(min)] : []), ...(field.required ? [] : [null]));
};

/** Rich text in → the sanitised HTML every read renders (script, handlers and javascript: links gone). */
const RICH_TEXTS: Sample[] = [
  { input: '<p>Hello <strong>world</strong> <em>中文</em></p>', output: '<p>Hello <strong>world</strong> <em>中文</em></p>' },
  { input: '<p onclick="steal()">Hi<script>alert(1)</script></p>', output: '<p>Hi</p>' },
  { input: '<a href="javascript:alert(1)">x</a>', output: '<a target="_blank" rel="noopener noreferrer">x</a>' },
  { input: '<a href="https://example.com/路径">链接</a>', output: '<a href="https://example.com/路径" target="_blank" rel="noopener noreferrer">链接</a>' },
  { input: 'R&D <b>&lt;team&gt;</b><img src=x onerror=alert(1)>', output: 'R&amp;D <b>&lt;team&gt;</b>' },
  { input: '<ul><li>一</li><li>二</li></ul><h2 style="color:red">T</h2>', output: '<ul><li>一</li><li>二</li></ul><h2>T</h2>' },
];

const TEXTS = ['Zebra', 'alpha', '中文名称 华为', '😀 emoji 🚀', '！全角标点，。', 'O\'Brien "quoted" «x»', 'tab\there'];

function numericSamples(field: NormalisedField): Sample[] {
  const precision = 'precision' in field && typeof field.precision === 'number' ? field.precision : 18;
  const scale = 'scale' in field && typeof field.scale === 'number' ? field.scale : 0;
  // JSON numbers carry 15 significant digits exactly: the largest sample stays inside both limits,
  // so every sample round-trips (a numeric(18, 2) field holds more than the API carries exactly).
  const digits = Math.min(precision, JSON_EXACT_DIGITS);
  const largest = Number((10 ** (digits - scale) - 10 ** -scale).toFixed(scale));
  const min = 'min' in field && typeof field.min === 'number' ? field.min : -largest;
  const max = 'max' in field && typeof field.max === 'number' ? Math.min(field.max, largest) : largest;
  const step = 10 ** -scale;
  const values = [min, max, Number((min + step).toFixed(scale)), Number(((min + max) / 2).toFixed(scale)), 1234567.89, -1, 0];
  const inRange = [...new Set(values.filter((value) => value >= min && value <= max && Number(value.toFixed(scale)) === value))];
  const samples = same(...inRange, ...(field.required ? [] : [null]));
  // 1.50 and 1.5 are one number: the rendering drops what JSON cannot tell apart anyway.
  if (scale > 0 && 1.5 >= min && 1.5 <= max) samples.push({ input: 1.5, output: 1.5 });
  return samples;
}

const orNull = (field: NormalisedField, samples: Sample[]): Sample[] => (field.required ? samples : [...samples, { input: null, output: null }]);

export const TYPE_SAMPLES: Partial<Record<FieldType, TypeSamples>> = {
  text: { computed: false, samples: (field) => texts(field, TEXTS) },
  textarea: { computed: false, samples: (field) => texts(field, [...TEXTS, 'line one\nline two\n第三行']) },
  number: { computed: false, samples: numericSamples },
  currency: { computed: false, samples: numericSamples },
  percent: { computed: false, samples: numericSamples },
  boolean: { computed: false, samples: (field) => orNull(field, same(true, false)) },
  date: { computed: false, samples: (field) => orNull(field, same('2026-03-31', '2024-02-29', '1970-01-01', '0001-01-01', '9999-12-31')) },
  datetime: {
    computed: false,
    samples: (field) =>
      orNull(field, [
        { input: '2026-03-31T23:59:59.5+08:00', output: '2026-03-31T15:59:59.500Z' },
        { input: '1970-01-01T00:00:00Z', output: '1970-01-01T00:00:00.000Z' },
        { input: '2024-02-29T12:00:00.123Z', output: '2024-02-29T12:00:00.123Z' },
        { input: '2099-12-31T23:59:59.999-05:00', output: '2100-01-01T04:59:59.999Z' },
      ]),
  },
  email: { computed: false, samples: (field) => orNull(field, same('li.lei@example.cn', 'x+tag@sub.example.org', 'A.B@EXAMPLE.COM')) },
  phone: { computed: false, samples: (field) => orNull(field, same('+86 (10) 1234-5678', '010-12345678', '+1 555 0100')) },
  url: {
    computed: false,
    samples: (field) => orNull(field, same('https://example.com', 'http://localhost:8080/a?b=c#d', 'https://example.cn/%E8%B7%AF%E5%BE%84?q=%E4%B8%AD')),
  },
  picklist: {
    computed: false,
    samples: (field) =>
      orNull(field, same(...(field.type === 'picklist' ? field.values.filter((value) => !value.inactive).map((value) => value.apiName) : []))),
  },
  multipicklist: {
    computed: false,
    samples: (field) => {
      const active = field.type === 'multipicklist' ? field.values.filter((value) => !value.inactive).map((value) => value.apiName) : [];
      const max = field.type === 'multipicklist' ? (field.maxSelected ?? active.length) : 0;
      return orNull(field, same([], ...active.map((value) => [value]), active.slice(0, max), active.slice(0, max).reverse()));
    },
  },
  lookup: { computed: false, samples: (field, context) => orNull(field, same(...context.lookupIds)) },
  polylookup: {
    computed: false,
    samples: (field, context) => {
      const object = field.type === 'polylookup' ? (field.targets[0] as string) : '';
      return orNull(field, same(...context.lookupIds.map((id) => ({ object, id }))));
    },
  },
  // The linked ids in link order; no link reads as null, like an empty multi-select.
  manytomany: {
    computed: false,
    samples: (field, context) => {
      const [first, second] = context.lookupIds;
      // Ids linked by one write come back in id order (link-sql.ts: by link time, then id).
      const ordered = [first, second].sort() as string[];
      return orNull(field, [
        ...same([first]),
        { input: [first, second], output: ordered },
        { input: [second, first], output: ordered },
        { input: [], output: null },
      ]);
    },
  },
  // Generated by the server: written by nobody, checked against its format.
  autonumber: { computed: true, samples: () => [] },
  formula: { computed: true, samples: () => [] },
  rollup: { computed: true, samples: () => [] },
  user: { computed: false, samples: (field, context) => orNull(field, same(...context.userIds)) },
  // Stored as sanitised HTML: what the API answers is what the sanitiser keeps, never what was sent.
  richtext: { computed: false, samples: (field) => [...texts(field, ['Zebra', '中文名称 华为']), ...RICH_TEXTS] },
  // HH:MM is accepted and printed with its seconds; the day's first and last seconds are the bounds.
  time: {
    computed: false,
    samples: (field) =>
      orNull(field, [
        { input: '09:30', output: '09:30:00' },
        { input: '00:00:00', output: '00:00:00' },
        { input: '23:59:59', output: '23:59:59' },
        { input: '12:05:09', output: '12:05:09' },
      ]),
  },
  file: { computed: false, samples: fileSamples },
  image: { computed: false, samples: fileSamples },
  // Both ranges' bounds, the antimeridian, the origin and a point with many digits (doubles round-trip exactly).
  geolocation: {
    computed: false,
    samples: (field) =>
      orNull(
        field,
        same(
          { latitude: 31.2304, longitude: 121.4737 },
          { latitude: 90, longitude: 180 },
          { latitude: -90, longitude: -180 },
          { latitude: 0, longitude: 0 },
          { latitude: -33.868820123456, longitude: 151.209295987654 },
        ),
      ),
  },
};

/** Field types of the registry the suite cannot generate values for: each must get an entry here. */
export function missingGenerators(): string[] {
  return FIELD_TYPES.filter((type) => TYPE_SAMPLES[type] === undefined).map(
    (type) => `field type '${type}' has no value generator: add TYPE_SAMPLES.${type} in tests/conformance/surfaces/value-samples.ts`,
  );
}

export function typeSamples(type: FieldType): TypeSamples {
  const samples = TYPE_SAMPLES[type];
  if (!samples) throw new Error(missingGenerators().join('\n'));
  return samples;
}
