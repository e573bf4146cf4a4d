/**
 * JSON pointer of each object in a metadata document: `['']` for a single object,
 * `['/objects/0', '/objects/1', …]` for a bundle. diffSnapshots takes these to point into the input.
 */
export function documentObjectPaths(document: unknown): string[] {
  if (document !== null && typeof document === 'object' && Array.isArray((document as { objects?: unknown }).objects)) {
    return (document as { objects: unknown[] }).objects.map((_, index) => `/objects/${index}`);
  }
  return [''];
}
