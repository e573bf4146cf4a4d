// Live calendars + the next revision's calendars and objects → a TSR238 problem for each place in
// the next model that still names a calendar the document removes. Any rule may name one (formulas,
// validation rules, roll-up filters, defaults, criteria), so the whole definition is walked rather
// than a list of rule slots that a new rule kind would silently miss.
import { type CalendarDef, type NormalisedObject, type ProblemDetail, problem } from '@tessera/metadata';

const CALENDAR_OPERATORS = new Set(['add_business_hours', 'business_hours_between']);

export function calendarsInUse(
  live: readonly CalendarDef[] | undefined,
  next: readonly CalendarDef[] | undefined,
  incoming: readonly NormalisedObject[],
  untouched: readonly NormalisedObject[],
  removedObjects: readonly string[],
  objectPaths: readonly string[],
): ProblemDetail[] {
  const kept = new Set((next ?? []).map((calendar) => calendar.apiName));
  const removed = new Set((live ?? []).map((calendar) => calendar.apiName).filter((name) => !kept.has(name)));
  if (removed.size === 0) return [];
  const problems: ProblemDetail[] = [];
  const check = (object: NormalisedObject, base: string | undefined) => {
    for (const { name, pointer } of calendarReferences(object)) {
      if (!removed.has(name)) continue;
      // An object the document does not hold has no path in it: the message names the place instead.
      const path = base === undefined ? '/calendars' : `${base}${pointer}`;
      problems.push(problem(path, 'TSR238', `calendar '${name}' is still used by ${placeOf(object, pointer)}; change that rule in the same document`));
    }
  };
  incoming.forEach((object, index) => {
    check(object, objectPaths[index] ?? `/objects/${index}`);
  });
  for (const object of untouched) if (!removedObjects.includes(object.apiName)) check(object, undefined);
  return problems;
}

/** Every calendar name the definition's rules pass to a business-hours operator, with its JSON pointer. */
export function calendarReferences(definition: unknown): { name: string; pointer: string }[] {
  const found: { name: string; pointer: string }[] = [];
  const walk = (value: unknown, pointer: string) => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        walk(item, `${pointer}/${index}`);
      });
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        const at = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        if (CALENDAR_OPERATORS.has(key) && Array.isArray(inner) && typeof inner[2] === 'string') found.push({ name: inner[2], pointer: `${at}/2` });
        walk(inner, at);
      }
    }
  };
  walk(definition, '');
  return found;
}

/** `ticket.resolution_due` for a field's rule, `ticket /validationRules/0/condition/…` otherwise. */
function placeOf(object: NormalisedObject, pointer: string): string {
  const field = /^\/fields\/(\d+)\//.exec(pointer);
  const name = field ? object.fields[Number(field[1])]?.apiName : undefined;
  return name ? `${object.apiName}.${name}` : `${object.apiName} at ${pointer}`;
}
