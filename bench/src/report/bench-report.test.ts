import { describe, expect, it } from 'vitest';
import type { ServerOpResult } from '../load/compare-servers.ts';
import { judgeOp } from './bench-report.ts';
import { pipelineFigures } from './render-markdown.ts';

const result = (rps: number, p99: number, errors = 0): ServerOpResult => ({ rps, p50: p99 / 4, p99, errors, conflicts: 0, requests: rps * 8, runs: [] });

describe('judgeOp', () => {
  it('holds get, create and patch to 0.9× throughput and 1.5× p99', () => {
    expect(judgeOp('get', result(900, 15), result(1000, 10)).pass).toBe(true);
    expect(judgeOp('get', result(890, 15), result(1000, 10)).pass).toBe(false);
    expect(judgeOp('patch', result(1000, 16), result(1000, 10)).pass).toBe(false);
  });

  it('holds the list ops to at least the baseline throughput, whatever the p99', () => {
    expect(judgeOp('list', result(1000, 40), result(1000, 10)).pass).toBe(true);
    expect(judgeOp('list-expand', result(990, 10), result(1000, 10)).pass).toBe(false);
  });

  it('fails an op with errors and leaves the verdict open without Tessera', () => {
    expect(judgeOp('create', result(2000, 5, 1), result(1000, 10)).pass).toBe(false);
    expect(judgeOp('create', null, result(1000, 10))).toMatchObject({ pass: null, ratio: null });
  });

  it('does not call 1 ms against 0 ms a p99 regression (autocannon records whole milliseconds)', () => {
    expect(judgeOp('get', result(1000, 1), result(1000, 0)).pass).toBe(true);
  });
});

describe('pipelineFigures', () => {
  it('says when no request finished instead of printing zero req/s and 0 ms', () => {
    expect(pipelineFigures({ rps: 0, p50: 0, p99: 0, errors: 0, requests: 0 })).toMatch(/no request completed/);
    expect(pipelineFigures({ rps: 2.5, p50: 1500, p99: 3000, errors: 0, requests: 20 })).toBe('2.5 req/s (20 requests), p50 1500 ms, p99 3000 ms, 0 errors');
  });
});
