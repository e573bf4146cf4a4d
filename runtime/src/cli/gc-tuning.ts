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
import { setFlagsFromString } from 'node:v8';

export function tuneGarbageCollector(env: NodeJS.ProcessEnv = process.env): void {
  // The flag is read at each collection, so setting it after start-up takes effect.
  if (env.TESSERA_GC_PRETENURING !== 'on') setFlagsFromString('--no-allocation-site-pretenuring');
}
