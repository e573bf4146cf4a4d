// A timestamptz column as ISO 8601 text with milliseconds in UTC, rendered by PostgreSQL: the JSON
// answers show instants exactly as stored, the same on both drivers (a JS Date would round-trip
// through the driver's parser and the process's clock settings).
import { type RawBuilder, sql } from 'kysely';

export const isoText = (column: string): RawBuilder<string> => sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** isoText of a nullable column. */
export const isoTextOrNull = (column: string): RawBuilder<string | null> => sql<string | null>`${isoText(column)}`;
