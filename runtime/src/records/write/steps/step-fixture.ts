// For the step tests: a real tenant (test database, tenant migrations, an applied document) and a
// WriteContext built by hand around one plan, so each step runs alone — without the steps before
// it — and its effect is checked in the database.
import type { ObjectDef } from '@tessera/metadata';
import { ruleContextAt } from '@tessera/metadata';
import type { Catalog, CompiledObject } from '../../../catalog/catalog-types.ts';
import { compileCatalog } from '../../../catalog/compile-catalog.ts';
import { createTestDatabase, type TestDatabase } from '../../../db/test-database.ts';
import { applyMetadata } from '../../../migrate/apply-metadata.ts';
import { TenantStore } from '../../../tenants/tenant-store.ts';
import type { ItemState, WriteContext } from '../write-context.ts';
import { freezePlan, type WriteItem, type WriteKind } from '../write-plan.ts';

const labels = (en: string) => ({ en, zh: en });

/** An account with a blocking duplicate rule, and its deals: a pipeline, a validation rule, an approval flow. */
export const STEP_OBJECTS: ObjectDef[] = [
  {
    apiName: 'account',
    labels: labels('Account'),
    nameField: 'name',
    fields: [{ apiName: 'name', type: 'text', labels: labels('Name'), required: true }],
    duplicateRules: [{ apiName: 'same_name', fields: [{ field: 'name', normalise: ['case'] }], action: 'block' }],
  },
  {
    apiName: 'deal',
    labels: labels('Deal'),
    nameField: 'name',
    fields: [
      { apiName: 'name', type: 'text', labels: labels('Name'), required: true },
      { apiName: 'amount', type: 'currency', labels: labels('Amount') },
      {
        apiName: 'stage',
        type: 'picklist',
        labels: labels('Stage'),
        values: [
          { apiName: 'open', labels: labels('Open') },
          { apiName: 'won', labels: labels('Won') },
        ],
      },
      { apiName: 'account', type: 'lookup', labels: labels('Account'), target: 'account', onDelete: 'cascade' },
    ],
    validationRules: [{ apiName: 'amount_positive', condition: { '>=': [{ var: 'amount' }, 0] }, message: { en: 'amount must not be negative' } }],
    pipelines: [
      {
        apiName: 'sales',
        labels: labels('Sales'),
        stageField: 'stage',
        stages: [{ value: 'open' }, { value: 'won', category: 'won', requiredFields: ['amount'] }],
      },
    ],
    approvalFlows: [{ apiName: 'check', labels: labels('Check'), steps: [{ apiName: 'boss', approvers: [{ type: 'user', email: 'boss@example.com' }] }] }],
  },
];

export interface StepTenant {
  database: TestDatabase;
  catalog: Catalog;
  schema: string;
  object(name: string): CompiledObject;
  close(): Promise<void>;
}

export async function stepTenant(slug: string): Promise<StepTenant> {
  const database = await createTestDatabase();
  const { tenant } = await new TenantStore(database.system).createTenant(slug);
  const outcome = await applyMetadata(database.db, tenant, { objects: STEP_OBJECTS }, { author: 'step tests' });
  const catalog = compileCatalog({ tenant: slug, schema: tenant.schema, revision: outcome.revision, snapshot: outcome.snapshot });
  return {
    database,
    catalog,
    schema: tenant.schema,
    object(name) {
      const found = catalog.objects.get(name);
      if (!found) throw new Error(`no object ${name}`);
      return found;
    },
    close: () => database.close(),
  };
}

/** A context for one step: the plan frozen as plan-write.ts would, item states as the steps before would leave them. */
export function stepContext(
  tenant: StepTenant,
  kind: WriteKind,
  object: CompiledObject,
  items: WriteItem[],
  options: { states?: ItemState[]; tracked?: string[]; admin?: boolean; wantsWrittenRecord?: boolean; stage?: { comment?: string } } = {},
): WriteContext {
  const plan = freezePlan({ kind, object, stored: object, items, ...(options.stage ? { stage: options.stage } : {}) });
  return {
    plan,
    catalog: tenant.catalog,
    db: tenant.database.db,
    rules: { context: ruleContextAt(new Date('2026-12-06T10:00:00.000Z'), null), language: 'en', confirmDuplicates: false },
    actor: { id: null, label: 'integration' },
    tracked: options.tracked ?? [],
    admin: options.admin ?? true,
    wantsWrittenRecord: options.wantsWrittenRecord ?? true,
    items: options.states ?? items.map(() => ({})),
    folded: [],
  };
}
