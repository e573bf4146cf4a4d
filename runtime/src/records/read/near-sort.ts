// `sort=location:near(31.23,121.47)`: a list ordered by great-circle distance from a point, nearest
// first (`-location:near(…)` farthest first), records without a location last. The key becomes a
// column of its own for the plan (float8 kilometres, the haversine of filter/geo-distance.ts), so
// ORDER BY, the keyset condition and the cursor's values treat it like any sort column: a cursor
// carries the float8's shortest exact text, which casts back to the same double.
import { type ProblemDetail, isGeolocation } from '@tessera/metadata';
import { sql } from 'kysely';
import type { CompiledColumn, CompiledObject } from '../../catalog/catalog-types.ts';
import { canonicalFieldName } from '../../catalog/compile-catalog.ts';
import { haversineSql, pointSql } from '../../filter/geo-distance.ts';

const NEAR = /^([a-z][a-z0-9_]{0,62}):near\(\s*([^,()]*?)\s*,\s*([^,()]*?)\s*\)$/;
const NUMBER = /^[-+]?\d+(\.\d+)?$/;

/** Whether a sort key is written in the near form (field:near(…)). */
export const isNearSort = (key: string): boolean => key.includes(':near(');

/**
 * The column of one `field:near(lat,lon)` key, named by its canonical text (the plan's sort
 * signature), or a problem for `sort` naming what is wrong.
 */
export function nearSortColumn(object: CompiledObject, key: string): { name: string; column: CompiledColumn } | { problem: ProblemDetail } {
  const refuse = (message: string) => ({ problem: { path: 'sort', code: 'TSR104' as const, message } });
  const match = NEAR.exec(key);
  if (!match)
    return refuse(`'${key.slice(0, 80)}' is not a distance sort; write <geolocation field>:near(<latitude>,<longitude>), e.g. location:near(31.23,121.47)`);
  const fieldName = canonicalFieldName(object, match[1] as string);
  const field = object.columns.get(fieldName);
  if (field?.field?.type !== 'geolocation')
    return refuse(`cannot sort by distance from '${fieldName}': ${object.apiName} has no geolocation field of that name`);
  const [latitude, longitude] = [match[2] as string, match[3] as string];
  const centre = { latitude: Number(latitude), longitude: Number(longitude) };
  if (!NUMBER.test(latitude) || !NUMBER.test(longitude) || !isGeolocation(centre))
    return refuse(`near(${latitude},${longitude}) is not a point: latitude −90..90, longitude −180..180, decimal numbers`);
  const name = `${fieldName}:near(${centre.latitude},${centre.longitude})`;
  const point = field.ref;
  const ref = sql`case when ${point} is null then null else ${haversineSql(point, pointSql(centre))} end`;
  return {
    name,
    column: Object.freeze({ apiName: name, field: undefined, filterType: 'number', cast: 'float8', ref, render: () => ref, sortable: true, asText: false }),
  };
}

/** `a,b:near(1,2),c` → its keys: commas inside near(…) belong to the point. */
export function splitSortKeys(raw: string): string[] {
  return raw.split(/,(?![^()]*\))/).filter((text) => text !== '');
}
