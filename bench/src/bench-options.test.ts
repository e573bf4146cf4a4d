import { describe, expect, it } from 'vitest';
import { comparedOps, OP_NAMES, parseBenchOptions, runsSections } from './bench-options.ts';

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

  it('--ops geo runs the geo op alone: nothing compared, no later sections', () => {
    const options = parseBenchOptions(['--', '--ops', 'geo', '--duration', '3'], '/tmp/results');
    expect(options).toMatchObject({ ops: ['geo'], durationSeconds: 3, dataOnly: false });
    expect(comparedOps(options.ops)).toEqual([]);
    expect(runsSections(options)).toBe(false);
  });

  it('geo beside a compared op keeps the comparison and the later sections', () => {
    const options = parseBenchOptions(['--ops', 'list, geo'], '/tmp/results');
    expect(options.ops).toEqual(['list', 'geo']);
    expect(comparedOps(options.ops)).toEqual(['list']);
    expect(runsSections(options)).toBe(true);
    expect(runsSections(parseBenchOptions(['--ops', 'list-user'], '/tmp/results'))).toBe(false);
    expect(runsSections(parseBenchOptions(['--data-only'], '/tmp/results'))).toBe(false);
  });

  it('the default run includes geo', () => {
    expect(parseBenchOptions([], '/tmp/results').ops).toContain('geo');
  });

  it('refuses a misspelt op and names the known ones', () => {
    expect(() => parseBenchOptions(['--ops', 'geo,near'], '/tmp/results')).toThrow(/unknown --ops near; known: .*geo/);
  });
});
