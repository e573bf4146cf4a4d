// The next revision's objects → TSR239 for each roll-up whose value would depend on a calendar: its
// filter names one, or it summarises a child formula that does. A roll-up is stored (triggers keep
// it, rollup-triggers.ts) while a calendar is metadata that changes without touching records, so
// such a roll-up would go stale silently on the next calendar change; formulas, filters and
// validation rules read calendars live and may use them freely.
import { type NormalisedObject, type ProblemDetail, problem } from '@tessera/metadata';
import { calendarReferences } from './calendars-in-use.ts';

export function calendarsInRollups(objects: readonly NormalisedObject[], objectPaths: readonly string[]): ProblemDetail[] {
  const byName = new Map(objects.map((object) => [object.apiName, object]));
  const pathOf = (object: string) => {
    const index = objects.findIndex((candidate) => candidate.apiName === object);
    return index >= 0 ? objectPaths[index] : undefined;
  };
  const problems: ProblemDetail[] = [];
  for (const parent of objects) {
    parent.fields.forEach((field, index) => {
      if (field.type !== 'rollup') return;
      const at = pathOf(parent.apiName);
      const filterNames = calendarReferences(field.filter ?? null);
      if (filterNames.length > 0 && at !== undefined) {
        const [first] = filterNames;
        problems.push(
          problem(
            `${at}/fields/${index}/filter${first?.pointer ?? ''}`,
            'TSR239',
            `roll-up ${parent.apiName}.${field.apiName} is stored, so its filter cannot use calendar '${first?.name}': a calendar change would leave it stale; use a formula instead`,
          ),
        );
      }
      const child = byName.get(field.childObject);
      const summarised = child?.fields.find((candidate) => candidate.apiName === field.aggregateField);
      if (!child || summarised?.type !== 'formula' || !usesCalendar(child, summarised.apiName)) return;
      const childAt = pathOf(child.apiName);
      const path =
        at !== undefined
          ? `${at}/fields/${index}/aggregateField`
          : `${childAt ?? ''}/fields/${child.fields.findIndex((candidate) => candidate.apiName === summarised.apiName)}/expression`;
      problems.push(
        problem(
          path,
          'TSR239',
          `roll-up ${parent.apiName}.${field.apiName} is stored, so it cannot summarise ${child.apiName}.${summarised.apiName}, which reads a calendar: a calendar change would leave it stale`,
        ),
      );
    });
  }
  return problems;
}

/** Whether the formula names a calendar, itself or through the object's other formulas it reads. */
function usesCalendar(object: NormalisedObject, formula: string, seen = new Set<string>()): boolean {
  if (seen.has(formula)) return false;
  seen.add(formula);
  const field = object.fields.find((candidate) => candidate.apiName === formula);
  if (field?.type !== 'formula') return false;
  if (calendarReferences(field.expression).length > 0) return true;
  const reads = JSON.stringify(field.expression).match(/"var":\s*"([a-z][a-z0-9_]*)"/g) ?? [];
  return reads.some((read) => usesCalendar(object, read.slice(read.lastIndexOf('"', read.length - 2) + 1, -1), seen));
}
