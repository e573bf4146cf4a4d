// Follows a package operation by its id (GET /packages/operations/:id) every ~300 ms while its
// request is pending. A miss is not an error: the server registers the id when the request arrives,
// and a deployment with several instances may answer from one that never saw it (404).
import type { ApiClient, PackageOperationProgress } from '../../api/index.ts';

export const POLL_INTERVAL_MS = 300;

/** Returns the function that stops polling; nothing is reported after it. */
export function pollOperation(client: ApiClient, operationId: string, onProgress: (progress: PackageOperationProgress) => void): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    try {
      const progress = await client.getPackageOperation(operationId);
      if (!stopped) onProgress(progress);
    } catch {
      // Not there (yet): the next tick asks again; the operation's own response has the result.
    }
    if (!stopped) timer = setTimeout(tick, POLL_INTERVAL_MS);
  };
  timer = setTimeout(tick, POLL_INTERVAL_MS);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** A new UUID per operation. `crypto.randomUUID` needs a secure context; `getRandomValues` does not. */
export function newOperationId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
