// An open-loop GET load at a fixed arrival rate, spread evenly over time (a batch every 5 ms), on
// at most `connections` keep-alive sockets. autocannon's own `overallRate` releases each second's
// requests in a burst at the start of the second, so a "paced" autocannon run is a saturating run
// half the time; this one is not. Latency counts from the scheduled send, so a slow server is not
// hidden by requests waiting for a free socket (no coordinated omission).
import http from 'node:http';
import type { Request } from 'autocannon';
import type { LoadResult } from './run-load.ts';
import type { Workload } from './workloads.ts';

const TICK_MS = 5;

export async function runPacedLoad(baseUrl: string, workload: Workload, seconds: number, connections: number, rate: number): Promise<LoadResult> {
  if (workload.request.method !== 'GET') throw new Error('runPacedLoad sends GET requests only');
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  const inFlight = new Set<Promise<void>>();
  const send = () => {
    const scheduled = performance.now();
    const { path } = workload.request.setupRequest({} as Request, {});
    const done = new Promise<void>((resolve) => {
      const request = http.get({ host: url.hostname, port: url.port, path, headers: workload.headers, agent, timeout: 10_000 }, (response) => {
        response.resume();
        response.on('end', () => {
          const status = String(response.statusCode ?? 0);
          statusCodes[status] = (statusCodes[status] ?? 0) + 1;
          if ((response.statusCode ?? 0) >= 300) errors++;
          latencies.push(performance.now() - scheduled);
          resolve();
        });
      });
      request.on('timeout', () => request.destroy(new Error('timeout')));
      request.on('error', () => {
        errors++;
        resolve();
      });
    });
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };
  const started = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - started;
      if (elapsed >= seconds * 1000) {
        clearInterval(timer);
        resolve();
        return;
      }
      // Catch up to the schedule: as many requests as the rate says should have been sent by now.
      const due = Math.floor((elapsed / 1000) * rate);
      while (sent < due) {
        send();
        sent++;
      }
    }, TICK_MS);
  });
  await Promise.all(inFlight);
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    requests: sent,
    rps: sent / seconds,
    p50: Math.round(at(0.5)),
    p99: Math.round(at(0.99)),
    errors,
    conflicts: statusCodes['409'] ?? 0,
    statusCodes,
  };
}
