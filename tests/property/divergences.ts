// The documented divergences between the SQL compiler and json-logic-js (runtime/src/filter/README.md,
// "Documented divergences"), each as a named predicate that recognises the case on one rule node
// and one row. The agreement properties leave a row out of the comparison only when one of these
// names it; nothing else is excused (no catch-all). Open defects, when the lead decides to keep a
// property green while a fix is pending, are listed here too, by name.
import jsonLogic from 'json-logic-js';
import { jsArithmeticIsExact } from './exact-decimal.ts';
import type { Row } from './filter-rows.ts';

export interface RuleNode {
  op: string;
  args: unknown[];
}

export interface Divergence {
  name: string;
  /** True when json-logic-js and SQL may legitimately differ on this node for this row. */
  appliesTo(node: RuleNode, row: Row): boolean;
}

const jsValue = (rule: unknown, row: Row): unknown => jsonLogic.apply(rule as never, row);
const evaluated = (node: RuleNode, row: Row): unknown[] => node.args.map((arg) => jsValue(arg, row));
const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);
// `+` and `*` coerce with parseFloat, the others with Number (json-logic-js).
const asNumber = (op: string, value: unknown): number => (op === '+' || op === '*' ? Number.parseFloat(value as string) : Number(value));

const CANONICAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const DATE_LIKE = /^\d{1,4}-\d{1,2}-\d{1,2}/;
const UUID_LIKE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const hasCaseOutsideAscii = (text: string): boolean =>
  [...text].some((char) => char.codePointAt(0)! > 0x7f && (char.toLowerCase() !== char || char.toUpperCase() !== char));

export const DIVERGENCES: readonly Divergence[] = [
  {
    // numeric is exact, JS uses doubles: 0.1 + 0.2 == 0.3 in SQL only; quotients differ after ~16 digits.
    name: 'exact decimals vs doubles',
    appliesTo(node, row) {
      if (!ARITHMETIC.has(node.op)) return false;
      const operands = evaluated(node, row).map((value) => asNumber(node.op, value));
      const jsResult = jsValue({ [node.op]: node.args }, row);
      return typeof jsResult === 'number' && !jsArithmeticIsExact(node.op as '+', operands, jsResult);
    },
  },
  {
    // x/0 is ±Infinity in JS (truthy, above every number), NULL standing for NaN in SQL.
    name: 'division by zero',
    appliesTo(node, row) {
      if (node.op !== '/') return false;
      const [dividend, divisor] = evaluated(node, row).map(Number);
      return divisor === 0 && dividend !== 0 && !Number.isNaN(dividend);
    },
  },
  {
    // Date, instant and uuid literals are normalised by the compiler; json-logic-js compares spellings.
    name: 'non-canonical literals',
    appliesTo(node) {
      return node.args.some(
        (arg) =>
          typeof arg === 'string' &&
          ((DATE_LIKE.test(arg) && !CANONICAL_DATE.test(arg) && !CANONICAL_INSTANT.test(arg)) || (UUID_LIKE.test(arg) && arg !== arg.toLowerCase())),
      );
    },
  },
  {
    // JS toLowerCase vs SQL lower(): they agree on ASCII and caseless scripts only (ctype-dependent).
    name: 'icontains case folding outside ASCII',
    appliesTo(node, row) {
      return node.op === 'icontains' && evaluated(node, row).some((value) => typeof value === 'string' && hasCaseOutsideAscii(value));
    },
  },
  {
    // substr counts UTF-16 code units in JS, code points in SQL.
    name: 'substr outside the BMP',
    appliesTo(node, row) {
      return node.op === 'substr' && /[\uD800-\uDFFF]/.test(String(evaluated(node, row)[0]));
    },
  },
  {
    // hours_between (and business_hours_between) is the exact decimal of ms / 3 600 000 in SQL, a double in JS: they differ in the
    // last digits exactly when the quotient is a repeating decimal (3 600 000 = 2^7 * 3^2 * 5^5, so
    // when the millisecond difference is not a multiple of 9). Multiples of 9 must agree.
    name: 'hours_between repeating quotients',
    appliesTo(node, row) {
      if (node.op !== 'hours_between' && node.op !== 'business_hours_between') return false;
      const hours = jsValue({ [node.op]: node.args }, row);
      return typeof hours === 'number' && Number.isFinite(hours) && Math.round(hours * 3600000) % 9 !== 0;
    },
  },
  {
    // distance: float8 haversine in both, then numeric (15 significant digits) in SQL, and glibc's
    // sin/cos/asin against V8's: the kilometres agree to ~1e-12 relative, not to the last bit. So a
    // comparison whose operands are that close (a distance against itself plus a rounding, against a
    // literal equal to its 15-digit rounding) may differ; distances further apart must agree.
    name: 'distance compared within 1e-9 relative',
    appliesTo(node, row) {
      if (!['==', '!=', '===', '!==', '<', '<=', '>', '>='].includes(node.op) || !JSON.stringify(node.args).includes('"distance"')) return false;
      const values = evaluated(node, row).map((value) => Number(value ?? 0));
      return values.some((a, i) =>
        values.some((b, j) => i !== j && Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1)),
      );
    },
  },
  {
    // A distance's value: SQL computes float8 then numeric (15 significant digits), JS a double with
    // V8's sin/cos/asin against glibc's: equal to ~1e-12 relative, not to the last digit. Comparisons
    // of distances that are not that close must still agree (the divergence above).
    name: 'distance value beyond 15 significant digits',
    appliesTo(node) {
      return node.op === 'distance';
    },
  },
  {
    // distance snaps degrees below 1e-100 to 0 in SQL (geo-distance.ts: PostgreSQL raises an underflow
    // where V8 gives 0), so points closer than that are 0 km apart in SQL and ~1e-158 km in JS.
    name: 'distance of points closer than 1e-100 degrees',
    appliesTo(node, row) {
      if (node.op !== 'distance') return false;
      const km = jsValue({ distance: node.args }, row);
      return typeof km === 'number' && km > 0 && km < 1e-90;
    },
  },
  {
    // cat prints numbers through float8 output: 1e15 is '1e+15' in SQL, '1000000000000000' in JS.
    name: 'cat of numbers >= 1e15 (or below 1e-4)',
    appliesTo(node, row) {
      return (
        node.op === 'cat' &&
        evaluated(node, row).some((value) => typeof value === 'number' && value !== 0 && (Math.abs(value) >= 1e15 || Math.abs(value) < 1e-4))
      );
    },
  },
];

/** Every operation node of a rule, args normalised to an array as json-logic-js does. */
export function ruleNodes(rule: unknown, into: RuleNode[] = []): RuleNode[] {
  if (Array.isArray(rule)) for (const item of rule) ruleNodes(item, into);
  else if (rule !== null && typeof rule === 'object') {
    const [op] = Object.keys(rule);
    if (op !== undefined && op !== 'var') {
      const raw = (rule as Record<string, unknown>)[op];
      const args = Array.isArray(raw) ? raw : [raw];
      into.push({ op, args });
      ruleNodes(args, into);
    }
  }
  return into;
}

/** Names of the divergences that apply to this rule on this row (empty: the row must agree). */
export function divergencesOf(rule: unknown, row: Row): string[] {
  const nodes = ruleNodes(rule);
  return DIVERGENCES.filter((divergence) => nodes.some((node) => divergence.appliesTo(node, row))).map((divergence) => divergence.name);
}
