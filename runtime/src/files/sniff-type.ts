// The media type a file's first bytes prove, for the types Tessera shows inline or that clients
// commonly mislabel: PNG, JPEG, GIF, WebP and PDF. A declared type is never trusted alone: an
// "image/png" whose bytes are HTML would otherwise be served inline as an image.

const startsWith = (bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + prefix.length && prefix.every((byte, index) => bytes[offset + index] === byte);
const ascii = (text: string): number[] => [...text].map((char) => char.charCodeAt(0));

const SIGNATURES: ReadonlyArray<{ type: string; test: (bytes: Uint8Array) => boolean }> = [
  { type: 'image/png', test: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/jpeg', test: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { type: 'image/gif', test: (b) => startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a')) },
  { type: 'image/webp', test: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8) },
  { type: 'application/pdf', test: (b) => startsWith(b, ascii('%PDF-')) },
];

/** Types this module recognises: a file declared as one of them must prove it. */
export const SNIFFED_TYPES: ReadonlySet<string> = new Set(SIGNATURES.map((signature) => signature.type));

/** The type the bytes prove, or undefined when they match no signature. */
export function sniffType(head: Uint8Array): string | undefined {
  return SIGNATURES.find((signature) => signature.test(head))?.type;
}

/** `image/PNG; charset=x` → `image/png`; anything that is not `type/subtype` → application/octet-stream. */
export function declaredType(header: string | undefined): string {
  const type = (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/.test(type) ? type : 'application/octet-stream';
}
