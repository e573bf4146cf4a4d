// Column shapes shared by the tenant table types. Both drivers hand timestamptz back as a Date and
// int8 as a number (create-database.ts); jsonb goes in as JSON text, so what comes out is unknown
// until the reader checks it.
import type { ColumnType, Generated } from 'kysely';

/** timestamptz: read as a Date, written as a Date or ISO text. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** timestamptz with a default (now()): optional on insert. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: written as JSON text. */
export type Json = ColumnType<unknown, string, string>;
/** jsonb with a default ('{}' or '[]'). */
export type JsonWithDefault = ColumnType<unknown, string | undefined, string>;
/** uuid primary key defaulting to tessera.uuid_v7(). */
export type GeneratedId = Generated<string>;
/** bigint generated always as identity: never written. */
export type Sequence = ColumnType<number, never, never>;
