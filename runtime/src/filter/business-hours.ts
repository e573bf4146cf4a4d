// add_business_hours and business_hours_between (metadata/src/calendars/business-time.ts) in SQL.
// Set-based over generate_series of local days, with the calendar inlined from metadata (its week
// as a VALUES list, holidays and make-up days as date[] literals): one expression, no function to
// install per tenant, so it works wherever a column goes (filters, ORDER BY, formulas) and on
// PGlite, and a calendar change needs no DDL. Wall times become instants with PostgreSQL's own
// `timestamp at time zone`, which the evaluator mirrors (zone-time.ts). Days are bounded: at most
// BUSINESS_DAYS_LIMIT (null past it, as in JS); add_business_hours also stops after the days its
// hours can need (two weeks per week of working time, plus the holidays), which keeps small offsets cheap.
import { BUSINESS_DAYS_LIMIT, HOUR_MS, type NormalisedCalendar, reachableMs } from './metadata.ts';
import { type RawBuilder, sql } from 'kysely';
import { epochMs, instantOperand } from './datetime-functions.ts';
import { errorExpr, invalidExpr, isError } from './expr.ts';
import type { Operation } from './operation.ts';
import { requireArgs } from './require-args.ts';
import type { CompileContext, Expr } from './types.ts';

export type BusinessHoursOperator = 'add_business_hours' | 'business_hours_between';

const LAST_MS = sql.lit(253402300799999);

export function compileBusinessHours(ctx: CompileContext, operation: Operation, op: BusinessHoursOperator): Expr {
  if (!requireArgs(ctx, operation, 3, 3)) return invalidExpr();
  const calendar = calendarOperand(ctx, operation);
  if (op === 'add_business_hours') {
    const instant = instantOperand(ctx, operation, 0);
    const hours = ctx.expr(operation.args[1], operation.argPath(1));
    if (isError(instant, hours) || !calendar) return invalidExpr();
    if (hours.type !== 'number' || hours.literal?.value === null) {
      return errorExpr(ctx, operation.argPath(1), 'TSR115', `'add_business_hours' needs a number of hours; ${hours.label} is not a number`);
    }
    return { sql: addBusinessHoursSql(calendar, instant.sql, hours.sql), type: 'datetime', nulls: 'null', label: "'add_business_hours' result" };
  }
  const from = instantOperand(ctx, operation, 0);
  const to = instantOperand(ctx, operation, 1);
  if (isError(from, to) || !calendar) return invalidExpr();
  return { sql: businessHoursBetweenSql(calendar, from.sql, to.sql), type: 'number', nulls: 'null', label: "'business_hours_between' result" };
}

/** The third operand: a text literal naming a calendar of the scope (the tenant's metadata). */
function calendarOperand(ctx: CompileContext, operation: Operation): NormalisedCalendar | undefined {
  const name = operation.args[2];
  const path = operation.argPath(2);
  if (typeof name !== 'string') {
    ctx.errors.push({ path, code: 'TSR103', message: `'${operation.op}' needs a calendar's api name as its third operand (e.g. "china_workweek")` });
    return undefined;
  }
  const calendar = ctx.scope.calendar?.(name);
  if (!calendar) ctx.errors.push({ path, code: 'TSR161', message: `there is no calendar '${name.slice(0, 64)}' in the metadata` });
  return calendar;
}

const dateArray = (dates: readonly string[]) => sql`cast(${`{${dates.join(',')}}`} as date[])`;

/** `(a, b)` rows of the working intervals (minutes after local midnight) of the local day `day`. */
function dayIntervals(calendar: NormalisedCalendar, day: RawBuilder<unknown>): RawBuilder<unknown> {
  const exceptions = sql`not (${day} = any(${dateArray(calendar.holidays)})) and not (${day} = any(${dateArray(calendar.workdays)}))`;
  const week = calendar.week.flatMap((intervals, dow) => intervals.map(([a, b]) => sql`(${sql.lit(dow)}, ${sql.lit(a)}, ${sql.lit(b)})`));
  const weekly = sql`select bh_w.a, bh_w.b from (values ${sql.join(week)}) as bh_w(dow, a, b) where bh_w.dow = extract(dow from ${day}) and ${exceptions}`;
  if (calendar.workdays.length === 0 || calendar.makeUpHours.length === 0) return weekly;
  const makeUp = calendar.makeUpHours.map(([a, b]) => sql`(${sql.lit(a)}, ${sql.lit(b)})`);
  return sql`${weekly} union all select bh_m.a, bh_m.b from (values ${sql.join(makeUp)}) as bh_m(a, b) where ${day} = any(${dateArray(calendar.workdays)})`;
}

/** Epoch milliseconds of local day `day` at `minutes` in the calendar's zone. */
const wallMs = (calendar: NormalisedCalendar, day: RawBuilder<unknown>, minutes: RawBuilder<unknown>) =>
  epochMs(sql`((cast(${day} as timestamp) + ${minutes} * interval '1 minute') at time zone ${calendar.timeZone})`);

const localDay = (calendar: NormalisedCalendar, instant: RawBuilder<unknown>) => sql`cast((${instant} at time zone ${calendar.timeZone}) as date)`;

/** Working intervals as epoch-ms rows (s, e) of the local days day0 + 0 … day0 + days. */
function intervalRows(calendar: NormalisedCalendar, day0: RawBuilder<unknown>, days: RawBuilder<unknown>): RawBuilder<unknown> {
  const day = sql.ref('bh_dd.d');
  return sql`select ${wallMs(calendar, day, sql.ref('bh_iv.a'))} as s, ${wallMs(calendar, day, sql.ref('bh_iv.b'))} as e
    from generate_series(0, cast(${days} as integer)) as bh_g(i)
    cross join lateral (select ${day0} + bh_g.i as d) as bh_dd
    cross join lateral (${dayIntervals(calendar, day)}) as bh_iv`;
}

function addBusinessHoursSql(calendar: NormalisedCalendar, instant: RawBuilder<unknown>, hours: RawBuilder<unknown>): RawBuilder<unknown> {
  const weeklyMs = calendar.week.flat().reduce((sum, [a, b]) => sum + (b - a) * 60_000, 0);
  const target = sql.ref('bh_p.target');
  const days = sql`least(${sql.lit(BUSINESS_DAYS_LIMIT)}, 14 * (ceil(${target} / ${sql.lit(weeklyMs)}) + 1) + ${sql.lit(calendar.holidays.length)})`;
  const rows = intervalRows(calendar, sql.ref('bh_p.day0'), days);
  // The interval where the running total of working time first reaches the target holds the answer.
  const reached = sql`(select bh_x.e - (bh_x.total - ${target}) from (
      select bh_y.s, bh_y.e, sum(bh_y.e - bh_y.s) over (order by bh_y.s rows between unbounded preceding and current row) as total
      from (select greatest(bh_z.s, bh_p.start_ms) as s, bh_z.e from (${rows}) as bh_z) as bh_y where bh_y.e > bh_y.s) as bh_x
    where bh_x.total >= ${target} order by bh_x.s limit 1)`;
  // No day works longer than its longest schedule plus a DST hour: past that, the horizon is out of reach (as in JS).
  const reachable = sql.lit(reachableMs(calendar));
  return sql`(select case when bh_p.target is null or bh_p.start_ms is null or bh_p.target < 0 or bh_p.target > ${reachable} then null
      when bh_p.target = 0 then bh_p.start
      else (select case when bh_r.ms <= ${LAST_MS} then timestamptz 'epoch' + interval '1 millisecond' * cast(bh_r.ms as double precision) end from (select ${reached} as ms) as bh_r)
    end
    from (select ${instant} as start, ${epochMs(instant)} as start_ms, ${localDay(calendar, instant)} as day0,
      round(cast(${hours} as numeric) * ${sql.lit(HOUR_MS)}) as target) as bh_p)`;
}

function businessHoursBetweenSql(calendar: NormalisedCalendar, from: RawBuilder<unknown>, to: RawBuilder<unknown>): RawBuilder<unknown> {
  const rows = intervalRows(calendar, sql.ref('bh_p.day_lo'), sql`least(bh_p.day_hi - bh_p.day_lo, ${sql.lit(BUSINESS_DAYS_LIMIT)})`);
  // least/greatest skip NULLs: a null operand makes lo and hi null explicitly (below).
  const overlap = sql`(select coalesce(sum(greatest(0, least(bh_z.e, bh_p.hi) - greatest(bh_z.s, bh_p.lo))), 0) from (${rows}) as bh_z)`;
  return sql`(select case when bh_p.lo is null or bh_p.hi is null then null when bh_p.day_hi - bh_p.day_lo > ${sql.lit(BUSINESS_DAYS_LIMIT)} then null
      else bh_p.sign * ${overlap} / ${sql.lit(HOUR_MS)} end
    from (select ${epochMs(sql`bh_q.lo`)} as lo, ${epochMs(sql`bh_q.hi`)} as hi, bh_q.sign,
        ${localDay(calendar, sql`bh_q.lo`)} as day_lo, ${localDay(calendar, sql`bh_q.hi`)} as day_hi
      from (select case when bh_f.v is not null and bh_t.v is not null then least(bh_f.v, bh_t.v) end as lo,
          case when bh_f.v is not null and bh_t.v is not null then greatest(bh_f.v, bh_t.v) end as hi, case when bh_t.v < bh_f.v then -1 else 1 end as sign
        from (select ${from} as v) as bh_f, (select ${to} as v) as bh_t) as bh_q) as bh_p)`;
}
