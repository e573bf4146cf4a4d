// A jsonb column's value: node-postgres parses jsonb, PGlite may hand back the text.
export function jsonColumn<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
