// Deterministic rows for the two bench tables, as arrays in ACCOUNT_COLUMNS / OPPORTUNITY_COLUMNS
// order. Chinese and English names, skewed stages and log-spread amounts, ids time-ordered (UUIDv7).
import { createRandom, type Random, uuidV7 } from './prng.ts';
import {
  DESCRIPTION_WORDS,
  EN_CORES,
  EN_INDUSTRIES,
  EN_PRODUCTS,
  EN_SUFFIXES,
  NEXT_STEPS,
  ZH_CITIES,
  ZH_CORES,
  ZH_INDUSTRIES,
  ZH_PRODUCTS,
} from './vocabulary.ts';

export const ACCOUNT_COLUMNS = ['id', 'name', 'industry', 'website', 'phone', 'annual_revenue', 'employees', 'created_at', 'updated_at'] as const;
export const OPPORTUNITY_COLUMNS = [
  'id',
  'name',
  'account',
  'stage',
  'amount',
  'probability',
  'quantity',
  'discount',
  'expected_revenue',
  'close_date',
  'last_activity_at',
  'is_private',
  'contact_email',
  'lead_source',
  'next_step',
  'description',
  'created_at',
  'updated_at',
] as const;

export type Row = (string | number | boolean | null)[];

export const STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation', 'closed_won', 'closed_lost'] as const;
const STAGE_WEIGHTS = [0.3, 0.22, 0.16, 0.1, 0.12, 0.1];
const STAGE_PROBABILITY: Record<(typeof STAGES)[number], number> = {
  prospecting: 10,
  qualification: 20,
  proposal: 50,
  negotiation: 75,
  closed_won: 100,
  closed_lost: 0,
};
const INDUSTRIES = ['technology', 'manufacturing', 'finance', 'healthcare', 'retail'];
const LEAD_SOURCES = ['web', 'referral', 'partner', 'event', null];

const DAY = 86_400_000;
/** Seeded rows are created over the two years before this instant. */
const EPOCH_END = Date.UTC(2026, 0, 1);
const SPAN = 730 * DAY;

export interface AccountSeed {
  ids: string[];
  /** Short names ("星河科技", "Globex Robotics") used to build opportunity names. */
  shortNames: string[];
  chinese: boolean[];
}

/** Accounts in batches, generated lazily so a million opportunities never sit in memory at once. */
export function* generateAccounts(count: number, batchSize: number, into: AccountSeed): Generator<Row[]> {
  const random = createRandom(0xacc0);
  let batch: Row[] = [];
  for (let i = 0; i < count; i++) {
    const created = EPOCH_END - SPAN + Math.floor((i / count) * SPAN);
    const id = uuidV7(created, random);
    const chinese = random.chance(0.5);
    let name: string;
    let shortName: string;
    if (chinese) {
      shortName = random.pick(ZH_CORES) + random.pick(ZH_INDUSTRIES);
      name = `${random.pick(ZH_CITIES)}${shortName}有限公司`;
    } else {
      shortName = `${random.pick(EN_CORES)} ${random.pick(EN_INDUSTRIES)}`;
      name = `${shortName} ${random.pick(EN_SUFFIXES)}`;
    }
    into.ids.push(id);
    into.shortNames.push(shortName);
    into.chinese.push(chinese);
    const stamp = new Date(created).toISOString();
    batch.push([
      id,
      name,
      random.pick(INDUSTRIES),
      `https://www.example-${i}.com`,
      `+86 ${random.int(10, 99)} ${random.int(1000, 9999)}-${random.int(1000, 9999)}`,
      money(random, 1e5, 1e10),
      random.int(5, 200_000),
      stamp,
      stamp,
    ]);
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

export function* generateOpportunities(count: number, batchSize: number, accounts: AccountSeed): Generator<Row[]> {
  const random = createRandom(0x0bb0);
  let batch: Row[] = [];
  for (let i = 0; i < count; i++) {
    const created = EPOCH_END - SPAN + Math.floor((i / count) * SPAN);
    const accountIndex = random.int(0, accounts.ids.length);
    const chinese = accounts.chinese[accountIndex] ?? false;
    const ownScript = random.chance(0.8) === chinese;
    const product = ownScript ? random.pick(ZH_PRODUCTS) : random.pick(EN_PRODUCTS);
    const stage = weightedStage(random);
    const amount = money(random, 1_000, 5_000_000);
    const probability = STAGE_PROBABILITY[stage];
    const stamp = new Date(created).toISOString();
    batch.push([
      uuidV7(created, random),
      `${accounts.shortNames[accountIndex]} - ${product}`,
      random.chance(0.97) ? (accounts.ids[accountIndex] ?? null) : null,
      stage,
      amount,
      probability,
      random.int(1, 500),
      random.chance(0.3) ? random.int(0, 3000) / 100 : null,
      Math.round(amount * probability) / 100,
      new Date(created + random.int(7, 180) * DAY).toISOString().slice(0, 10),
      random.chance(0.8) ? new Date(created + random.int(0, 30 * DAY)).toISOString() : null,
      random.chance(0.1),
      `buyer${i}@example.com`,
      random.pick(LEAD_SOURCES),
      random.chance(0.7) ? random.pick(NEXT_STEPS) : null,
      random.chance(0.5) ? description(random) : null,
      stamp,
      stamp,
    ]);
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function weightedStage(random: Random): (typeof STAGES)[number] {
  let roll = random.next();
  for (let i = 0; i < STAGES.length; i++) {
    roll -= STAGE_WEIGHTS[i] ?? 0;
    if (roll < 0) return STAGES[i] ?? 'prospecting';
  }
  return 'closed_lost';
}

/** Log-uniform between min and max, two decimals. */
function money(random: Random, min: number, max: number): number {
  const value = Math.exp(Math.log(min) + random.next() * (Math.log(max) - Math.log(min)));
  return Math.round(value * 100) / 100;
}

function description(random: Random): string {
  const words: string[] = [];
  const length = random.int(8, 40);
  for (let i = 0; i < length; i++) words.push(random.pick(DESCRIPTION_WORDS));
  return words.join(' ');
}
