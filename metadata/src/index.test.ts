import { describe, expect, it } from 'vitest';
import * as metadata from './index.ts';
import { accountDef, opportunityDef } from './testing/fixtures.ts';

describe('@tessera/metadata public surface', () => {
  it('exports the pipeline stages', () => {
    const stages = [
      metadata.validateDocument,
      metadata.normalise,
      metadata.diffSnapshots,
      metadata.buildRecordSchema,
      metadata.buildRecordOutputSchema,
      metadata.compileRecordValidator,
      metadata.createAjv,
      metadata.uniqueFieldIndexName,
    ];
    for (const stage of stages) expect(typeof stage).toBe('function');
    expect(metadata.OBJECT_SCHEMA.$id).toBe(metadata.OBJECT_SCHEMA_ID);
  });

  it('runs validate → diff → record validation end to end with Chinese labels', () => {
    const document = { objects: [opportunityDef(), accountDef()] };
    const validated = metadata.validateDocument(document, metadata.EMPTY_SNAPSHOT);
    if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
    const planned = metadata.diffSnapshots(metadata.EMPTY_SNAPSHOT, validated.value, metadata.documentObjectPaths(document));
    if (!planned.ok) throw new Error(JSON.stringify(planned.errors));
    const roundTripped = JSON.parse(JSON.stringify(planned.value.next)) as metadata.MetadataSnapshot;
    const opportunity = roundTripped.objects.find((o) => o.apiName === 'opportunity');
    expect(opportunity?.labels.zh).toBe('商机');
    expect(opportunity?.fields.find((f) => f.apiName === 'amount')?.labels.zh).toBe('金额');
    const again = metadata.diffSnapshots(roundTripped, validated.value);
    expect(again.ok && again.value.actions).toEqual([]);
    if (!opportunity) throw new Error('opportunity missing');
    const validate = metadata.compileRecordValidator(opportunity, 'create');
    expect(validate({ name: '大单' })).toEqual([]);
    expect(validate({ name: '大单', amount: 'x' })[0]?.code).toBe('TSR401');
  });
});
