// Issue #15, defect 5: a new record's form holds what the metadata says and nothing else. An
// untouched picklist or multipicklist without a default stays empty (and out of the request body);
// a required one without a default is not filled in either, so the form asks for it; a default is
// pre-filled in create mode only. Checked with the designer's own code (initialFormData, the
// validator) on schemas from buildFormSchema; tests/browser/generated-form.test.ts does it in Chromium.
import { buildFormSchema, formSubmission, normalise, type ObjectDef } from '@tessera/metadata';
import { describe, expect, it } from 'vitest';
import { initialFormData } from '../../designer/src/forms/default-form-state.ts';
import { formValidator } from '../../designer/src/forms/form-validator.ts';

const values = (...names: string[]) => names.map((name) => ({ apiName: name, labels: { en: name } }));

const ticketDef: ObjectDef = {
  apiName: 'ticket',
  labels: { en: 'Ticket', zh: '工单' },
  fields: [
    { type: 'text', apiName: 'name', labels: { en: 'Name' }, required: true },
    { type: 'picklist', apiName: 'industry', labels: { en: 'Industry', zh: '行业' }, values: values('telecom', 'retail') },
    { type: 'picklist', apiName: 'priority', labels: { en: 'Priority' }, required: true, values: values('high', 'low') },
    {
      type: 'picklist',
      apiName: 'stage',
      labels: { en: 'Stage' },
      values: [
        { apiName: 'open', labels: { en: 'Open' } },
        { apiName: 'new', labels: { en: 'New' }, default: true },
      ],
    },
    { type: 'multipicklist', apiName: 'tags', labels: { en: 'Tags' }, values: values('vip', 'urgent') },
    { type: 'multipicklist', apiName: 'needs', labels: { en: 'Needs' }, required: true, values: values('call', 'visit') },
    {
      type: 'multipicklist',
      apiName: 'channels',
      labels: { en: 'Channels' },
      values: [
        { apiName: 'phone', labels: { en: 'Phone' } },
        { apiName: 'web', labels: { en: 'Web' }, default: true },
      ],
    },
  ],
};

function form(mode: 'create' | 'edit') {
  const built = buildFormSchema(normalise(ticketDef), { mode, language: 'zh' });
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  return built.value;
}

/** Field name → the keywords the designer's validator reports on it. */
function errorsOf(schema: object, data: Record<string, unknown>): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const error of formValidator.validateFormData(data, schema as never).errors) {
    const field = (error.property ?? '').replace(/^\./, '').split('.')[0] as string;
    errors[field] = [...(errors[field] ?? []), error.name as string];
  }
  return errors;
}

describe('a new record form fills only real defaults', () => {
  const create = form('create');

  it('leaves picklists and multipicklists without a default empty, required or not', () => {
    // RJSF keeps a required list as an empty list: nothing chosen, and its minItems makes the form ask.
    expect(initialFormData(create.schema as never, {})).toEqual({ stage: 'new', channels: ['web'], needs: [] });
  });

  it('sends no value for an untouched picklist, and asks for a required one instead of picking', () => {
    const data = { ...initialFormData(create.schema as never, {}), name: 'A' };
    expect(errorsOf(create.schema, data)).toEqual({ priority: ['required'], needs: ['minItems'] });
    const body = formSubmission(create, { ...data, priority: 'low', needs: ['call'] }, new Set());
    expect(body).toEqual({ name: 'A', priority: 'low', needs: ['call'], stage: 'new', channels: ['web'] });
    expect(errorsOf(create.schema, body)).toEqual({});
  });

  it('keeps what the user chose', () => {
    const chosen = { name: 'A', industry: 'retail', priority: 'high', tags: ['urgent'], needs: ['visit'], stage: 'open', channels: [] };
    expect(initialFormData(create.schema as never, chosen)).toEqual(chosen);
  });

  it('fills nothing when editing: a stored empty picklist stays empty and is not sent', () => {
    const edit = form('edit');
    const stored = { id: 'x', name: 'A', industry: null, priority: 'high', stage: null, tags: null, needs: ['call'], channels: null };
    const loaded = initialFormData(edit.schema as never, { name: 'A', priority: 'high', needs: ['call'] });
    expect(loaded).toEqual({ name: 'A', priority: 'high', needs: ['call'] });
    expect(formSubmission(edit, loaded, new Set(), stored)).toEqual({});
  });
});
