// `distance` (metadata/src/rules/operators.ts) in SQL: great-circle kilometres between two
// geolocations (a geolocation field, or a literal {"latitude": …, "longitude": …}), by the same
// haversine steps as the JS operator in float8, then numeric like every number here (float8 →
// numeric keeps 15 significant digits: the README's divergence). A null location gives NaN in JS
// (so "within 5 km" never selects a record without one), SQL NULL meaning NaN here.
// A field measured from a literal point remembers both (nearOf), so `distance ≤ r` can add a
// `point <@ box` prefilter that the field's GiST index answers (compare-order.ts, geo-box.ts).
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { boxesAround } from './geo-box.ts';
import { errorExpr, invalidExpr, isError } from './expr.ts';
import { EARTH_RADIUS_KM, type Geolocation, isGeolocation } from './metadata.ts';
import type { Operation } from './operation.ts';
import { childPath } from './pointer.ts';
import { requireArgs } from './require-args.ts';
import type { CompileContext, Expr } from './types.ts';

interface Near {
  /** The field's point (x = longitude, y = latitude). */
  point: RawBuilder<unknown>;
  centre: Geolocation;
}

// Keyed by the result Expr object itself: an operator that wraps the distance builds a new Expr,
// so `distance * 2 <= 5` never inherits a prefilter that would be wrong for it.
const nears = new WeakMap<Expr, Near>();

type Operand = { expr: Expr; literal?: Geolocation };

export function compileDistance(ctx: CompileContext, operation: Operation): Expr {
  if (!requireArgs(ctx, operation, 2, 2)) return invalidExpr();
  const from = geoOperand(ctx, operation, 0);
  const to = geoOperand(ctx, operation, 1);
  if (!from || !to || isError(from.expr, to.expr)) return invalidExpr();
  const label = "'distance' result";
  if (from.expr.type === 'null' || to.expr.type === 'null') return { sql: sql`cast(null as numeric)`, type: 'number', nulls: 'nan', label };
  const result: Expr = {
    sql: sql`cast(${haversineSql(from.expr.sql, to.expr.sql)} as numeric)`,
    type: 'number',
    nulls: from.expr.nulls === 'never' && to.expr.nulls === 'never' ? 'never' : 'nan',
    label,
  };
  const centre = from.literal ?? to.literal;
  const field = from.literal ? to : from;
  if (centre && !field.literal) nears.set(result, { point: field.expr.sql, centre });
  return result;
}

/**
 * The prefilter implied by "this distance ≤ radius" (or < radius): the field's point in a box
 * around the centre; undefined when the expression is no field-to-point distance or the circle
 * is too wide for a box to help.
 */
export function distancePrefilter(expr: Expr, radiusKm: number): RawBuilder<SqlBool> | undefined {
  const near = nears.get(expr);
  const boxes = near && boxesAround(near.centre, radiusKm);
  if (!near || !boxes) return undefined;
  const inBox = boxes.map(
    (box) => sql<SqlBool>`${near.point} <@ box(point(${sql.lit(box.west)}, ${sql.lit(box.south)}), point(${sql.lit(box.east)}, ${sql.lit(box.north)}))`,
  );
  return inBox.length === 1 ? (inBox[0] as RawBuilder<SqlBool>) : sql<SqlBool>`(${sql.join(inBox, sql` or `)})`;
}

/**
 * Haversine over two points in float8, step for step as haversineKm in metadata: radians() is
 * x · (π/180) as V8's `x * RADIANS`; squares are products, not power(); asin's argument is
 * clamped to 1 by a CASE, not least(): least() skips a NULL, and a missing point must stay NULL.
 */
export function haversineSql(a: RawBuilder<unknown>, b: RawBuilder<unknown>): RawBuilder<unknown> {
  const sinLat = sql`sin(radians(${snap(sql`(${b})[1] - (${a})[1]`)}) / 2)`;
  const sinLon = sql`sin(radians(${snap(sql`(${b})[0] - (${a})[0]`)}) / 2)`;
  const h = sql`(${sinLat} * ${sinLat} + cos(radians(${snap(sql`(${a})[1]`)})) * cos(radians(${snap(sql`(${b})[1]`)})) * ${sinLon} * ${sinLon})`;
  const root = sql`sqrt(${h})`;
  return sql`(${sql.lit(2 * EARTH_RADIUS_KM)}::float8 * asin(case when ${root} > 1 then 1::float8 else ${root} end))`;
}

/**
 * Degrees below 1e-100 as 0: PostgreSQL raises "value out of range: underflow" where a float8
 * product of non-zero factors rounds to 0 (radians(5e-324), a tiny difference squared, times the
 * cosines near a pole), where V8 quietly gives 0. Found by tests/property; the kilometres this
 * drops are below 1e-95.
 */
const snap = (degrees: RawBuilder<unknown>): RawBuilder<unknown> => sql`(case when abs(${degrees}) < 1e-100 then 0::float8 else ${degrees} end)`;

/** A literal point as SQL: bound float8 coordinates, so no text is parsed. */
export const pointSql = (location: Geolocation): RawBuilder<unknown> => sql`point(cast(${location.longitude} as float8), cast(${location.latitude} as float8))`;

const LITERAL_HINT = 'a location is a geolocation field or {"latitude": -90..90, "longitude": -180..180}';

function geoOperand(ctx: CompileContext, operation: Operation, index: number): Operand | undefined {
  const node = operation.args[index];
  const path = operation.argPath(index);
  // json-logic-js treats an object with more than one key as data: that is the literal's form.
  if (node !== null && typeof node === 'object' && !Array.isArray(node) && Object.keys(node).length !== 1) {
    if (isGeolocation(node)) return { expr: { sql: pointSql(node), type: 'geolocation', nulls: 'never', label: 'location literal' }, literal: node };
    const record = node as Record<string, unknown>;
    const bad = ['latitude', 'longitude'].find((key) => !(key in record)) ?? Object.keys(record).find((key) => key !== 'latitude' && key !== 'longitude');
    const range = (key: 'latitude' | 'longitude', limit: number) =>
      typeof record[key] !== 'number' || !Number.isFinite(record[key]) || Math.abs(record[key] as number) > limit;
    const part = bad ?? (range('latitude', 90) ? 'latitude' : range('longitude', 180) ? 'longitude' : undefined);
    errorExpr(ctx, part ? childPath(path, part) : path, 'TSR103', `not a location: ${LITERAL_HINT}`);
    return undefined;
  }
  const expr = ctx.expr(node, path);
  if (isError(expr)) return { expr };
  if (expr.type === 'geolocation' || expr.type === 'null') return { expr };
  errorExpr(ctx, path, 'TSR115', `'distance' measures between locations; ${expr.label} is not one (${LITERAL_HINT})`);
  return undefined;
}
