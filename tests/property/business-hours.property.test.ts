// Property: on random calendars (zones with and without DST, 30-minute DST, +05:45; intervals on
// the DST hours and at midnight; holidays and make-up days), add_business_hours and
// business_hours_between compiled to SQL answer what json-logic-js (Tessera's operators) answers,
// for random instants and hours. Hours differences compare in whole milliseconds: SQL's quotient is
// an exact decimal, JS's a double (the 'hours_between repeating quotients' divergence).
// PostgreSQL and PGlite.
import { registerTesseraOperators } from '@tessera/metadata';
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { compileValue, type FilterScope } from '../../runtime/src/filter/index.ts';
import { calendarDefArbitrary, normalisedCalendar } from './calendar-arbitraries.ts';
import { announceSeed, propertyParameters } from './property-config.ts';

registerTesseraOperators(jsonLogic);
announceSeed('business-hours.property');
const kinds = await testDriverKinds();

const HOUR_MS = 3_600_000;
const instant = fc.oneof(
  fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 31) }).map((ms) => new Date(ms).toISOString()),
  // On the half hour: exactly at interval boundaries, DST transitions and midnights.
  fc.integer({ min: Date.UTC(2025, 0, 1) / 1_800_000, max: Date.UTC(2027, 11, 31) / 1_800_000 }).map((half) => new Date(half * 1_800_000).toISOString()),
  fc.constantFrom('2026-03-29T01:00:00.000Z', '2026-10-25T00:30:00.000Z', '2026-03-08T07:00:00.000Z', '2026-11-01T05:30:00.000Z', '2026-10-01'),
);
const hours = fc.oneof(
  fc.integer({ min: 0, max: 300 }),
  fc.integer({ min: 0, max: 4000 }).map((n) => n / 16),
  fc.constantFrom(0, 1e-9, 0.5, 8, 9999, -1, 1e7),
);

describe.each(kinds)('business hours agree with json-logic-js on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('on random calendars, add_business_hours and business_hours_between match the evaluator', async () => {
    let nonNull = 0;
    await fc.assert(
      fc.asyncProperty(calendarDefArbitrary, fc.array(fc.tuple(instant, instant, hours), { minLength: 1, maxLength: 4 }), async (def, cases) => {
        const calendar = normalisedCalendar(def);
        const scope: FilterScope = { resolve: () => undefined, calendar: (name) => (name === 'generated' ? calendar : undefined) };
        const data = { $calendars: { generated: calendar } };
        for (const [from, to, offset] of cases) {
          for (const rule of [{ add_business_hours: [from, offset, 'generated'] }, { business_hours_between: [from, to, 'generated'] }]) {
            const compiled = compileValue(rule, scope);
            expect(compiled.ok, JSON.stringify(compiled)).toBe(true);
            if (!compiled.ok) return;
            const result = await sql<{ v: unknown }>`select to_jsonb(${compiled.value.sql}) as v`.execute(database.db);
            const bySql = result.rows[0]?.v ?? null;
            const byJs = jsonLogic.apply(rule as never, data) as unknown;
            const summary = `${JSON.stringify(rule)} on ${JSON.stringify(def)}`;
            if (typeof byJs === 'number' && typeof bySql === 'number') expect(Math.round(bySql * HOUR_MS), summary).toBe(Math.round(byJs * HOUR_MS));
            else if (typeof bySql === 'string') expect(new Date(bySql).toISOString(), summary).toBe(byJs);
            else expect(bySql, summary).toBe(byJs);
            if (byJs !== null) nonNull += 1;
          }
        }
      }),
      propertyParameters(150),
    );
    // Calendars that never answer would prove nothing.
    expect(nonNull).toBeGreaterThan(propertyParameters(150).numRuns!);
  }, 600_000);
});
