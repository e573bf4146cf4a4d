// The virus-scan hook: called with every upload's bytes before the file is stored. Default none.
// TESSERA_FILE_SCAN_COMMAND runs a command (through /bin/sh) with the bytes on stdin: exit 0 is
// clean, exit 1 is refused (its stdout is the reason), anything else is a scanner failure.
// TESSERA_FILE_SCAN_URL POSTs the bytes (application/octet-stream, X-File-Name): 2xx is clean,
// 422 or 406 is refused (the body's text is the reason), anything else is a scanner failure.
// A failing scanner answers 503 TSR177: a file nobody could scan is never stored.
import { spawn } from 'node:child_process';

export interface ScanInput {
  bytes: Uint8Array;
  name: string;
  contentType: string;
  sha256: string;
}

export type ScanVerdict = { clean: true } | { clean: false; reason: string };

export interface FileScanner {
  scan(input: ScanInput): Promise<ScanVerdict>;
}

/** Thrown when the scanner could not give a verdict. */
export class ScannerFailedError extends Error {}

export function commandScanner(command: string): FileScanner {
  return {
    scan: (input) =>
      new Promise((resolve, reject) => {
        const child = spawn('/bin/sh', ['-c', command], { stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, TESSERA_FILE_NAME: input.name } });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          if (output.length < 1000) output += chunk.toString('utf8');
        });
        child.on('error', (error) => reject(new ScannerFailedError(error.message)));
        child.on('close', (code) => {
          if (code === 0) resolve({ clean: true });
          else if (code === 1) resolve({ clean: false, reason: output.trim().slice(0, 200) || 'refused by the virus scan' });
          else reject(new ScannerFailedError(`the scan command exited with ${code}`));
        });
        // A scanner that stops reading early (it decided) must not fail the upload with EPIPE.
        child.stdin.on('error', () => undefined);
        child.stdin.end(input.bytes);
      }),
  };
}

export function httpScanner(url: string): FileScanner {
  return {
    async scan(input) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(input.name), 'x-file-sha256': input.sha256 },
        body: new Blob([Buffer.from(input.bytes)]),
      }).catch((error: Error) => {
        throw new ScannerFailedError(error.message);
      });
      const text = (await response.text()).trim().slice(0, 200);
      if (response.ok) return { clean: true };
      if (response.status === 422 || response.status === 406) return { clean: false, reason: text || 'refused by the virus scan' };
      throw new ScannerFailedError(`the scan endpoint answered ${response.status}`);
    },
  };
}

/** The scanner the environment configures, or undefined (no scan). */
export function scannerFromEnv(env: NodeJS.ProcessEnv): FileScanner | undefined {
  if (env.TESSERA_FILE_SCAN_COMMAND) return commandScanner(env.TESSERA_FILE_SCAN_COMMAND);
  if (env.TESSERA_FILE_SCAN_URL) return httpScanner(env.TESSERA_FILE_SCAN_URL);
  return undefined;
}
