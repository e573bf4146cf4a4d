// The stored media type of an upload, decided from its bytes where they can prove it: a declared
// PNG/JPEG/GIF/WebP/PDF whose bytes say otherwise is refused (TSR173); bytes that prove a type
// replace a vaguer declared one (octet-stream); then the field's rules apply: an image field takes
// the safe image types only, and every field its `accept` list (TSR172).
import { acceptsType, type NormalisedField, SAFE_IMAGE_TYPES } from '@tessera/metadata';
import { ApiError } from '../core/api-error.ts';
import { SNIFFED_TYPES, sniffType } from './sniff-type.ts';

type FileField = Extract<NormalisedField, { type: 'file' | 'image' }>;

export function uploadType(field: FileField, declared: string, bytes: Uint8Array): string {
  const sniffed = sniffType(bytes.subarray(0, 16));
  if (SNIFFED_TYPES.has(declared) && sniffed !== declared) {
    throw new ApiError('TSR173', `The file is declared as ${declared} but its content is ${sniffed ?? 'not that type'}; nothing was stored.`, [
      { path: '/content-type', code: 'TSR173', message: `content is ${sniffed ?? 'not'} ${sniffed ? '' : declared}`.trim() },
    ]);
  }
  const type = sniffed ?? declared;
  const allowed = field.type === 'image' ? SAFE_IMAGE_TYPES.includes(type) && acceptsType(field.accept, type) : acceptsType(field.accept, type);
  if (!allowed) {
    const wanted = field.accept.length > 0 ? field.accept.join(', ') : 'any type';
    throw new ApiError('TSR172', `${field.apiName} does not accept ${type} files (accepted: ${wanted}); nothing was stored.`, [
      { path: `/${field.apiName}`, code: 'TSR172', message: `${type} is not accepted (${wanted})` },
    ]);
  }
  return type;
}
