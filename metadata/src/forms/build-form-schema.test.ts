import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../ajv/create-ajv.ts';
import { normalise } from '../normalise/normalise.ts';
import { registerTesseraOperators } from '../rules/operators.ts';
import { dealDef } from '../testing/layout-fixtures.ts';
import { buildFormSchema } from './build-form-schema.ts';
import type { FormDefinition, FormOptions } from './form-types.ts';
import { failedValidationRules, formRecord, formSubmission, hiddenFields, withoutHidden } from './form-runtime.ts';

registerTesseraOperators(jsonLogic);
const deal = normalise(dealDef());
type Props = Record<string, Record<string, unknown>>;

function build(options: FormOptions, object = deal): FormDefinition {
  const result = buildFormSchema(object, options);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

describe('buildFormSchema', () => {
  it('orders and groups fields by the record type layout, in the asked language', () => {
    const form = build({ mode: 'create', recordType: 'commercial', language: 'zh' });
    expect(form).toMatchObject({ object: 'deal', recordType: 'commercial', layout: 'standard', language: 'zh' });
    expect(form.uiSchema['ui:order']).toEqual(['name', 'stage', 'amount', 'loss_reason', 'number']);
    expect(form.sections).toEqual([
      { title: '基本信息', columns: 2, fields: ['name', 'stage', 'amount'] },
      { title: '结果', columns: 1, fields: ['loss_reason', 'number'] },
    ]);
    expect(form.uiSchema['ui:options']).toEqual({ sections: form.sections });
    const properties = form.schema.properties as Props;
    expect(properties.name?.title).toBe('名称');
    expect(form.uiSchema.amount).toEqual({ 'ui:help': '税前金额' });
    expect(form.schema.title).toBe('交易');
  });

  it('offers only the record type picklist values, with labels, in the field order', () => {
    const commercial = build({ mode: 'create', recordType: 'commercial' }).schema.properties as Props;
    expect(commercial.stage).toMatchObject({
      type: 'string',
      default: 'new',
      oneOf: [
        { const: 'new', title: 'New' },
        { const: 'quote', title: 'Quote' },
        { const: 'won', title: 'Won' },
      ],
    });
    expect(commercial.stage).not.toHaveProperty('enum');
    const government = build({ mode: 'create', language: 'zh' });
    expect(government.recordType).toBe('government');
    expect((((government.schema.properties as Props).stage?.oneOf ?? []) as { title: string }[]).map((option) => option.title)).toEqual([
      '新建',
      '招标',
      '赢单',
    ]);
  });

  it('marks required fields from the field and the layout, and read-only ones from types, layout and permissions', () => {
    const form = build({ mode: 'create', recordType: 'commercial' });
    expect(form.schema.required).toEqual(['name', 'stage', 'amount']);
    expect(form.readOnlyFields).toEqual(['number']);
    expect(form.uiSchema.number).toEqual({ 'ui:readonly': true });
    expect((form.schema.properties as Props).number).toMatchObject({ type: 'string', readOnly: true });

    const government = build({ mode: 'edit', editable: new Set(['stage', 'account', 'tags']) });
    expect(government.readOnlyFields).toEqual(['name', 'tags']);
    expect(government.schema.required).toEqual(['stage']);
    expect(government.uiSchema.account).toEqual({ 'ui:widget': 'lookup', 'ui:options': { target: 'deal' } });
    expect(government.uiSchema.tags).toEqual({ 'ui:widget': 'checkboxes', 'ui:readonly': true });
  });

  it('puts no defaults in edit mode and every field in one section without a layout', () => {
    const { layouts: _layouts, recordTypes: _recordTypes, ...plain } = dealDef();
    const form = build({ mode: 'edit' }, normalise(plain));
    expect(form).toMatchObject({ recordType: null, layout: null });
    expect(form.sections).toEqual([{ columns: 1, fields: ['name', 'stage', 'amount', 'loss_reason', 'account', 'tags', 'number'] }]);
    expect((form.schema.properties as Props).stage).not.toHaveProperty('default');
    expect(((form.schema.properties as Props).stage?.oneOf ?? []) as unknown[]).toHaveLength(4);
  });

  it('gives a picklist without a default value no default, and no empty option to pick for the user', () => {
    const def = dealDef();
    def.fields.push(
      { type: 'picklist', apiName: 'industry', labels: { en: 'Industry', zh: '行业' }, values: [{ apiName: 'telecom', labels: { zh: '通信' } }] },
      { type: 'picklist', apiName: 'priority', labels: { en: 'Priority' }, required: true, values: [{ apiName: 'high', labels: { en: 'High' } }] },
    );
    def.layouts?.[0]?.sections[0]?.fields.push({ field: 'industry' }, { field: 'priority' });
    const form = build({ mode: 'create', recordType: 'commercial', language: 'zh' }, normalise(def));
    const properties = form.schema.properties as Props;
    expect(properties.industry).toEqual({ title: '行业', type: 'string', oneOf: [{ const: 'telecom', title: '通信' }] });
    expect(properties.priority).toEqual({ title: 'Priority', type: 'string', oneOf: [{ const: 'high', title: 'High' }] });
    expect(form.schema.required).toContain('priority');
    expect(form.schema.required).not.toContain('industry');
    // Untouched, neither is sent: the server stores null, or refuses a missing required value.
    expect(formSubmission(form, { name: 'A', stage: 'new' }, new Set())).toEqual({ name: 'A', stage: 'new', record_type: 'commercial' });
  });

  it('shows formulas read-only, typed by what they return, and never sends them', () => {
    const def = dealDef();
    def.fields.push({ type: 'formula', apiName: 'net', labels: { en: 'Net', zh: '净额' }, returns: 'currency', expression: { '*': [{ var: 'amount' }, 0.9] } });
    def.layouts?.[0]?.sections[0]?.fields.push({ field: 'net' });
    const form = build({ mode: 'create', recordType: 'commercial', language: 'zh' }, normalise(def));
    expect((form.schema.properties as Props).net).toMatchObject({ title: '净额', type: 'number', readOnly: true });
    expect(form.uiSchema.net).toEqual({ 'ui:readonly': true });
    expect(form.readOnlyFields).toContain('net');
    expect(formSubmission(form, { name: 'A', stage: 'new', net: 1 }, new Set())).not.toHaveProperty('net');
  });

  it('renders a polylookup with the "polylookup" field over its targets, valued {object, id}', () => {
    const def = dealDef();
    def.fields.push({ type: 'polylookup', apiName: 'related_to', labels: { en: 'Related to', zh: '相关对象' }, targets: ['account', 'contact'] });
    def.layouts?.[0]?.sections[0]?.fields.push({ field: 'related_to' });
    const form = build({ mode: 'create', recordType: 'commercial', language: 'zh' }, normalise(def));
    expect(form.uiSchema.related_to).toEqual({ 'ui:field': 'polylookup', 'ui:options': { targets: ['account', 'contact'] } });
    expect((form.schema.properties as Props).related_to).toMatchObject({ title: '相关对象', type: 'object', required: ['object', 'id'] });
    const id = '00000000-0000-4000-8000-000000000001';
    const sent = formSubmission(form, { name: 'A', stage: 'new', related_to: { object: 'contact', id } }, new Set());
    expect(sent.related_to).toEqual({ object: 'contact', id });
    const validate = createAjv().compile(form.schema);
    expect(validate({ name: 'A', stage: 'new', related_to: { object: 'lead', id } })).toBe(false);
  });

  it('refuses unknown record types and layouts', () => {
    expect(buildFormSchema(deal, { mode: 'create', recordType: 'retail' })).toMatchObject({ ok: false, errors: [{ path: 'recordType', code: 'TSR414' }] });
    expect(buildFormSchema(deal, { mode: 'create', layout: 'wide' })).toMatchObject({ ok: false, errors: [{ path: 'layout', code: 'TSR102' }] });
  });

  it('compiles in ajv and checks what the server checks', () => {
    const form = build({ mode: 'create', recordType: 'commercial' });
    const validate = createAjv().compile(form.schema);
    expect(validate({ name: 'A', stage: 'quote', amount: 10 })).toBe(true);
    expect(validate({ name: ' ', stage: 'tender', amount: -1 })).toBe(false);
    expect([...new Set(validate.errors?.map((error) => error.instancePath))].sort()).toEqual(['/amount', '/name', '/stage']);
  });
});

describe('form runtime', () => {
  const form = build({ mode: 'create', recordType: 'commercial' });

  it('hides a field while its visibility rule is falsy and takes it out of the schema', () => {
    const record = formRecord(form, { name: 'A', stage: 'new' });
    expect(record).toMatchObject({ name: 'A', stage: 'new', amount: null, record_type: 'commercial' });
    const hidden = hiddenFields(form, record, jsonLogic);
    expect([...hidden]).toEqual(['loss_reason']);
    const visible = withoutHidden(form, hidden);
    expect(Object.keys(visible.schema.properties as object)).not.toContain('loss_reason');
    expect(visible.uiSchema['ui:order']).toEqual(['name', 'stage', 'amount', 'number']);
    expect(visible.sections[1]).toEqual({ title: 'Outcome', columns: 1, fields: ['number'] });
    expect(hiddenFields(form, formRecord(form, { stage: 'won' }), jsonLogic).size).toBe(0);
  });

  it('sends visible writable fields, the record type on create and only changes on edit', () => {
    const data = { name: 'A', stage: 'new', amount: 5, loss_reason: 'price', number: 'D-0001' };
    expect(formSubmission(form, data, new Set(['loss_reason']))).toEqual({ name: 'A', stage: 'new', amount: 5, record_type: 'commercial' });
    const edit = build({ mode: 'edit', recordType: 'commercial' });
    const stored = { id: 'x', name: 'A', stage: 'new', amount: 5, loss_reason: null, number: 'D-0001', record_type: 'commercial' };
    expect(formSubmission(edit, { ...stored, name: 'B', amount: undefined }, new Set(), stored)).toEqual({ name: 'B', amount: null });
  });

  it('evaluates validation rules with the server context', () => {
    const withRule = build(
      { mode: 'create', recordType: 'commercial' },
      {
        ...deal,
        validationRules: [
          { apiName: 'big', condition: { '>=': [{ var: 'amount' }, 100] }, message: { en: 'At least 100', zh: '至少 100' }, field: 'amount', active: true },
          { apiName: 'off', condition: false, message: { en: 'never' }, field: null, active: false },
          { apiName: 'today', condition: { '<=': [{ var: '$today' }, '9999-12-31'] }, message: { en: 'dated' }, field: null, active: true },
        ],
      },
    );
    expect(withRule.rules.validation.map((rule) => rule.apiName)).toEqual(['big', 'today']);
    // A caller who cannot read amount gets no rule over it: the server still checks it.
    const narrowed = build(
      { mode: 'create', recordType: 'commercial' },
      {
        ...deal,
        fields: deal.fields.filter((field) => field.apiName !== 'amount'),
        validationRules: withRule.rules.validation.map((rule) => ({ ...rule, field: rule.field ?? null, message: { en: rule.message }, active: true })),
      },
    );
    expect(narrowed.rules.validation.map((rule) => rule.apiName)).toEqual(['today']);
    expect(failedValidationRules(withRule, formRecord(withRule, { amount: 5 }), null, jsonLogic)).toEqual([
      { apiName: 'big', field: 'amount', message: 'At least 100' },
    ]);
    expect(failedValidationRules(withRule, formRecord(withRule, { amount: 500 }), null, jsonLogic)).toEqual([]);
  });
});
