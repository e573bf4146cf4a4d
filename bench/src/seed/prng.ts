// A seeded PRNG (mulberry32) and helpers, so every run seeds the same data and picks the same ids.

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  int(minInclusive: number, maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(0, items.length)] as T,
    chance: (probability: number) => next() < probability,
  };
}

/** A UUIDv7 for a given instant, random bits from `random`: deterministic and time-ordered like the runtime's ids. */
export function uuidV7(epochMillis: number, random: Random): string {
  const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');
  const time = hex(epochMillis, 12);
  const randA = hex(random.int(0, 0x1000), 3);
  const variant = hex(0x8000 | random.int(0, 0x4000), 4);
  const randB = hex(random.int(0, 0x1000000), 6) + hex(random.int(0, 0x1000000), 6);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randA}-${variant}-${randB}`;
}
