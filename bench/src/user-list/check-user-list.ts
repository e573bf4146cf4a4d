// Before the list-user load: does the user's list return exactly the rows the rules allow? Sends
// the six requests of the list workload (and one ascending-amount probe, where the rules bite
// hardest: the cheapest deals are neither big nor won) with the user's token, and compares the ids
// of each first page, in order, with one independent SQL query. That query states the rules
// directly (own rows, amount > 990,000, stage closed_won; team_0 has no subordinate roles and
// nothing is shared by hand) instead of reading the runtime's tables. Any difference throws.
import type { Request } from 'autocannon';
import pg from 'pg';
import { buildWorkload, type WorkloadData } from '../load/workloads.ts';
import { STAGES } from '../seed/generate-rows.ts';
import { BIG_DEAL_AMOUNT, WON_STAGE } from './security-setup.ts';

export interface UserListCheck {
  /** First pages compared. */
  pages: number;
  /** Ids compared over all pages. */
  rows: number;
  /** Pages where the user sees a different first page than the admin: the rules really narrowed them. */
  narrowedPages: number;
}

interface Probe {
  path: string;
  stage: string;
  descending: boolean;
}

const LIMIT = 50;
const ASCENDING_PROBE_STAGE = 'prospecting';

export async function checkUserList(baseUrl: string, databaseUrl: string, schema: string, data: WorkloadData, userId: string): Promise<UserListCheck> {
  const probes = [
    ...workloadPaths(data),
    `/api/v1/objects/opportunity/records?${new URLSearchParams({
      filter: JSON.stringify({ '==': [{ var: 'stage' }, ASCENDING_PROBE_STAGE] }),
      sort: 'amount',
      limit: String(LIMIT),
    })}`,
  ].map(probe);
  const expected = await expectedPages(databaseUrl, schema, probes, userId);
  const problems: string[] = [];
  let rows = 0;
  let narrowedPages = 0;
  for (const [i, item] of probes.entries()) {
    const response = await fetch(`${baseUrl}${item.path}`, { headers: { authorization: `Bearer ${data.token}` } });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`list-user check: ${item.path} answered ${response.status}: ${text.slice(0, 300)}`);
    const got = (JSON.parse(text) as { data: { id: string }[] }).data.map((record) => record.id);
    const { allowed, everything } = expected[i] ?? { allowed: [], everything: [] };
    rows += got.length;
    if (allowed.join() !== everything.join()) narrowedPages++;
    if (got.join() === allowed.join()) continue;
    const extra = got.filter((id) => !allowed.includes(id));
    const missing = allowed.filter((id) => !got.includes(id));
    problems.push(
      `${item.stage} ${item.descending ? '-amount' : 'amount'}: ${got.length} ids, expected ${allowed.length}; ` +
        `not allowed [${extra.slice(0, 5).join(', ')}${extra.length > 5 ? ', …' : ''}], missing [${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}]` +
        (extra.length + missing.length === 0 ? ' (same ids, other order)' : ''),
    );
  }
  if (problems.length > 0) throw new Error(`list-user check: the user's list is not what the sharing rules allow:\n  ${problems.join('\n  ')}`);
  if (narrowedPages === 0) throw new Error('list-user check: no page differs from what the admin sees, so the check proves nothing (too few rows?)');
  return { pages: probes.length, rows, narrowedPages };
}

/** The list workload's distinct paths, taken from the workload itself so the check sends what the load sends. */
function workloadPaths(data: WorkloadData): string[] {
  const workload = buildWorkload('list-user', data);
  const paths = new Set<string>();
  for (let i = 0; i < STAGES.length; i++) paths.add(workload.request.setupRequest({} as Request, {}).path as string);
  return [...paths];
}

function probe(path: string): Probe {
  const params = new URL(path, 'http://bench').searchParams;
  const filter = JSON.parse(params.get('filter') ?? 'null') as { '==': [unknown, string] } | null;
  const stage = filter?.['==']?.[1];
  const sort = params.get('sort');
  if (typeof stage !== 'string' || (sort !== 'amount' && sort !== '-amount') || params.get('limit') !== String(LIMIT)) {
    throw new Error(`list-user check: cannot state ${path} in SQL`);
  }
  return { path, stage, descending: sort === '-amount' };
}

/** One query: per probe, the first page the rules allow and the first page with no rule at all. */
async function expectedPages(databaseUrl: string, schema: string, probes: Probe[], userId: string): Promise<{ allowed: string[]; everything: string[] }[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = `${pg.escapeIdentifier(schema)}.opportunity`;
    const page = (rule: string) => `array(
        select o.id::text from ${table} as o
        where o.deleted_at is null and o.stage = p.stage ${rule}
        order by case when p.descending then o.amount end desc nulls last, case when not p.descending then o.amount end asc nulls last, o.id
        limit ${LIMIT})`;
    const result = await client.query<{ allowed: string[]; everything: string[] }>(
      `select ${page('and (o.owner_id = $3::uuid or o.amount > $4 or o.stage = $5)')} as allowed, ${page('')} as everything
       from unnest($1::text[], $2::boolean[]) with ordinality as p(stage, descending, n)
       order by p.n`,
      [probes.map((item) => item.stage), probes.map((item) => item.descending), userId, BIG_DEAL_AMOUNT, WON_STAGE],
    );
    return result.rows;
  } finally {
    await client.end();
  }
}
