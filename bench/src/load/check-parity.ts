// Before any load: sends the same list, list-expand and get requests to both servers and compares
// the JSON they return, so the baseline is held to the same output as Tessera (no cheaper shapes).
import { CONTAINS_TERMS } from '../seed/vocabulary.ts';

export interface ParityResult {
  checked: number;
  differences: string[];
}

export async function checkParity(tesseraUrl: string, baselineUrl: string, token: string, sampleId: string): Promise<ParityResult> {
  const records = '/api/v1/objects/opportunity/records';
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
  return { checked: paths.length, differences };
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
