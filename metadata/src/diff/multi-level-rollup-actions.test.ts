// Planned storage of multi-level roll-ups (issue #21): backfills lowest level first with the objects
// their cascade rewrites, and a changed child formula re-creates the trigger and re-backfills.
import { describe, expect, it } from 'vitest';
import type { MigrationAction } from '../migration-actions.ts';
import type { MetadataSnapshot } from '../normalised-types.ts';
import { quoteLine, quoteRollupObjects } from '../testing/quote-rollups.ts';
import type { ObjectDef } from '../types.ts';
import { validateDocument } from '../validate/validate-document.ts';
import { ruleStorageActions } from './rule-storage-actions.ts';

function snapshot(objects: ObjectDef[]): MetadataSnapshot {
  const result = validateDocument({ objects }, { objects: [] });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return { objects: result.value };
}
const backfills = (actions: MigrationAction[]) =>
  actions.flatMap((action) =>
    action.kind === 'backfill_rollup' ? [`${action.object}.${action.field}${action.cascades ? ` ↑${action.cascades.join(',')}` : ''}`] : [],
  );

describe('multi-level roll-up storage actions', () => {
  it('backfill a new chain lowest level first, each naming the objects its triggers rewrite above it', () => {
    // Parents first in the document: the order comes from the levels, not the document.
    const actions = ruleStorageActions({ objects: [] }, snapshot(quoteRollupObjects()));
    expect(backfills(actions)).toEqual([
      'quote.total ↑account,opportunity',
      'quote.lines ↑account,opportunity',
      'quote.largest_line ↑account,opportunity',
      'opportunity.quoted ↑account',
      'opportunity.quoted_net ↑account',
      'account.pipeline',
    ]);
    expect(actions.filter((action) => action.kind === 'sync_rollup_triggers').map((action) => action.object)).toEqual(['opportunity', 'quote', 'quote_line']);
  });

  it('re-create the trigger and re-backfill when a summarised formula changes, also one read through another formula', () => {
    const live = snapshot(quoteRollupObjects());
    const line = quoteLine();
    const amount = line.fields.find((field) => field.apiName === 'amount');
    if (amount?.type !== 'formula') throw new Error('the sample line has an amount formula');
    amount.expression = { '*': [{ var: 'quantity' }, { var: 'unit_price' }] };
    const next = snapshot([...quoteRollupObjects().slice(0, 3), line]);
    const actions = ruleStorageActions(live, next);
    expect(actions.filter((action) => action.kind === 'sync_rollup_triggers').map((action) => action.object)).toEqual(['quote_line']);
    // total and largest_line read amount; lines counts rows and keeps its values.
    expect(backfills(actions)).toEqual(['quote.total ↑account,opportunity', 'quote.largest_line ↑account,opportunity']);
  });

  it('plan nothing for a relabelled formula', () => {
    const line = quoteLine();
    const amount = line.fields.find((field) => field.apiName === 'amount');
    if (amount) amount.labels = { en: 'Line amount', zh: '行金额' };
    expect(ruleStorageActions(snapshot(quoteRollupObjects()), snapshot([...quoteRollupObjects().slice(0, 3), line]))).toEqual([]);
  });
});
