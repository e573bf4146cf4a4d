// The registries → one metadata document: `specimen` carries the fixture field of every stored
// field type (FIELD_FIXTURES), the generated formulas and roll-ups, and a pipeline on its picklist;
// `cf_account` is its lookup's target (with the fields its path formulas read) and `specimen_line` the child its roll-ups summarise.
import { FIELD_FIXTURES } from '../../../metadata/src/testing/fixtures.ts';
import { FIELD_TYPES, type FieldDef, type FieldType } from '@tessera/metadata';
import { formulaFields, type InputNames, LINE_FORMULA, PATH_TARGET_FIELDS, rollupFields } from './computed-fields.ts';

export const SPECIMEN = 'specimen';
export const ACCOUNT = 'cf_account';
export const LINE = 'specimen_line';
/** The child's lookup to the specimen. */
export const LINE_PARENT = 'specimen';
export const PIPELINE = 'flow';
/** The junction object of the specimen's second many-to-many field (links as records of their own). */
export const JUNCTION = 'specimen_partner';

const COMPUTED: ReadonlySet<FieldType> = new Set(['formula', 'rollup']);

/** The fixture field of each stored type, the lookup pointed at cf_account; many-to-many twice: managed and through JUNCTION. */
export function storedFields(): FieldDef[] {
  return FIELD_TYPES.filter((type) => !COMPUTED.has(type)).flatMap((type): FieldDef[] => {
    const fixture = structuredClone(FIELD_FIXTURES[type]);
    if (!fixture) throw new Error(`field type '${type}' has no fixture: add FIELD_FIXTURES.${type} in metadata/src/testing/fixtures.ts`);
    if (fixture.type === 'polylookup') return [{ ...fixture, targets: [ACCOUNT] }];
    if (fixture.type === 'manytomany') {
      const managed = { ...fixture, target: ACCOUNT };
      return [managed, { ...managed, apiName: `${fixture.apiName}_roles`, labels: { en: 'Partner roles', zh: '合作伙伴角色' }, junction: JUNCTION }];
    }
    return [fixture.type === 'lookup' ? { ...fixture, target: ACCOUNT } : fixture];
  });
}

function fieldName(fields: FieldDef[], type: FieldType): string {
  const field = fields.find((candidate) => candidate.type === type);
  if (!field) throw new Error(`the formulas read a '${type}' field and the fixtures have none`);
  return field.apiName;
}

export function inputNames(fields: FieldDef[]): InputNames {
  return {
    number: fieldName(fields, 'number'),
    currency: fieldName(fields, 'currency'),
    percent: fieldName(fields, 'percent'),
    text: fieldName(fields, 'text'),
    picklist: fieldName(fields, 'picklist'),
    boolean: fieldName(fields, 'boolean'),
    date: fieldName(fields, 'date'),
    datetime: fieldName(fields, 'datetime'),
    lookup: fieldName(fields, 'lookup'),
  };
}

export function conformanceDocument() {
  const stored = storedFields();
  const names = inputNames(stored);
  const stage = stored.find((field) => field.type === 'picklist');
  const stages = stage?.type === 'picklist' ? stage.values.filter((value) => !value.inactive).map((value) => ({ value: value.apiName })) : [];
  return {
    objects: [
      {
        apiName: ACCOUNT,
        labels: { en: 'Account', zh: '客户' },
        fields: [{ type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' }, required: true }, ...PATH_TARGET_FIELDS.map(({ field }) => field)],
      },
      {
        apiName: SPECIMEN,
        labels: { en: 'Specimen', zh: '样本' },
        fields: [...stored, ...formulaFields(names), ...rollupFields(LINE, LINE_PARENT)],
        pipelines: [{ apiName: PIPELINE, labels: { en: 'Flow', zh: '流程' }, stageField: names.picklist, amountField: names.currency, stages }],
      },
      {
        apiName: JUNCTION,
        labels: { en: 'Specimen partner', zh: '样本合作伙伴' },
        fields: [
          { type: 'lookup', apiName: 'specimen', labels: { en: 'Specimen' }, target: SPECIMEN, required: true, onDelete: 'cascade' },
          { type: 'lookup', apiName: 'partner', labels: { en: 'Partner' }, target: ACCOUNT, required: true, onDelete: 'cascade' },
          { type: 'text', apiName: 'role', labels: { en: 'Role', zh: '角色' }, default: 'member' },
        ],
      },
      {
        apiName: LINE,
        labels: { en: 'Line', zh: '明细' },
        fields: [
          { type: 'text', apiName: 'name', labels: { en: 'Name' } },
          { type: 'lookup', apiName: LINE_PARENT, labels: { en: 'Specimen' }, target: SPECIMEN, onDelete: 'cascade' },
          { type: 'currency', apiName: 'amount', labels: { en: 'Amount' } },
          { type: 'date', apiName: 'due', labels: { en: 'Due' } },
          { type: 'formula', apiName: LINE_FORMULA, labels: { en: 'Weighted', zh: '加权' }, returns: 'currency', expression: { '*': [{ var: 'amount' }, 2] } },
          {
            type: 'picklist',
            apiName: 'kind',
            labels: { en: 'Kind' },
            values: [
              { apiName: 'a', labels: { en: 'A' } },
              { apiName: 'b', labels: { en: 'B' } },
            ],
          },
        ],
      },
    ],
  };
}
