// A package loaded when first called for, not when the server starts: XLSX, HTML sanitising and
// the like are tens of MiB of code a plain CRUD server may never run (the issue #16 memory target).
// Synchronous call sites use this (CommonJS packages, through require); async ones `await import()`.
// Resolved from this file: runtime/src/core/ from source, runtime/dist/cli/ in the build, both
// under runtime/, so only the runtime's own dependencies may be named here.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function onFirstUse<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(name) as T;
    return loaded;
  };
}
