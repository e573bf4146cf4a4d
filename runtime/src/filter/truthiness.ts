// JsonLogic truthiness of a typed expression as a condition. With positive = true the SQL is TRUE
// exactly when json-logic-js finds the value truthy; with positive = false exactly when falsy.
// (Every condition the compiler emits keeps this contract: TRUE iff JS agrees, else FALSE or NULL.)
import { sql } from 'kysely';
import type { Condition, Expr } from './types.ts';

export function truthiness(expr: Expr, positive: boolean): Condition {
  const value = expr.sql;
  const orNull = expr.nulls === 'never' ? sql`` : sql` or ${value} is null`;
  switch (expr.type) {
    case 'error':
      return sql<boolean>`false`;
    case 'number':
      return positive ? sql`(${value} <> 0)` : sql`(${value} = 0${orNull})`;
    case 'text':
      return positive ? sql`(${value} <> '')` : sql`(${value} = ''${orNull})`;
    case 'boolean':
      return positive ? sql`(${value} = true)` : sql`(${value} is not true)`;
    case 'textarray':
      // Empty arrays are falsy in JsonLogic.
      return positive ? sql`(${value} <> '[]'::jsonb)` : sql`(${value} = '[]'::jsonb${orNull})`;
    case 'date':
    case 'datetime':
    case 'uuid':
    case 'geolocation':
    case 'null':
      return positive ? sql`(${value} is not null)` : sql`(${value} is null)`;
  }
}

export const constant = (value: boolean): Condition => (value ? sql<boolean>`true` : sql<boolean>`false`);
