// The physical limit of the data part: PostgreSQL's COPY driven by psql's `\copy` in a child
// process (no driver dependency; psql is the client every PostgreSQL install ships). COPY TO
// STDOUT streams into this process, which counts the bytes the way it counts Tessera's export;
// COPY FROM STDIN reads a file psql opens itself.
import { spawn } from 'node:child_process';

export interface CopyOutResult {
  bytes: number;
  /** Lines received (a header line included). */
  lines: number;
  seconds: number;
}

/** `\copy (<query>) to stdout with (format csv, header)`, streamed here and counted. */
export function copyOut(databaseUrl: string, query: string): Promise<CopyOutResult> {
  return runPsql(databaseUrl, [`\\copy (${query}) to stdout with (format csv, header)`], true);
}

/**
 * `\copy <table> (<columns>) from '<file>' with (format csv, header)`; its wall time in seconds.
 * `rollback`: inside BEGIN … ROLLBACK, to time a COPY into a live table and leave it as it was.
 */
export async function copyIn(
  databaseUrl: string,
  table: string,
  columns: readonly string[],
  file: string,
  options: { rollback?: boolean } = {},
): Promise<number> {
  const copy = `\\copy ${table} (${columns.join(', ')}) from '${file.replaceAll("'", "''")}' with (format csv, header)`;
  const result = await runPsql(databaseUrl, options.rollback ? ['begin', copy, 'rollback'] : [copy], false);
  return result.seconds;
}

function runPsql(databaseUrl: string, commands: readonly string[], count: boolean): Promise<CopyOutResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // -X: no ~/.psqlrc; ON_ERROR_STOP: a failed COPY is a non-zero exit, not a message on stderr only.
    const child = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', databaseUrl, ...commands.flatMap((command) => ['-c', command])], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let bytes = 0;
    let lines = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (count) for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`psql ${commands.join('; ').slice(0, 80)}… exited with ${code}: ${stderr.trim()}`));
      else resolve({ bytes, lines, seconds: (performance.now() - started) / 1000 });
    });
  });
}
