import { describe, expect, it } from 'vitest';
import { normaliseFlow, requiredApprovals } from './normalise-approval-flows.ts';

describe('approval flow normalisation', () => {
  it('counts the approvals each mode needs', () => {
    expect([1, 3, 20].map((n) => requiredApprovals({ mode: 'any', ratio: 1 }, n))).toEqual([1, 1, 1]);
    expect([1, 3, 20].map((n) => requiredApprovals({ mode: 'all', ratio: 1 }, n))).toEqual([1, 3, 20]);
    expect([1, 2, 3, 5, 10].map((n) => requiredApprovals({ mode: 'ratio', ratio: 0.67 }, n))).toEqual([1, 1, 2, 3, 7]);
    expect([3, 4].map((n) => requiredApprovals({ mode: 'ratio', ratio: 0.5 }, n))).toEqual([2, 2]);
    expect(requiredApprovals({ mode: 'ratio', ratio: 0.1 }, 3)).toBe(1);
    expect(requiredApprovals({ mode: 'all', ratio: 1 }, 0)).toBe(0);
  });

  it('fills defaults', () => {
    expect(normaliseFlow({ apiName: 'f', labels: { en: 'F' }, steps: [{ apiName: 's', approvers: [{ type: 'manager' }], timeLimit: { hours: 4 } }] })).toEqual({
      apiName: 'f',
      labels: { en: 'F' },
      active: true,
      steps: [
        {
          apiName: 's',
          labels: { en: 's' },
          approvers: [{ type: 'manager', levels: 1 }],
          mode: 'any',
          ratio: 1,
          editableFields: [],
          timeLimit: { hours: 4, action: 'remind' },
        },
      ],
      onApprove: [],
      onReject: [],
      lockRecord: true,
      allowRecall: true,
    });
  });
});
