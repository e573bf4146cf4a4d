// Reads the bench's object definitions (bench/metadata/*.json): what the bench applies through
// the metadata API, and what the add-field test extends by one nullable field.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The slice of the metamodel (metadata/src/types.ts) the bench reads; the runtime validates the rest. */
export interface BenchField {
  type: string;
  apiName: string;
  labels: { en?: string; zh?: string };
  required?: boolean;
  maxLength?: number;
  precision?: number;
  scale?: number;
  default?: unknown;
  target?: string;
  values?: { apiName: string; default?: boolean }[];
  [key: string]: unknown;
}

export interface BenchObject {
  apiName: string;
  fields: BenchField[];
  indexes?: { fields: string[]; unique?: boolean }[];
  [key: string]: unknown;
}

const METADATA_DIR = fileURLToPath(new URL('../../metadata/', import.meta.url));

export function loadBenchObjects(): BenchObject[] {
  // Order matters: opportunity looks up account.
  return ['account', 'opportunity'].map((name) => JSON.parse(readFileSync(`${METADATA_DIR}${name}.json`, 'utf8')) as BenchObject);
}

/** The same model plus nullable text fields on opportunity: `add_column` actions and nothing else. */
export function withExtraFields(objects: BenchObject[], apiNames: string[]): BenchObject[] {
  return objects.map((object) =>
    object.apiName !== 'opportunity'
      ? object
      : {
          ...object,
          fields: [
            ...object.fields,
            ...apiNames.map((apiName) => ({ type: 'text', apiName, labels: { en: `Bench ${apiName}`, zh: '压测备注' }, maxLength: 255 })),
          ],
        },
  );
}

/** The external id fields the data-in-and-out part adds (src/data/): account `code`, opportunity `ext`. */
export const EXTERNAL_IDS = { account: 'code', opportunity: 'ext' } as const;

/**
 * The same model plus one text external id per object (`externalId: true`: unique among live
 * records, the key of bulk upsert and of import lookups). Applied live before the data part only,
 * so the CRUD comparison's records (and the baselines' parity) keep the 15 fields.
 */
export function withExternalIds(objects: BenchObject[]): BenchObject[] {
  return objects.map((object) => {
    const apiName = EXTERNAL_IDS[object.apiName as keyof typeof EXTERNAL_IDS];
    if (!apiName) return object;
    const field: BenchField = { type: 'text', apiName, labels: { en: 'External id', zh: '外部编号' }, maxLength: 40, externalId: true };
    return { ...object, fields: [...object.fields, field] };
  });
}

/** The model without its pipelines (the plain CRUD comparison). */
export function withoutPipelines(objects: BenchObject[]): BenchObject[] {
  return objects.map(({ pipelines: _pipelines, ...object }) => object as BenchObject);
}
