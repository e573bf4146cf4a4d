/** Record ids are UUIDs; anything else cannot exist, so callers answer 404 without a query. */
export const RECORD_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isRecordId(value: string): boolean {
  return RECORD_ID_PATTERN.test(value);
}
