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

/**
 * The import's scenario as issue #20 names it: "one duplicate rule, one roll-up on account". The
 * roll-up (account `pipeline_total`, the sum of its opportunities' amounts) is maintained by a
 * trigger, so COPY into the same table pays it too; the duplicate rule (opportunity
 * `same_external_id`, blocking) stores a 查重 key per record, which COPY does not. The rule is on
 * `ext` because the bench's generated names, accounts and e-mails repeat (a rule on them would
 * refuse the import's rows, all-or-nothing); its cost per record is any one-field rule's.
 * Applied live right before the import is measured.
 */
export function withImportRules(objects: BenchObject[]): BenchObject[] {
  return withExternalIds(objects).map((object) => {
    if (object.apiName === 'account') {
      const rollup: BenchField = {
        type: 'rollup',
        apiName: 'pipeline_total',
        labels: { en: 'Pipeline total', zh: '商机总额' },
        childObject: 'opportunity',
        childField: 'account',
        function: 'sum',
        aggregateField: 'amount',
      };
      return { ...object, fields: [...object.fields, rollup] };
    }
    if (object.apiName === 'opportunity') {
      const rule = { apiName: 'same_external_id', fields: [{ field: EXTERNAL_IDS.opportunity }], action: 'block' };
      return { ...object, duplicateRules: [...((object.duplicateRules as unknown[] | undefined) ?? []), rule] };
    }
    return object;
  });
}
