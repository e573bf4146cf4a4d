// `$today`, `$now` and `$user.id` as SQL: bound parameters of the request's clock and user once a
// request binds them (bind-rule-context.ts); the database's clock and no user before that.
import type { RuleContext } from '@tessera/metadata';
import { type RawBuilder, sql } from 'kysely';
import type { FilterField } from '../filter/index.ts';

export interface RuleContextSql {
  /** Cache key: equal keys give equal SQL. */
  key: string;
  today: RawBuilder<unknown>;
  now: RawBuilder<unknown>;
  userId: RawBuilder<unknown>;
}

export const DATABASE_CLOCK: RuleContextSql = Object.freeze({
  key: 'database',
  today: sql`cast(current_timestamp at time zone 'UTC' as date)`,
  now: sql`current_timestamp`,
  userId: sql`cast(null as uuid)`,
});

export function ruleContextSql(context: RuleContext): RuleContextSql {
  // Every record request binds one, few read it (a filter or formula naming $today…): each
  // fragment is built on first use.
  let today: RawBuilder<unknown> | undefined;
  let now: RawBuilder<unknown> | undefined;
  let userId: RawBuilder<unknown> | undefined;
  return {
    key: `${context.now}|${context.userId ?? ''}`,
    get today() {
      today ??= sql`cast(${context.today} as date)`;
      return today;
    },
    get now() {
      now ??= sql`cast(${context.now} as timestamptz)`;
      return now;
    },
    get userId() {
      userId ??= sql`cast(${context.userId} as uuid)`;
      return userId;
    },
  };
}

/** The filter field for a context variable name, or undefined when the name is not one. */
export function contextField(context: RuleContextSql, name: string): FilterField | undefined {
  switch (name) {
    case '$today':
      return { ref: context.today, type: 'date' };
    case '$now':
      return { ref: context.now, type: 'datetime' };
    case '$user.id':
      return { ref: context.userId, type: 'uuid' };
    default:
      return undefined;
  }
}
