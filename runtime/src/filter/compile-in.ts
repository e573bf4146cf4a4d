// "in", in its three shapes:
//   {"in": [x, [a, b]]}       membership. json-logic-js uses indexOf (strict equality), so only
//                             items of x's JS type (and canonical spelling) can match ⇒ = ANY($1).
//   {"in": ["abc", text]}     substring, case-sensitive ⇒ strpos(text, $1) > 0.
//   {"in": ["vip", tags]}     multi-select membership ⇒ tags @> $1::jsonb.
import { type RawBuilder, sql } from 'kysely';
import { checkPicklistLiteral } from './picklist-values.ts';
import { requireArgs } from './require-args.ts';
import { errorExpr, isError, isPrimitive, SQL_ARRAY_TYPE } from './expr.ts';
import { canonicalDate, canonicalDatetime, canonicalUuid } from './js-coerce.ts';
import type { Operation } from './operation.ts';
import { constant } from './truthiness.ts';
import type { CompileContext, Condition, Expr } from './types.ts';

export function compileIn(ctx: CompileContext, operation: Operation, positive: boolean): Condition {
  if (!requireArgs(ctx, operation, 2, 2)) return constant(false);
  const [needleNode, haystackNode] = operation.args;
  const needle = ctx.expr(needleNode, operation.argPath(0));
  if (Array.isArray(haystackNode)) return compileMembership(ctx, needle, haystackNode, operation.argPath(1), positive);
  const haystack = ctx.expr(haystackNode, operation.argPath(1));
  if (isError(needle, haystack)) return constant(false);
  if (needle.type !== 'text' && needle.type !== 'null') {
    errorExpr(ctx, operation.argPath(0), 'TSR115', `'in' looks for text inside ${haystack.label}; ${needle.label} is not text`);
    return constant(false);
  }
  if (haystack.type === 'textarray') {
    if (!checkPicklistLiteral(ctx, haystack, needle, operation.argPath(0))) return constant(false);
    return containsItem(needle, haystack, positive);
  }
  if (haystack.type === 'text') return containsSubstring(needle, haystack, positive);
  errorExpr(ctx, operation.argPath(1), 'TSR115', `'in' needs a list, a text or a multi-select value as its second argument, not a ${haystack.label}`);
  return constant(false);
}

type Item = string | number | boolean | null;

/** Items json-logic-js's indexOf could find for a value of this type (strict equality on the API form). */
const MATCHES: Record<string, (item: Item) => boolean> = {
  number: (item) => typeof item === 'number',
  text: (item) => typeof item === 'string',
  boolean: (item) => typeof item === 'boolean',
  date: (item) => typeof item === 'string' && canonicalDate(item) === item,
  datetime: (item) => typeof item === 'string' && canonicalDatetime(item) === item,
  uuid: (item) => typeof item === 'string' && canonicalUuid(item) === item && item === item.toLowerCase(),
};

function compileMembership(ctx: CompileContext, value: Expr, list: unknown[], path: string, positive: boolean): Condition {
  const items: Item[] = [];
  list.forEach((item, index) => {
    if (isPrimitive(item) && !checkPicklistLiteral(ctx, value, item, `${path}/${index}`)) return;
    if (isPrimitive(item)) items.push(item);
    else errorExpr(ctx, `${path}/${index}`, 'TSR103', "items of an 'in' list must be literals (string, number, boolean or null)");
  });
  if (isError(value)) return constant(false);
  // A null field is found by a null item; NaN and a multi-select array never are.
  const matchesNull = value.nulls === 'null' && items.includes(null);
  const matches = MATCHES[value.type];
  const candidates = matches ? [...new Set(items.filter((item) => item !== null && matches(item)))] : [];
  const arrayType = SQL_ARRAY_TYPE[value.type as keyof typeof SQL_ARRAY_TYPE];
  if (candidates.length === 0 || !arrayType) {
    if (positive) return matchesNull ? sql<boolean>`(${value.sql} is null)` : constant(false);
    return matchesNull ? sql<boolean>`(${value.sql} is not null)` : constant(true);
  }
  const array: RawBuilder<unknown> = sql`cast(${candidates} as ${arrayType})`;
  if (positive) {
    return matchesNull ? sql<boolean>`(${value.sql} = any(${array}) or ${value.sql} is null)` : sql<boolean>`(${value.sql} = any(${array}))`;
  }
  const orNull = value.nulls !== 'never' && !matchesNull ? sql` or ${value.sql} is null` : sql``;
  return sql<boolean>`(${value.sql} <> all(${array})${orNull})`;
}

// JS: tags.indexOf(item); a NULL multi-select is not an array ⇒ false.
function containsItem(needle: Expr, tags: Expr, positive: boolean): Condition {
  const item =
    typeof needle.literal?.value === 'string' ? sql`cast(${JSON.stringify([needle.literal.value])} as jsonb)` : sql`jsonb_build_array(${needle.sql})`;
  if (positive) return sql<boolean>`(${tags.sql} @> ${item})`;
  return sql<boolean>`(not (${tags.sql} @> ${item}) or ${tags.sql} is null)`;
}

// JS: text.indexOf(needle) with "" and null haystacks false (json-logic-js checks !b first), and a
// null needle searched as the string "null" (indexOf converts its argument).
function containsSubstring(needle: Expr, text: Expr, positive: boolean): Condition {
  const search = needle.nulls === 'never' ? needle.sql : sql`coalesce(${needle.sql}, 'null')`;
  const mayBeEmpty = needle.literal?.value !== undefined ? needle.literal.value === '' : true;
  if (positive) {
    return mayBeEmpty ? sql<boolean>`(strpos(${text.sql}, ${search}) > 0 and ${text.sql} <> '')` : sql<boolean>`(strpos(${text.sql}, ${search}) > 0)`;
  }
  const orNull = text.nulls === 'never' ? sql`` : sql` or ${text.sql} is null`;
  return mayBeEmpty
    ? sql<boolean>`(strpos(${text.sql}, ${search}) = 0 or ${text.sql} = ''${orNull})`
    : sql<boolean>`(strpos(${text.sql}, ${search}) = 0${orNull})`;
}
