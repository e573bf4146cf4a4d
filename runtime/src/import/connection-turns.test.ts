// Turns are granted in the order asked for, one at a time, and a failed turn frees the next.
import { describe, expect, it } from 'vitest';
import { ConnectionTurns, yieldToIo } from './connection-turns.ts';

describe('ConnectionTurns', () => {
  it('runs turns one at a time, in the order they were asked for', async () => {
    const turns = new ConnectionTurns();
    const events: string[] = [];
    const turn = (name: string, steps: number) =>
      turns.take(async () => {
        events.push(`${name} start`);
        for (let step = 0; step < steps; step += 1) await yieldToIo();
        events.push(`${name} end`);
        return name;
      });
    const results = await Promise.all([turn('a', 3), turn('b', 1), turn('c', 2)]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('gives the next turn when one fails, and the failure to its caller', async () => {
    const turns = new ConnectionTurns();
    const failed = turns.take(async () => {
      throw new Error('statement failed');
    });
    const next = turns.take(async () => 'ran');
    await expect(failed).rejects.toThrow('statement failed');
    await expect(next).resolves.toBe('ran');
  });
});
