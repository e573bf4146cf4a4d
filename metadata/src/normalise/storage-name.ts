// Derives PostgreSQL identifiers (at most 63 bytes) from validated api names. Pure and
// browser-safe: the designer shows the same names the runtime creates.

const MAX_IDENTIFIER_LENGTH = 63;

/** FNV-1a, 32 bit, as 8 hex characters. Tiny and deterministic; not for security. */
export function fnv1aHex(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * Joins parts with `_`; when the result exceeds 63 characters it is cut and suffixed with
 * `_` + a hash of the full name, so two long names that share a prefix stay distinct.
 * Api names are ASCII (`^[a-z][a-z0-9_]*$`), so characters are bytes.
 */
export function storageName(...parts: string[]): string {
  const full = parts.join('_');
  if (full.length <= MAX_IDENTIFIER_LENGTH) return full;
  return `${full.slice(0, MAX_IDENTIFIER_LENGTH - 9)}_${fnv1aHex(full)}`;
}

export const sequenceName = (object: string, field: string): string => storageName(object, field, 'seq');
/**
 * The counter of an autonumber's format for one record type (formatsByRecordType). The hash of
 * field and record type keeps `a_b` + `c` apart from `a` + `b_c`.
 */
export const recordTypeSequenceName = (object: string, field: string, recordType: string): string =>
  storageName(object, field, recordType, fnv1aHex(`${field}\u0000${recordType}`), 'seq');
export const foreignKeyName = (object: string, field: string): string => storageName('fk', object, field);
/** Name of the unique index behind a field with `unique: true` (used by add_unique). */
export const uniqueFieldIndexName = (object: string, field: string): string => storageName('uq', object, field);
export const indexName = (object: string, fields: readonly string[], unique: boolean): string => storageName(unique ? 'ux' : 'ix', object, ...fields);
/** The managed junction table of a many-to-many field; the leading `_` keeps it apart from object tables (api names start with a letter). */
export const junctionTableName = (object: string, field: string): string => storageName('_links', object, field);
