// TSR204 lookup (and polylookup, many-to-many) targets and TSR251 junction objects must exist in the document or the live snapshot; TSR212 a required
// lookup cannot clear itself when its target is deleted.
import { type ProblemDetail, problem } from '../error-codes.ts';
import type { MetadataSnapshot } from '../normalised-types.ts';
import { joinPointer } from './json-pointer.ts';
import type { ObjectUnderCheck } from './object-under-check.ts';

export function checkLookups(objects: readonly ObjectUnderCheck[], live: MetadataSnapshot): ProblemDetail[] {
  const known = new Set([...live.objects.map((o) => o.apiName), ...objects.map((o) => o.def.apiName)]);
  const problems: ProblemDetail[] = [];
  for (const { def, path } of objects) {
    def.fields.forEach((field, index) => {
      if (field.type === 'polylookup') {
        field.targets.forEach((target, position) => {
          if (known.has(target)) return;
          const message = `polylookup ${def.apiName}.${field.apiName} targets unknown object '${target}'`;
          problems.push(problem(joinPointer(path, 'fields', index, 'targets', position), 'TSR204', message));
        });
      }
      if (field.type === 'manytomany' && !known.has(field.target)) {
        const message = `many-to-many ${def.apiName}.${field.apiName} targets unknown object '${field.target}'`;
        problems.push(problem(joinPointer(path, 'fields', index, 'target'), 'TSR204', message));
      }
      // The junction's lookups are checked by the diff (junction/junction-actions.ts), which sees removals too.
      if (field.type === 'manytomany' && field.junction !== undefined && !known.has(field.junction)) {
        const message = `the junction object '${field.junction}' of ${def.apiName}.${field.apiName} does not exist`;
        problems.push(problem(joinPointer(path, 'fields', index, 'junction'), 'TSR251', message));
      }
      if (field.type !== 'lookup') return;
      const name = `${def.apiName}.${field.apiName}`;
      if (!known.has(field.target)) {
        problems.push(problem(joinPointer(path, 'fields', index, 'target'), 'TSR204', `lookup ${name} targets unknown object '${field.target}'`));
      }
      if (field.required && field.onDelete === 'setNull') {
        problems.push(
          problem(
            joinPointer(path, 'fields', index, 'onDelete'),
            'TSR212',
            `lookup ${name} is required, so it cannot be set to null when its target is deleted; use restrict or cascade`,
          ),
        );
      }
    });
  }
  return problems;
}
