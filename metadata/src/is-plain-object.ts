// One definition of "a JSON object" for the request and document checks that take unknown input
// (record bodies, bulk items, calendars): an object that is neither null nor an array.
export const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
