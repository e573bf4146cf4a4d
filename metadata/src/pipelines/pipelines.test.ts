import { describe, expect, it } from 'vitest';
import { EMPTY_SNAPSHOT } from '../normalised-types.ts';
import { normalise } from '../normalise/normalise.ts';
import type { ObjectDef } from '../types.ts';
import { toObjectDef } from '../evolution/to-object-def.ts';
import { validateDocument } from '../validate/validate-document.ts';
import { ruleContextAt } from '../rules/evaluate-rules.ts';
import { pipelineFor, stageMoveProblems, transitionAllowed } from './stage-rules.ts';

const deal = (pipelines: unknown[]): ObjectDef =>
  ({
    apiName: 'deal',
    labels: { en: 'Deal' },
    fields: [
      { apiName: 'amount', type: 'currency', labels: { en: 'Amount' } },
      { apiName: 'why', type: 'text', labels: { en: 'Why' } },
      {
        apiName: 'stage',
        type: 'picklist',
        labels: { en: 'Stage', zh: '阶段' },
        values: ['a', 'b', 'c', 'won', 'lost'].map((apiName) => ({ apiName, labels: { en: apiName.toUpperCase() } })),
      },
    ],
    pipelines,
  }) as ObjectDef;

const SALES = {
  apiName: 'sales',
  labels: { en: 'Sales' },
  stageField: 'stage',
  reasonField: 'why',
  transitions: 'forward',
  stages: [
    { value: 'a' },
    { value: 'b', requiredFields: ['amount'], entryCriteria: { '>': [{ var: 'amount' }, 10] } },
    { value: 'c', probability: 70 },
    { value: 'won', category: 'won' },
    { value: 'lost', category: 'lost', requiresReason: true },
  ],
};

describe('pipelines in the metamodel', () => {
  it('normalises with defaults and round-trips through toObjectDef', () => {
    const normalised = normalise(deal([SALES]));
    const pipeline = normalised.pipelines?.[0];
    expect(pipeline?.stages.map((stage) => [stage.value, stage.probability, stage.category, stage.labels.en])).toEqual([
      ['a', 0, 'open', 'A'],
      ['b', 0, 'open', 'B'],
      ['c', 70, 'open', 'C'],
      ['won', 100, 'won', 'WON'],
      ['lost', 0, 'lost', 'LOST'],
    ]);
    expect(normalise(toObjectDef(normalised))).toEqual(normalised);
  });

  it('checks transitions: forward, any and a graph', () => {
    const pipeline = normalise(deal([SALES])).pipelines?.[0];
    if (!pipeline) throw new Error('no pipeline');
    expect([
      transitionAllowed(pipeline, 'a', 'c'),
      transitionAllowed(pipeline, 'c', 'a'),
      transitionAllowed(pipeline, 'b', 'lost'),
      transitionAllowed(pipeline, 'won', 'lost'),
    ]).toEqual([true, false, true, false]);
    const graph = { ...pipeline, transitions: { a: ['c'] } };
    expect([transitionAllowed(graph, 'a', 'c'), transitionAllowed(graph, 'a', 'b'), transitionAllowed(graph, 'c', 'a')]).toEqual([true, false, false]);
    expect(transitionAllowed({ ...pipeline, transitions: 'any' }, 'won', 'a')).toBe(true);
  });

  it('lists every unmet requirement of a move', () => {
    const object = normalise(deal([SALES]));
    const pipeline = pipelineFor(object, null);
    if (!pipeline) throw new Error('no pipeline');
    const context = ruleContextAt(new Date('2026-01-01T00:00:00Z'));
    const check = (from: string | null, to: string, record: Record<string, unknown>) =>
      stageMoveProblems({ object, pipeline, from, to, record, context }).map((item) => [item.path, item.code]);
    expect(check('a', 'b', { amount: null })).toEqual([
      ['/amount', 'TSR531'],
      ['/stage', 'TSR532'],
    ]);
    expect(check('a', 'b', { amount: 11 })).toEqual([]);
    expect(check('c', 'b', { amount: 5 })).toEqual([
      ['/stage', 'TSR533'],
      ['/stage', 'TSR532'],
    ]);
    expect(check('a', 'lost', { why: '  ' })).toEqual([['/why', 'TSR534']]);
    expect(check('a', 'zzz', {})).toEqual([['/stage', 'TSR537']]);
  });

  it('refuses invalid pipelines with pointers', () => {
    const result = validateDocument(
      deal([
        {
          ...SALES,
          stageField: 'amount',
          amountField: 'why',
          stages: [
            { value: 'a', timeLimit: { hours: 1 } },
            { value: 'a', category: 'won', timeLimit: { hours: 1 } },
          ],
        },
        { ...SALES },
      ]),
      EMPTY_SNAPSHOT,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => [error.path, error.code])).toEqual(
      expect.arrayContaining([
        ['/pipelines/0/stageField', 'TSR536'],
        ['/pipelines/0/amountField', 'TSR536'],
        ['/pipelines/0/stages/1/value', 'TSR536'],
        ['/pipelines/0/stages/1/timeLimit', 'TSR536'],
        ['/pipelines/1/apiName', 'TSR202'],
        ['/pipelines/1/recordTypes', 'TSR536'],
      ]),
    );
    expect(validateDocument(deal([{ ...SALES, stages: [] }]), EMPTY_SNAPSHOT).ok).toBe(false);
    expect(validateDocument(deal([SALES]), EMPTY_SNAPSHOT).ok).toBe(true);
  });
});
