// The upgrade on the shipped package itself: packages/crm-core as installed (v1, with its
// sample data) → a v2 made from the same folder (a new opportunity field, a relabelled package
// field). The tenant has meanwhile added a field holding data, relabelled a package field, added a
// picklist value and hidden a field from every layout: all four survive and v2's changes arrive.
// A change both sides made differently is refused naming both, and nothing is written.
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/api-assertions.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';
import { CRM_CORE, crmCoreRelease, SHIPPED_VERSION as V1_VERSION, withoutJunctionName } from './crm-core-releases.ts';
import { bundleSource, expectUnchanged, freshTenant, reviewed } from './engine-support.ts';

const kinds = await testDriverKinds();
const V2_VERSION = '99.0.0';
const fieldOf = (object: any, name: string): any => object.fields.find((field: any) => field.apiName === name);
const layoutFields = (object: any): string[] =>
  (object.layouts ?? []).flatMap((layout: any) => layout.sections.flatMap((section: any) => section.fields.map((item: any) => item.field)));

const v1 = () => bundleSource(CRM_CORE);
/** v2: the shipped folder with a new opportunity field and a new English label on next_step. */
const v2 = () =>
  bundleSource(CRM_CORE, (files) => {
    files['tessera.json'].version = V2_VERSION;
    const opportunity = files['objects/opportunity.json'];
    opportunity.fields.push({ apiName: 'competitor', type: 'text', maxLength: 120, labels: { en: 'Main competitor', zh: '主要竞争对手' } });
    fieldOf(opportunity, 'next_step').labels.en = 'Next action';
  });

/** The case fields 1.2.0 added over 1.1.0 (crm-core before the resolution due time). */
const PREVIOUS_LESS_CASE_FIELDS = ['resolution_hours', 'resolution_due', 'resolution_overdue'];
const PREVIOUS_VERSION = '1.1.0';
/** 1.1.0, rebuilt from the shipped folder: no calendars, no resolution fields on the case, no junction name. */
function previousRelease(): { version: string; source: ReturnType<typeof bundleSource> } {
  const source = crmCoreRelease(PREVIOUS_VERSION, withoutJunctionName, (files) => {
    delete files['tessera.json'].contents.calendars;
    for (const path of Object.keys(files)) if (path.startsWith('calendars/')) delete files[path];
    const caseFile = files['objects/case.json'];
    caseFile.fields = caseFile.fields.filter((field: any) => !PREVIOUS_LESS_CASE_FIELDS.includes(field.apiName));
    for (const layout of caseFile.layouts) {
      for (const section of layout.sections) section.fields = section.fields.filter((item: any) => !PREVIOUS_LESS_CASE_FIELDS.includes(item.field));
    }
  });
  return { version: PREVIOUS_VERSION, source };
}

describe.each(kinds)('crm-core v1 → v2 with a customised tenant on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  async function installed(): Promise<{ api: TenantClient; schema: string; opportunity: any }> {
    const tenant = await freshTenant(server, 'crmup');
    const { applied } = await reviewed(tenant.api, 'install', { source: v1(), sampleData: true });
    expect(applied).toMatchObject({ namespace: 'crm', version: V1_VERSION });
    const opportunity = (await tenant.api.get('/api/v1/metadata/objects/opportunity?as=definition')).body;
    return { ...tenant, opportunity };
  }

  it('keeps a field with data, a relabel, a picklist value and a hidden field, and brings v2', async () => {
    const { api, opportunity } = await installed();
    const hidden = 'description';
    expect(layoutFields(opportunity)).toContain(hidden);
    opportunity.fields.push({ apiName: 'region', type: 'text', labels: { en: 'Region', zh: '区域' } });
    fieldOf(opportunity, 'next_step').labels.zh = '下一步行动（本公司）';
    fieldOf(opportunity, 'loss_reason').values.push({ apiName: 'budget_cut', labels: { en: 'Budget cut', zh: '预算削减' } });
    for (const layout of opportunity.layouts) {
      for (const section of layout.sections) section.fields = section.fields.filter((item: any) => item.field !== hidden);
    }
    const customised = await api.apply(opportunity);
    expect(customised.status, customised.text).toBe(200);
    const sample = (await api.list('opportunity', { limit: 1 })).body.data[0];
    const withRegion = await api.patch(`/api/v1/objects/opportunity/records/${sample.id}`, { region: '华东' }, { 'If-Match': `"${sample.version}"` });
    expect(withRegion.status, withRegion.text).toBe(200);

    const { plan, applied } = await reviewed(api, 'upgrade', { source: v2() });
    expect(plan).toMatchObject({ operation: 'upgrade', namespace: 'crm', from: V1_VERSION, to: V2_VERSION, conflicts: [] });
    expect(applied).toMatchObject({ namespace: 'crm', version: V2_VERSION });

    const after = (await api.get('/api/v1/metadata/objects/opportunity')).body;
    // The tenant's four changes…
    expect(fieldOf(after, 'region')).toBeDefined();
    expect(fieldOf(after, 'next_step').labels.zh).toBe('下一步行动（本公司）');
    expect(fieldOf(after, 'loss_reason').values.map((value: any) => value.apiName)).toContain('budget_cut');
    expect(layoutFields(after)).not.toContain(hidden);
    // …and v2's.
    expect(fieldOf(after, 'competitor').labels).toEqual({ en: 'Main competitor', zh: '主要竞争对手' });
    expect(fieldOf(after, 'next_step').labels.en).toBe('Next action');
    const record = (await api.get(`/api/v1/objects/opportunity/records/${sample.id}`)).body;
    expect(record).toMatchObject({ region: '华东', competitor: null });
    expect((await api.get('/api/v1/packages')).body.data).toContainEqual(expect.objectContaining({ namespace: 'crm', version: V2_VERSION }));
  });

  it('upgrades from the version before the case resolution due time: the calendar and the three case fields arrive, sample cases get a due time', async () => {
    const tenant = await freshTenant(server, 'crmprev');
    const { api } = tenant;
    const previous = previousRelease();
    await reviewed(api, 'install', { source: previous.source, sampleData: true });
    expect((await api.get('/api/v1/metadata')).body.calendars ?? []).toEqual([]);
    const before = (await api.list('case', { limit: 200 })).body.data;
    expect(before.length).toBeGreaterThan(0);
    expect(before[0]).not.toHaveProperty('resolution_due');

    const { plan, applied } = await reviewed(api, 'upgrade', { source: v1() });
    expect(plan).toMatchObject({ operation: 'upgrade', namespace: 'crm', from: previous.version, to: V1_VERSION, conflicts: [] });
    expect(plan.steps.filter((step: any) => step.kind === 'update_calendar').map((step: any) => step.description)).toEqual(['add calendar china_workweek']);
    expect(applied).toMatchObject({ namespace: 'crm', version: V1_VERSION });
    const shipped = bundleSource(CRM_CORE).files;
    const calendars = (await api.get('/api/v1/metadata')).body.calendars;
    expect(calendars.map((calendar: any) => calendar.apiName)).toEqual(['china_workweek']);
    expect(calendars[0]).toEqual(shipped['calendars/china-workweek.json']);
    const after = (await api.list('case', { limit: 200 })).body.data;
    expect(after.map((row: any) => row.id).sort()).toEqual(before.map((row: any) => row.id).sort());
    for (const row of after) {
      expect(Number.isNaN(Date.parse(row.resolution_due)), row.subject).toBe(false);
      expect(Date.parse(row.resolution_due)).toBeGreaterThan(Date.parse(row.opened_on));
      expect(typeof row.resolution_overdue).toBe('boolean');
    }
    const caseDef = (await api.get('/api/v1/metadata/objects/case')).body;
    expect(layoutFields(caseDef)).toEqual(expect.arrayContaining(PREVIOUS_LESS_CASE_FIELDS));
  });

  it('refuses a label both sides changed differently, naming both, and writes nothing', async () => {
    const { api, schema, opportunity } = await installed();
    fieldOf(opportunity, 'next_step').labels.en = 'Our next move';
    expect((await api.apply(opportunity)).status).toBe(200);
    const refused = await expectUnchanged(server, schema, () => api.post('/api/v1/packages/upgrade', { source: v2() }));
    expectProblem(refused, 409, 'TSR605', [{ path: '/opportunity/fields/next_step/labels/en', code: 'TSR605' }]);
    expect(refused.body.conflicts).toContainEqual(expect.objectContaining({ package: 'Next action', tenant: 'Our next move' }));
  });
});
