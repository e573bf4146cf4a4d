// Seed and run budget shared by every property test (tests/property, the conformance and unit
// files that use fast-check; tests/support/property-seed-setup.ts hands the seed to fast-check's
// global settings too). The seed is printed in one line so any failure can be replayed.
// Where it comes from:
// - TESSERA_PROPERTY_SEED=<integer>: replay a failure; TESSERA_PROPERTY_SEED=random: explore.
// - Otherwise the code under test: a hash of the git trees of metadata/, runtime/ and tests/.
//   Every change to them explores new cases, while a given state of the code always meets the
//   same ones, so what passed on a developer's machine passes in CI on the same commit (a random
//   seed had parked a whole submission on a case nobody had run). README-only commits keep it.
// TESSERA_PROPERTY_RUNS scales the run count (the defaults keep each file under ~60 s on a
// 2-core machine on both drivers).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Parameters } from 'fast-check';

const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url));

function seedOfTheCode(): number | undefined {
  try {
    const trees = execFileSync('git', ['rev-parse', 'HEAD:metadata', 'HEAD:runtime', 'HEAD:tests'], { cwd: REPOSITORY, encoding: 'utf8', stdio: 'pipe' });
    return createHash('sha256').update(trees).digest().readUInt32BE(0) & 0x7fffffff;
  } catch {
    // Not a git checkout (a tarball): explore.
    return undefined;
  }
}

function chooseSeed(): number {
  const setting = process.env.TESSERA_PROPERTY_SEED ?? '';
  const fromEnv = Number.parseInt(setting, 10);
  if (Number.isSafeInteger(fromEnv)) return fromEnv;
  const random = Math.floor(Math.random() * 2 ** 31);
  return setting === 'random' ? random : (seedOfTheCode() ?? random);
}

export const PROPERTY_SEED = chooseSeed();

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
