import { describe, expect, it } from 'vitest';
import { OP_NAMES, parseBenchOptions } from './bench-options.ts';

describe('parseBenchOptions', () => {
  it('runs every op and the data part by default', () => {
    const options = parseBenchOptions(['--quick'], '/tmp/results');
    expect(options).toMatchObject({ ops: [...OP_NAMES], dataOnly: false, quick: true, rows: 2_000 });
  });

  it('--data-only leaves out every CRUD op and keeps the row count', () => {
    const options = parseBenchOptions(['--', '--data-only', '--rows', '5000'], '/tmp/results');
    expect(options).toMatchObject({ ops: [], dataOnly: true, rows: 5_000 });
  });

  it('refuses an unknown flag beside it', () => {
    expect(() => parseBenchOptions(['--data-only', '--colour'], '/tmp/results')).toThrow(/colour/);
  });
});
