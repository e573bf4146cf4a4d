// One webhook POST to a checked target: the target is resolved and checked (webhook-targets.ts),
// and the connection goes to exactly the address that was checked, so DNS answering differently
// between check and connect cannot steer it inside. The outcome is a status or a short reason of
// our own; the response body and the network error's text are never kept, so a delivery log cannot
// be used to read what answered at an address.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkWebhookTarget } from './webhook-targets.ts';

export interface PostOutcome {
  status: number | null;
  error: string | null;
}

export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; fetch?: typeof fetch },
): Promise<PostOutcome> {
  const target = await checkWebhookTarget(url);
  if (!target.ok) return { status: null, error: 'target not allowed' };
  try {
    const status = options.fetch
      ? await viaFetch(options.fetch, url, headers, body, options.timeoutMs)
      : await viaPinnedConnection(target.url, target.addresses[0] as { address: string; family: number }, headers, body, options.timeoutMs);
    return { status, error: status >= 200 && status < 300 ? null : `HTTP ${status}` };
  } catch (cause) {
    return { status: null, error: (cause as Error)?.name === 'TimeoutError' ? 'timed out' : 'connection failed' };
  }
}

async function viaFetch(post: typeof fetch, url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<number> {
  const response = await post(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  await response.arrayBuffer().catch(() => undefined);
  return response.status;
}

function viaPinnedConnection(
  url: URL,
  pinned: { address: string; family: number },
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<number> {
  const lookup: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    // Redirects are not followed (they could point anywhere): a 3xx is reported as its status.
    const outgoing = send(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup, timeout: timeoutMs },
      (response) => {
        response.resume(); // the body is read and dropped, never kept
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(Object.assign(new Error('timed out'), { name: 'TimeoutError' })));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
