// Loads the generated rows into t_<tenant>.account / .opportunity with multi-row parameterised
// INSERTs (1,000 rows per statement, two connections), then VACUUM ANALYZE. This is the fast path
// the bench uses instead of the HTTP API; the tables themselves were created through metadata.
import pg from 'pg';
import { ACCOUNT_COLUMNS, type AccountSeed, generateAccounts, generateOpportunities, OPPORTUNITY_COLUMNS, type Row } from './generate-rows.ts';
import { createRandom } from './prng.ts';

export const ROWS_PER_STATEMENT = 1_000;
const PARALLEL_CONNECTIONS = 2;
/** How many opportunity ids the load phase gets to read and patch. */
const SAMPLE_SIZE = 20_000;

export interface SeedResult {
  accountIds: string[];
  /** A deterministic random sample of opportunity ids (the get and patch workloads use them). */
  opportunitySample: string[];
  accounts: number;
  opportunities: number;
  seconds: number;
}

export async function seedTables(url: string, schema: string, opportunities: number): Promise<SeedResult> {
  const started = performance.now();
  const accountCount = Math.max(1, Math.round(opportunities / 10));
  const accounts: AccountSeed = { ids: [], shortNames: [], chinese: [] };
  const clients = await Promise.all(
    Array.from({ length: PARALLEL_CONNECTIONS }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  try {
    await insertAll(clients, schema, 'account', ACCOUNT_COLUMNS, generateAccounts(accountCount, ROWS_PER_STATEMENT, accounts));
    const sample = new ReservoirSample(SAMPLE_SIZE);
    const rows = generateOpportunities(opportunities, ROWS_PER_STATEMENT, accounts);
    const sampled = (function* () {
      for (const batch of rows) {
        for (const row of batch) sample.offer(row[0] as string);
        yield batch;
      }
    })();
    await insertAll(clients, schema, 'opportunity', OPPORTUNITY_COLUMNS, sampled);
    const first = clients[0] as pg.Client;
    // VACUUM sets the visibility map (index-only scans) and ANALYZE gives the planner real statistics.
    await first.query(`vacuum analyze ${pg.escapeIdentifier(schema)}.account`);
    await first.query(`vacuum analyze ${pg.escapeIdentifier(schema)}.opportunity`);
    return {
      accountIds: accounts.ids,
      opportunitySample: sample.items,
      accounts: accountCount,
      opportunities,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

export async function insertAll(clients: pg.Client[], schema: string, table: string, columns: readonly string[], batches: Iterator<Row[]>): Promise<void> {
  const target = `${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(table)}`;
  const columnList = columns.map((column) => pg.escapeIdentifier(column)).join(', ');
  const texts = new Map<number, string>();
  const textFor = (rowCount: number): string => {
    let text = texts.get(rowCount);
    if (!text) {
      const tuples: string[] = [];
      for (let r = 0; r < rowCount; r++) {
        tuples.push(`(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
      }
      text = `insert into ${target} (${columnList}) values ${tuples.join(', ')}`;
      texts.set(rowCount, text);
    }
    return text;
  };
  // Each connection pulls the next batch when its previous insert finishes: generation stays lazy.
  const worker = async (client: pg.Client): Promise<void> => {
    for (let next = batches.next(); !next.done; next = batches.next()) {
      const batch = next.value;
      const values = batch.flat();
      const name = batch.length === ROWS_PER_STATEMENT ? `seed_${table}` : undefined;
      await client.query({ ...(name ? { name } : {}), text: textFor(batch.length), values });
    }
  };
  await Promise.all(clients.map(worker));
}

/** Algorithm R with a seeded PRNG: a uniform sample of a stream of unknown length. */
class ReservoirSample {
  readonly items: string[] = [];
  private seen = 0;
  private readonly random = createRandom(0x5a4e);
  constructor(private readonly size: number) {}
  offer(item: string): void {
    this.seen++;
    if (this.items.length < this.size) {
      this.items.push(item);
      return;
    }
    const slot = Math.floor(this.random.next() * this.seen);
    if (slot < this.size) this.items[slot] = item;
  }
}
