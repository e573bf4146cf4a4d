// The `_packages` table of a tenant: which packages are installed, at which version, with the
// base (normalised objects) of the next upgrade and the roles and permission sets each owns.
import type { CalendarDef, NormalisedObject } from '@tessera/metadata';
import type { InstalledPackage, PackageManifest } from '@tessera/metadata/packages';
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: tenant schemas are dynamic
type Db = Kysely<any>;

/** Names of the roles and permission sets a package created (removed with it on uninstall). */
export interface OwnedSecurity {
  roles: string[];
  permissionSets: string[];
}

export interface PackageRow extends InstalledPackage {
  security: OwnedSecurity;
  /** The installed version's calendar files: the merge base of their next upgrade; null for a package installed before they were kept. */
  baseCalendars: CalendarDef[] | null;
  installedAt: string;
  upgradedAt: string | null;
}

interface RawRow {
  namespace: string;
  name: string;
  version: string;
  manifest: PackageManifest | string;
  base: NormalisedObject[] | string;
  deprecated: string[] | string;
  security: OwnedSecurity | string;
  base_calendars: CalendarDef[] | string | null;
  installed_at: Date | string;
  upgraded_at: Date | string | null;
}

const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
const instant = (value: Date | string): string => (value instanceof Date ? value.toISOString() : new Date(value).toISOString());

/** Every installed package, by namespace. The table exists once the tenant's migrations ran; before that, none. */
export async function listInstalled(db: Db, schema: string): Promise<PackageRow[]> {
  const exists = await sql<{ found: boolean }>`select to_regclass(${`"${schema}"._packages`}) is not null as found`.execute(db);
  if (!exists.rows[0]?.found) return [];
  const result = await sql<RawRow>`select * from ${sql.id(schema, '_packages')} order by namespace`.execute(db);
  return result.rows.map((row) => ({
    namespace: row.namespace,
    name: row.name,
    version: row.version,
    manifest: json(row.manifest),
    base: json(row.base),
    deprecated: json(row.deprecated),
    security: Object.assign({ roles: [], permissionSets: [] }, json(row.security)),
    baseCalendars: row.base_calendars === null ? null : json(row.base_calendars),
    installedAt: instant(row.installed_at),
    upgradedAt: row.upgraded_at === null ? null : instant(row.upgraded_at),
  }));
}

export async function savePackageRow(db: Db, schema: string, row: Omit<PackageRow, 'installedAt' | 'upgradedAt'>, upgrade: boolean): Promise<void> {
  const values = [
    row.name,
    row.version,
    JSON.stringify(row.manifest),
    JSON.stringify(row.base),
    JSON.stringify(row.deprecated),
    JSON.stringify(row.security),
    row.baseCalendars === null ? null : JSON.stringify(row.baseCalendars),
  ] as const;
  if (upgrade) {
    await sql`
      update ${sql.id(schema, '_packages')} set name = ${values[0]}, version = ${values[1]}, manifest = ${values[2]}::jsonb, base = ${values[3]}::jsonb,
        deprecated = ${values[4]}::jsonb, security = ${values[5]}::jsonb, base_calendars = ${values[6]}::jsonb, upgraded_at = now()
      where namespace = ${row.namespace}`.execute(db);
  } else {
    await sql`
      insert into ${sql.id(schema, '_packages')} (namespace, name, version, manifest, base, deprecated, security, base_calendars)
      values (${row.namespace}, ${values[0]}, ${values[1]}, ${values[2]}::jsonb, ${values[3]}::jsonb, ${values[4]}::jsonb, ${values[5]}::jsonb, ${values[6]}::jsonb)`.execute(
      db,
    );
  }
}

export async function deletePackageRow(db: Db, schema: string, namespace: string): Promise<void> {
  await sql`delete from ${sql.id(schema, '_packages')} where namespace = ${namespace}`.execute(db);
}
