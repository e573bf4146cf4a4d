// TSR250: `timelineAt` names the date or datetime field that places an activity on the timeline;
// it needs `timeline: true` (only activities are on a timeline) and a field of that type, because
// the timeline orders every source by an instant and compares it with the cursor's.
import { type ProblemDetail, problem } from '../error-codes.ts';
import { joinPointer } from './json-pointer.ts';
import type { ObjectUnderCheck } from './object-under-check.ts';

const TIME_TYPES = new Set(['date', 'datetime']);

export function checkTimelineAt(objects: readonly ObjectUnderCheck[]): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  for (const { def, path } of objects) {
    if (def.timelineAt === undefined) continue;
    const at = joinPointer(path, 'timelineAt');
    if (!def.timeline) {
      problems.push(problem(at, 'TSR250', `timelineAt needs timeline: true on '${def.apiName}' (only activities are placed on a timeline)`));
      continue;
    }
    const field = def.fields.find((candidate) => candidate.apiName === def.timelineAt);
    if (!field) problems.push(problem(at, 'TSR250', `timelineAt '${def.timelineAt}' is not a field of '${def.apiName}'`));
    else if (!TIME_TYPES.has(field.type)) {
      problems.push(problem(at, 'TSR250', `timelineAt '${def.timelineAt}' is a ${field.type} field; it must be a date or datetime field`));
    }
  }
  return problems;
}
