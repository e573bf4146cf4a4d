// RFC 6266 Content-Disposition with an RFC 8187 `filename*` (UTF-8, percent-encoded) so 合同.pdf
// keeps its name, plus an ASCII `filename` for old clients. Only the safe raster image types are
// shown inline; everything else (SVG, HTML, PDF, unknown) downloads as an attachment.
import { SAFE_IMAGE_TYPES } from '@tessera/metadata';

const encodeRfc8187 = (name: string): string => encodeURIComponent(name).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

export function contentDisposition(name: string, contentType: string): string {
  const kind = SAFE_IMAGE_TYPES.includes(contentType) ? 'inline' : 'attachment';
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeRfc8187(name)}`;
}

/** The X-File-Name header (percent-encoded UTF-8) → a file name: no path, no control characters, at most 255 characters. */
export function uploadedName(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(header);
  } catch {
    return undefined;
  }
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((char) => char.charCodeAt(0) > 0x1f && char.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  return clean.length > 0 && clean.length <= 255 && clean !== '.' && clean !== '..' ? clean : undefined;
}
