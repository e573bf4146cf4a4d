// What file and image fields share between metadata, runtime and designer: the default size
// limit, the image types a browser may show inline, and the `accept` check. Pure.

/** Default `maxSizeMb` of a file or image field. */
export const DEFAULT_FILE_MAX_SIZE_MB = 10;
/** The largest `maxSizeMb` metadata may set (the upload route's own body limit). */
export const MAX_FILE_SIZE_MB = 1024;

/**
 * Raster image types recognised from their first bytes and safe to show inline. SVG is not
 * among them: it can carry script, so it is only ever downloaded as an attachment.
 */
export const SAFE_IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/** A file reference as records hold it and the API returns it. */
export interface FileRef {
  id: string;
  name: string;
  size: number;
  contentType: string;
}

/** Whether a media type passes an `accept` list (`[]` accepts anything; `image/*` a whole kind). */
export function acceptsType(accept: readonly string[], contentType: string): boolean {
  if (accept.length === 0) return true;
  const type = contentType.toLowerCase();
  return accept.some((pattern) => {
    const wanted = pattern.toLowerCase();
    return wanted.endsWith('/*') ? type.startsWith(wanted.slice(0, -1)) : type === wanted;
  });
}

/** `accept` after normalisation; an image field defaults to the safe image types (and the runtime takes no other). */
export function normaliseAccept(type: 'file' | 'image', accept: readonly string[] | undefined): string[] {
  const given = [...(accept ?? [])];
  return type === 'image' && given.length === 0 ? [...SAFE_IMAGE_TYPES] : given;
}
