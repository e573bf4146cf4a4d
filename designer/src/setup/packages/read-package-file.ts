// Files picked in the browser → a package source for POST /packages/plan: an `npm pack` tarball is
// sent as base64; a folder's JSON files are sent as text keyed by their path inside the folder, so
// the server parses them and names the file of every problem.
import type { PackageSource } from '../../api/index.ts';

export async function tarballSource(file: File): Promise<PackageSource> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  // btoa takes a binary string; build it in slices so a large tarball does not overflow the call stack.
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  }
  return { kind: 'tarball', base64: btoa(binary) };
}

/**
 * `<input webkitdirectory>` gives every file with `webkitRelativePath` = `<picked folder>/<path>`;
 * the picked folder's own name is dropped (tessera.json sits at the package's root). Only JSON
 * files belong to a package; node_modules and dot-folders are skipped.
 */
export async function folderSource(files: readonly File[]): Promise<PackageSource> {
  const entries = await Promise.all(
    files
      .map((file) => ({ file, path: insidePath(file) }))
      .filter(({ path }) => path.endsWith('.json') && !path.split('/').some((part) => part === 'node_modules' || part.startsWith('.')))
      .map(async ({ file, path }) => [path, await file.text()] as const),
  );
  return { kind: 'bundle', files: Object.fromEntries(entries) };
}

function insidePath(file: File): string {
  const relative = file.webkitRelativePath || file.name;
  const slash = relative.indexOf('/');
  return slash === -1 ? relative : relative.slice(slash + 1);
}
