// RFC 6901 JSON pointers: build from segments and read a value at a pointer.

export const escapePointerSegment = (segment: string | number): string => String(segment).replaceAll('~', '~0').replaceAll('/', '~1');

export const joinPointer = (base: string, ...segments: (string | number)[]): string =>
  base + segments.map((segment) => `/${escapePointerSegment(segment)}`).join('');

export function valueAtPointer(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let current = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
