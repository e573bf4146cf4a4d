// Bulk upsert by external id, 2,000 records per request: Tessera's POST …/records/bulk against the
// lean baseline's hand-written multi-row INSERT … ON CONFLICT (baseline/lean/bulk-upsert.ts).
// Requests alternate between the two servers (Tessera first on even rounds, lean on odd ones); each
// request of round r updates the same 1,000 seeded records (ext OPP-…) on both servers and creates
// 1,000 new ones of its own. Ratio = Tessera records/s ÷ lean records/s.
import type { OpportunityRecord } from './data-rows.ts';

export interface UpsertSide {
  requests: number;
  records: number;
  created: number;
  updated: number;
  errors: number;
  seconds: number;
  recordsPerSecond: number;
  meanRequestMs: number;
}

export interface UpsertResult {
  batchSize: number;
  tessera: UpsertSide;
  lean: UpsertSide;
  ratio: number;
}

interface Target {
  name: 'tessera' | 'lean';
  baseUrl: string;
}

export async function measureUpsert(options: {
  tessera: string;
  lean: string;
  token: string;
  requests: number;
  /** Opportunities that have an ext (OPP-0 … OPP-<existing − 1>). */
  existing: number;
  records: readonly OpportunityRecord[];
}): Promise<UpsertResult> {
  const half = Math.min(1000, options.existing);
  const targets: Target[] = [
    { name: 'tessera', baseUrl: options.tessera },
    { name: 'lean', baseUrl: options.lean },
  ];
  const sides = { tessera: emptySide(), lean: emptySide() };
  let next = 0;
  const record = () => options.records[next++ % options.records.length] as OpportunityRecord;
  for (let round = 0; round < options.requests; round++) {
    const ordered = round % 2 === 0 ? targets : [...targets].reverse();
    const updates = Array.from({ length: half }, (_, j) => `OPP-${(round * half + j) % options.existing}`);
    for (const target of ordered) {
      const batch = [
        ...updates.map((ext) => ({ ...record(), ext })),
        ...Array.from({ length: half }, (_, j) => ({ ...record(), ext: `NEW-${target.name}-${round}-${j}` })),
      ];
      const body = JSON.stringify({ operation: 'upsert', externalIdField: 'ext', mode: 'all-or-nothing', records: batch });
      const started = performance.now();
      const response = await fetch(`${target.baseUrl}/api/v1/objects/opportunity/records/bulk`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
        body,
      });
      const text = await response.text();
      const seconds = (performance.now() - started) / 1000;
      if (response.status !== 200) throw new Error(`${target.name} bulk upsert answered ${response.status}: ${text.slice(0, 500)}`);
      const { counts } = JSON.parse(text) as { counts: { created: number; updated: number; failed: number } };
      const side = sides[target.name];
      side.requests++;
      side.records += batch.length;
      side.created += counts.created;
      side.updated += counts.updated;
      side.errors += counts.failed;
      side.seconds += seconds;
    }
  }
  for (const side of Object.values(sides)) {
    side.recordsPerSecond = side.records / side.seconds;
    side.meanRequestMs = (side.seconds * 1000) / Math.max(1, side.requests);
  }
  return { batchSize: half * 2, ...sides, ratio: sides.tessera.recordsPerSecond / sides.lean.recordsPerSecond };
}

const emptySide = (): UpsertSide => ({ requests: 0, records: 0, created: 0, updated: 0, errors: 0, seconds: 0, recordsPerSecond: 0, meanRequestMs: 0 });
