// Seed and run budget shared by every property file. The seed comes from TESSERA_PROPERTY_SEED
// (to replay a failure) or is drawn at random, and is printed in one line so any CI failure can be
// reproduced; TESSERA_PROPERTY_RUNS scales the run count (the defaults keep each file under ~60 s
// on a 2-core machine on both drivers).
import type { Parameters } from 'fast-check';

const fromEnv = Number.parseInt(process.env.TESSERA_PROPERTY_SEED ?? '', 10);
export const PROPERTY_SEED = Number.isSafeInteger(fromEnv) ? fromEnv : Math.floor(Math.random() * 2 ** 31);

const scaleEnv = Number.parseFloat(process.env.TESSERA_PROPERTY_RUNS ?? '');
const RUN_SCALE = Number.isFinite(scaleEnv) && scaleEnv > 0 ? scaleEnv : 1;

/** Prints the seed once per file; call at module level. */
export function announceSeed(file: string): void {
  console.log(`property seed for ${file}: ${PROPERTY_SEED} (replay with TESSERA_PROPERTY_SEED=${PROPERTY_SEED})`);
}

/** fast-check parameters: the file's seed, `runs` scaled by TESSERA_PROPERTY_RUNS. */
export function propertyParameters<T>(runs: number): Parameters<T> {
  return { seed: PROPERTY_SEED, numRuns: Math.max(1, Math.round(runs * RUN_SCALE)), endOnFailure: false };
}
