import { describe, expect, it } from 'vitest';
import type { ServerOpResult } from '../load/compare-servers.ts';
import { judgeOp } from './bench-report.ts';
import { pipelineFigures } from './render-markdown.ts';

const result = (rps: number, p99: number, errors = 0): ServerOpResult => ({
  rps,
  p50: p99 / 4,
  p99,
  errors,
  conflicts: 0,
  requests: rps * 8,
  serverCpuUs: null,
  postgresCpuUs: null,
  runs: [],
});
// The Kysely baseline: far slower here, so a verdict that read it instead of the lean one would pass.
const slow = result(100, 100);

describe('judgeOp', () => {
  it('holds get, create and patch to 0.9× the lean baseline throughput and 1.3× its p99', () => {
    expect(judgeOp('get', result(900, 13), result(1000, 10), slow).pass).toBe(true);
    expect(judgeOp('get', result(890, 13), result(1000, 10), slow).pass).toBe(false);
    expect(judgeOp('patch', result(1000, 14), result(1000, 10), slow).pass).toBe(false);
  });

  it('holds the list ops to at least the lean throughput, with the same p99 limit', () => {
    expect(judgeOp('list', result(1000, 13), result(1000, 10), slow).pass).toBe(true);
    expect(judgeOp('list', result(1200, 40), result(1000, 10), slow).pass).toBe(false);
    expect(judgeOp('list-expand', result(990, 10), result(1000, 10), slow).pass).toBe(false);
  });

  it('reports the ratio to each baseline: lean for the target, Kysely beside it', () => {
    const row = judgeOp('get', result(900, 10), result(1000, 10), result(600, 20));
    expect(row.ratio?.rps).toBeCloseTo(0.9);
    expect(row.baselineRatio?.rps).toBeCloseTo(1.5);
    expect(row.baselineRatio?.p99).toBeCloseTo(0.5);
  });

  it('fails an op with errors and leaves the verdict open without Tessera', () => {
    expect(judgeOp('create', result(2000, 5, 1), result(1000, 10), slow).pass).toBe(false);
    expect(judgeOp('create', null, result(1000, 10), slow)).toMatchObject({ pass: null, ratio: null, baselineRatio: null });
  });

  it('does not call 1 ms against 0 ms a p99 regression (autocannon records whole milliseconds)', () => {
    expect(judgeOp('get', result(1000, 1), result(1000, 0), slow).pass).toBe(true);
  });
});

describe('pipelineFigures', () => {
  it('says when no request finished instead of printing zero req/s and 0 ms', () => {
    expect(pipelineFigures({ rps: 0, p50: 0, p99: 0, errors: 0, requests: 0 })).toMatch(/no request completed/);
    expect(pipelineFigures({ rps: 2.5, p50: 1500, p99: 3000, errors: 0, requests: 20 })).toBe('2.5 req/s (20 requests), p50 1500 ms, p99 3000 ms, 0 errors');
  });
});
