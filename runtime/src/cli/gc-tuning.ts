// V8 garbage-collector settings for the long-running server (not for one-shot CLI commands).
//
// Allocation-site pretenuring is off. V8 watches which allocation sites' objects survive a young
// collection and, above ~85%, allocates that site's objects straight in the old generation. Under
// load a request lives about as long as the interval between young collections (a 50-row list:
// ~20 ms at ~40 collections/s), so request-scoped sites (pg rows, Hono contexts, route frames) get
// pretenured; the old-space objects they create then hold young objects alive through the
// remembered set, and those are promoted too: `--trace-gc-nvp` showed 0.5–2.3 MB promoted per
// young collection (the hand-written baseline: 4–23 KB) and 2–3 ms pauses instead of ~1 ms.
// Measured with bench/src/profile/profile-op.ts (tsx, 32 connections, 8 s, 100k rows), server CPU
// per request on / off: list 516–561 → 429–451 µs, get 125 → 111 µs, create 440 → 409 µs; list p99
// 43–57 → 31–32 ms. TESSERA_GC_PRETENURING=on restores V8's default, to measure the difference.
//
// The old generation may grow to 1.5× its live size before a full collection (V8 picks up to 4×
// for a process it sees allocating fast). Under list load each page's record strings live until
// the response is written, some survive two young collections and are promoted, and the old
// generation filled with them: `--trace-gc` showed full collections at 80–100 MB taking it back to
// ~24 MB, so resident memory swung by ~60 MiB. At 1.5× the full collections come more often and
// are smaller: 1M rows, list load, max RSS 229–238 → 175–187 MiB, server CPU per request within
// this machine's noise (bench/src/profile/profile-op.ts). TESSERA_GC_HEAP_GROWING_PERCENT=0
// restores V8's own factor.
import { setFlagsFromString } from 'node:v8';

/** The V8 flags `serve` sets, from the environment; a malformed setting is refused, not ignored. */
export function garbageCollectorFlags(env: NodeJS.ProcessEnv = process.env): string[] {
  const flags: string[] = [];
  if (env.TESSERA_GC_PRETENURING !== 'on') flags.push('--no-allocation-site-pretenuring');
  const growing = env.TESSERA_GC_HEAP_GROWING_PERCENT ?? '50';
  if (!/^[0-9]{1,3}$/.test(growing)) throw new Error(`TESSERA_GC_HEAP_GROWING_PERCENT must be a whole number from 0 to 999, not '${growing}'`);
  flags.push(`--heap-growing-percent=${growing}`);
  return flags;
}

/**
 * Both flags are read while the server runs (pretenuring at each collection, the growing factor
 * whenever V8 sets the next full-collection limit), so setting them after start-up takes effect.
 */
export function tuneGarbageCollector(env: NodeJS.ProcessEnv = process.env): void {
  for (const flag of garbageCollectorFlags(env)) setFlagsFromString(flag);
}
