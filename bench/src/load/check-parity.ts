// Before any load: sends the same list, list-expand and get requests to Tessera and a baseline and
// compares the JSON they return, so the baseline is held to the same output as Tessera (no cheaper
// shapes); then one create and one two-field patch on each, compared but for what differs by nature
// (the new id, its timestamps, the owner the token stands for).
import { CONTAINS_TERMS } from '../seed/vocabulary.ts';
import { newOpportunity, type WorkloadData } from './workloads.ts';

export interface ParityResult {
  checked: number;
  differences: string[];
}

const RECORDS = '/api/v1/objects/opportunity/records';
/** Keys a create sets per server: its own new id and clock, and the principal its token stands for. */
const PER_SERVER = new Set(['id', 'created_at', 'updated_at', 'owner_id', 'created_by']);

export async function checkParity(tesseraUrl: string, baselineUrl: string, data: WorkloadData, sampleId: string): Promise<ParityResult> {
  const { token } = data;
  const records = RECORDS;
  const paths = [
    `${records}?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'stage' }, 'proposal'] }))}&sort=-amount&limit=50`,
    `${records}?filter=${encodeURIComponent(JSON.stringify({ in: [CONTAINS_TERMS[0], { var: 'name' }] }))}&expand=account&limit=50`,
    `${records}/${sampleId}`,
  ];
  const differences: string[] = [];
  for (const path of paths) {
    const [tessera, baseline] = await Promise.all(
      [tesseraUrl, baselineUrl].map(async (base) => {
        const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
        return { status: response.status, body: (await response.json().catch(() => null)) as unknown };
      }),
    );
    if (tessera?.status !== baseline?.status) {
      differences.push(`${path}: status ${tessera?.status} vs ${baseline?.status}`);
      continue;
    }
    // nextCursor is opaque: each server may encode it its own way; only null-ness must agree.
    const strip = (body: unknown) =>
      body && typeof body === 'object' && 'nextCursor' in body
        ? { ...body, nextCursor: (body as { nextCursor: unknown }).nextCursor === null ? null : '<cursor>' }
        : body;
    const found = firstDifference(strip(tessera?.body), strip(baseline?.body), '');
    if (found) differences.push(`${path.split('?')[0]}${path.includes('expand') ? ' (expand)' : ''}: ${found}`);
  }
  differences.push(...(await compareWrites(tesseraUrl, baselineUrl, data)));
  return { checked: paths.length + 2, differences };
}

interface Sent {
  status: number;
  etag: string | null;
  body: Record<string, unknown> | null;
}

/** POST the same record to both, then PATCH two fields of each with If-Match; differences as in checkParity. */
async function compareWrites(tesseraUrl: string, baselineUrl: string, data: WorkloadData): Promise<string[]> {
  const send = async (url: string, method: string, body: unknown, ifMatch?: string): Promise<Sent> => {
    const headers = { authorization: `Bearer ${data.token}`, 'content-type': 'application/json', ...(ifMatch ? { 'if-match': ifMatch } : {}) };
    const response = await fetch(url, { method, headers, body: JSON.stringify(body) });
    return { status: response.status, etag: response.headers.get('etag'), body: (await response.json().catch(() => null)) as Sent['body'] };
  };
  const comparable = (body: Sent['body']) => body && Object.fromEntries(Object.entries(body).filter(([key]) => !PER_SERVER.has(key)));
  const differences: string[] = [];
  const compare = (label: string, a: Sent, b: Sent) => {
    if (a.status !== b.status || (a.etag === null) !== (b.etag === null))
      differences.push(`${label}: status ${a.status} vs ${b.status}, ETag ${a.etag} vs ${b.etag}`);
    const found = firstDifference(comparable(a.body), comparable(b.body), '');
    if (found) differences.push(`${label}: ${found}`);
  };
  const create = (base: string) => send(`${base}${RECORDS}`, 'POST', newOpportunity(0, data.accountIds));
  const [tessera, baseline] = await Promise.all([create(tesseraUrl), create(baselineUrl)]);
  compare(`POST ${RECORDS}`, tessera, baseline);
  if (tessera.status !== 201 || baseline.status !== 201) return differences;
  const update = (base: string, created: Sent) =>
    send(`${base}${RECORDS}/${created.body?.id}`, 'PATCH', { amount: 4321.5, next_step: null }, created.etag ?? undefined);
  const [patchedTessera, patchedBaseline] = await Promise.all([update(tesseraUrl, tessera), update(baselineUrl, baseline)]);
  compare(`PATCH ${RECORDS}/:id`, patchedTessera, patchedBaseline);
  return differences;
}

/** JSON pointer and values of the first difference, including key order, or null when equal. */
function firstDifference(a: unknown, b: unknown, pointer: string): string | null {
  if (a === b) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${pointer || '/'}: ${JSON.stringify(a)?.slice(0, 80)} vs ${JSON.stringify(b)?.slice(0, 80)}`;
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.join(',') !== keysB.join(',')) return `${pointer || '/'}: keys [${keysA.join(',')}] vs [${keysB.join(',')}]`;
  for (const key of keysA) {
    const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${pointer}/${key}`);
    if (found) return found;
  }
  return null;
}
