// Reads a spawned server's output for the guard (server-errors.ts): the probe's 5xx lines
// (spawned-error-probe.ts), the app's own `[<request id>] unhandled error <message>` log lines and
// its background jobs' `tessera jobs: <error>` lines.
import { recordServerError, type ServerErrorEvent } from './server-errors.ts';

export const SPAWNED_ERROR_MARK = '[tessera-test 5xx]';

const UNHANDLED = /^\[([0-9a-f-]{36})\] unhandled error (.*)$/;
const JOB_FAILED = /^tessera jobs: (.*)$/;

/** Feeds complete lines of a server's output to the guard; returns a writer for output chunks. */
export function serverLogReader(url: string): (chunk: string) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const event = readLine(line);
      if (event) recordServerError({ ...event, where: `spawned ${url}` });
    }
  };
}

function readLine(line: string): ServerErrorEvent | undefined {
  if (line.startsWith(SPAWNED_ERROR_MARK)) return JSON.parse(line.slice(SPAWNED_ERROR_MARK.length)) as ServerErrorEvent;
  const unhandled = UNHANDLED.exec(line);
  if (unhandled) return { where: 'spawned', requestId: unhandled[1], message: unhandled[2] };
  const job = JOB_FAILED.exec(line);
  return job ? { where: 'spawned', message: `background jobs: ${job[1]}` } : undefined;
}
