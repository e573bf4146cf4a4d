// The 5xx guard can fail: real servers (in-process over HTTP, in-process through app.request(),
// and a separate process with the probe preloaded) answer 5xx from routes added only here, and
// the guard's check lists each one with method, path, status, code, request id and message,
// excuses only what the test declared, and forgets what it reported.
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp, createTestDatabase, type TestDatabase } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkServerErrors, expectServerErrors, recordJobError, reportServerErrors, watchInProcess } from './server-errors.ts';
import { ERROR_PROBE, REPO_ROOT } from './spawn-server.ts';
import { serverLogReader } from './spawned-server-log.ts';

describe('the 5xx guard', () => {
  let database: TestDatabase;
  let tessera: Awaited<ReturnType<typeof createApp>>;
  let server: ReturnType<typeof serve>;
  let baseUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    tessera = await createApp({ ...reportServerErrors, database, adminToken: 'guard-admin' });
    // Outside /api (whose catch-all answers 404 first); no designer, so nothing else matches.
    tessera.app.get('/guard/boom', () => {
      throw new Error('the injected dependency failed');
    });
    tessera.app.get('/guard/busy', (c) => c.json({ code: 'TSR901', requestId: 'busy-1' }, 503));
    server = serve({ fetch: tessera.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await tessera?.close();
    await database?.close();
  });

  it('lists an unexpected 500 once, with the request, the code, the request id and the error message', async () => {
    const answer = await fetch(`${baseUrl}/guard/boom?x=1`);
    expect(answer.status).toBe(500);
    const requestId = answer.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    await answer.text();
    await new Promise((resolve) => setImmediate(resolve));
    expect(() => checkServerErrors()).toThrow(
      `1 unexpected server error(s) during this test (every 5xx is a bug; if one is provoked on purpose, declare it with expectServerErrors({ status, code })):\n` +
        `  - 500 TSR900 GET /guard/boom?x=1 (request ${requestId}, in-process): Error: the injected dependency failed`,
    );
    // Reported once, then forgotten.
    expect(() => checkServerErrors()).not.toThrow();
  });

  it('excuses a declared 503 by status and code, and still lists a different 5xx in the same test', async () => {
    expectServerErrors({ status: 503, code: 'TSR901' });
    expect((await fetch(`${baseUrl}/guard/busy`)).status).toBe(503);
    expect((await fetch(`${baseUrl}/guard/boom`)).status).toBe(500);
    await new Promise((resolve) => setImmediate(resolve));
    let message = '';
    try {
      checkServerErrors();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^1 unexpected server error/);
    expect(message).toContain('500 TSR900 GET /guard/boom');
    expect(message).not.toContain('TSR901');
  });

  it('does not excuse a 503 declared with another code or path, and forgets declarations after a check', async () => {
    expectServerErrors({ status: 503, code: 'TSR999' }, { status: 503, path: '/guard/elsewhere' });
    expect((await fetch(`${baseUrl}/guard/busy`)).status).toBe(503);
    await new Promise((resolve) => setImmediate(resolve));
    expect(() => checkServerErrors()).toThrow('503 TSR901 GET /guard/busy (request busy-1, in-process)');
    expectServerErrors({ status: 503, path: '/guard/busy' });
    expect((await fetch(`${baseUrl}/guard/busy`)).status).toBe(503);
    await new Promise((resolve) => setImmediate(resolve));
    expect(() => checkServerErrors()).not.toThrow();
    // The declaration went with the check: the same answer now fails again.
    expect((await fetch(`${baseUrl}/guard/busy`)).status).toBe(503);
    await new Promise((resolve) => setImmediate(resolve));
    expect(() => checkServerErrors()).toThrow('503 TSR901 GET /guard/busy');
  });

  it('counts the 5xx of an app used only through app.request()', async () => {
    const local = await createApp({ ...reportServerErrors, database, adminToken: 'guard-admin' });
    try {
      local.app.get('/guard/local', (c) => c.json({ code: 'TSR901', requestId: 'local-1' }, 503));
      watchInProcess(local);
      expect((await local.app.request('/guard/local')).status).toBe(503);
      expect((await local.app.request('/api/v1/health')).status).toBe(200);
      expect(() => checkServerErrors()).toThrow(/^1 unexpected server error[\s\S]*503 TSR901 GET \/guard\/local \(request local-1, in-process\)$/);
    } finally {
      await local.close();
    }
  });

  it("reads a separate process's 5xx from the probe preloaded into it", async () => {
    // A bare node HTTP server stands in for `tessera serve`: the probe sees any node server.
    const script = `require('node:http').createServer((q, s) => { s.writeHead(502, { 'content-type': 'application/problem+json' }); s.end(JSON.stringify({ code: 'TSR900', requestId: 'child-1' })); })
      .listen(0, '127.0.0.1', function () { console.log('port ' + this.address().port); });`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', ERROR_PROBE, '-e', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const closed = new Promise((resolve) => child.once('close', resolve));
    try {
      const readOut = serverLogReader('child');
      const readErr = serverLogReader('child');
      // The child dies at once on SIGTERM: wait for its line (written when the response closes).
      const reported = new Promise<void>((resolve) =>
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
          readErr(chunk);
          if (chunk.includes('\n')) resolve();
        }),
      );
      const port = await new Promise<string>((resolve, reject) => {
        void closed.then(() => reject(new Error('the child process exited before listening')));
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          readOut(chunk);
          const found = /port (\d+)/.exec(chunk);
          if (found?.[1]) resolve(found[1]);
        });
      });
      expect((await fetch(`http://127.0.0.1:${port}/api/v1/anything?q=1`, { method: 'POST' })).status).toBe(502);
      await reported;
    } finally {
      child.kill('SIGTERM');
      await closed;
    }
    expect(() => checkServerErrors()).toThrow(/^1 unexpected server error[\s\S]*502 TSR900 POST \/api\/v1\/anything\?q=1 \(request child-1, spawned child\)$/);
  });

  it("merges a spawned server's unhandled-error log line into its 5xx line by request id", () => {
    const read = serverLogReader('http://127.0.0.1:1');
    const id = '0b7e2c1a-1111-4222-8333-944455556666';
    read(`[${id}] unhandled error Error: precompile: fragment has bound parameters\n    at somewhere\n[tessera-test 5x`);
    read(`x] {"where":"spawned","method":"GET","path":"/api/v1/objects/deal/records","status":500,"code":"TSR900","requestId":"${id}"}\n`);
    expect(() => checkServerErrors()).toThrow(
      `  - 500 TSR900 GET /api/v1/objects/deal/records (request ${id}, spawned http://127.0.0.1:1): Error: precompile: fragment has bound parameters`,
    );
  });

  it("lists a spawned server's background job failure and a job failure in this process", () => {
    serverLogReader('http://127.0.0.1:2')('tessera jobs: Error: relation "t_boss._reminders" does not exist\n    at scan\n');
    recordJobError(new Error('approval job failed'));
    let message = '';
    try {
      checkServerErrors();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n').slice(1)).toEqual([
      '  - error (spawned http://127.0.0.1:2): background jobs: Error: relation "t_boss._reminders" does not exist',
      '  - error (background jobs): Error: approval job failed',
    ]);
  });
});
