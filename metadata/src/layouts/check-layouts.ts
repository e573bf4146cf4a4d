// Record types and layouts of each object → every semantic problem, with JSON pointers:
// TSR202 duplicate api names, TSR230 layouts (unknown or repeated fields, impossible flags),
// TSR231 record types (unknown layouts, picklist subsets that are not values of that picklist,
// defaults), TSR232 visibility rules (unknown fields or operators).
import { type ProblemDetail, problem } from '../error-codes.ts';
import { type RuleNames, ruleNamesOf } from '../rules/index.ts';
import { joinPointer } from '../validate/json-pointer.ts';
import type { ObjectUnderCheck } from '../validate/object-under-check.ts';
import { checkVisibilityRule } from './check-visibility-rule.ts';

/** Field types whose value the server computes: a layout can show them, never require them. */
const COMPUTED_TYPES = new Set(['autonumber', 'formula', 'rollup']);

export function checkLayouts(objects: readonly ObjectUnderCheck[]): ProblemDetail[] {
  return objects.flatMap((object) => [...checkObjectLayouts(object), ...checkRecordTypes(object)]);
}

function checkObjectLayouts(object: ObjectUnderCheck): ProblemDetail[] {
  const { def, path } = object;
  const problems: ProblemDetail[] = [];
  const fields = new Map(def.fields.map((field) => [field.apiName, field]));
  const readable = visibilityNames(object);
  problems.push(...duplicateNames(def.layouts ?? [], joinPointer(path, 'layouts'), `${def.apiName} layout`));
  (def.layouts ?? []).forEach((layout, layoutIndex) => {
    const layoutPath = joinPointer(path, 'layouts', layoutIndex);
    const owner = `${def.apiName} layout '${layout.apiName}'`;
    const placed = new Map<string, string>();
    layout.sections.forEach((section, sectionIndex) => {
      const sectionPath = joinPointer(layoutPath, 'sections', sectionIndex);
      if (section.visibleWhen !== undefined) {
        problems.push(...checkVisibilityRule(section.visibleWhen, joinPointer(sectionPath, 'visibleWhen'), readable, owner));
      }
      section.fields.forEach((item, itemIndex) => {
        const itemPath = joinPointer(sectionPath, 'fields', itemIndex);
        const field = fields.get(item.field);
        if (!field) {
          problems.push(problem(joinPointer(itemPath, 'field'), 'TSR230', `${owner} places '${item.field}', which is not a field of ${def.apiName}`));
        } else if (placed.has(item.field)) {
          problems.push(
            problem(joinPointer(itemPath, 'field'), 'TSR230', `${owner} places ${def.apiName}.${item.field} twice (first at ${placed.get(item.field)})`),
          );
        } else if (item.required === true && (COMPUTED_TYPES.has(field.type) || item.readOnly === true)) {
          const why = item.readOnly === true ? 'it is also read-only here' : `the server computes ${field.type} fields`;
          problems.push(problem(joinPointer(itemPath, 'required'), 'TSR230', `${owner} cannot require ${def.apiName}.${item.field}: ${why}`));
        }
        placed.set(item.field, placed.get(item.field) ?? itemPath.slice(layoutPath.length + 1));
        if (item.visibleWhen !== undefined) {
          problems.push(...checkVisibilityRule(item.visibleWhen, joinPointer(itemPath, 'visibleWhen'), readable, `${owner}, field ${item.field}`));
        }
      });
    });
  });
  return problems;
}

function checkRecordTypes({ def, path }: ObjectUnderCheck): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const recordTypes = def.recordTypes ?? [];
  const layouts = new Set((def.layouts ?? []).map((layout) => layout.apiName));
  const fields = new Map(def.fields.map((field) => [field.apiName, field]));
  problems.push(...duplicateNames(recordTypes, joinPointer(path, 'recordTypes'), `${def.apiName} record type`));
  const defaults = recordTypes.flatMap((recordType, index) => (recordType.default === true ? [index] : []));
  for (const index of defaults.slice(1)) {
    problems.push(
      problem(
        joinPointer(path, 'recordTypes', index, 'default'),
        'TSR231',
        `${def.apiName} has ${defaults.length} default record types; at most one is allowed`,
      ),
    );
  }
  recordTypes.forEach((recordType, index) => {
    const at = joinPointer(path, 'recordTypes', index);
    const owner = `${def.apiName} record type '${recordType.apiName}'`;
    const isDefault = defaults.length > 0 ? defaults[0] === index : index === 0;
    if (isDefault && recordType.active === false) {
      problems.push(problem(joinPointer(at, 'active'), 'TSR231', `${owner} is the default record type, so it cannot be inactive`));
    }
    if (recordType.layout !== undefined && !layouts.has(recordType.layout)) {
      problems.push(problem(joinPointer(at, 'layout'), 'TSR231', `${owner} uses layout '${recordType.layout}', which ${def.apiName} does not define`));
    }
    for (const [fieldName, values] of Object.entries(recordType.picklistValues ?? {})) {
      const valuesAt = joinPointer(at, 'picklistValues', fieldName);
      const field = fields.get(fieldName);
      if (!field || (field.type !== 'picklist' && field.type !== 'multipicklist')) {
        const what = field ? `a ${field.type} field` : 'not a field of the object';
        problems.push(problem(valuesAt, 'TSR231', `${owner} restricts '${fieldName}', which is ${what}; only picklists have value subsets`));
        continue;
      }
      const active = new Set(field.values.filter((value) => value.inactive !== true).map((value) => value.apiName));
      values.forEach((value, valueIndex) => {
        if (active.has(value)) return;
        const inactive = field.values.some((candidate) => candidate.apiName === value);
        const why = inactive ? 'an inactive value' : 'not a value';
        problems.push(problem(joinPointer(valuesAt, valueIndex), 'TSR231', `${owner}: '${value}' is ${why} of ${def.apiName}.${fieldName}`));
      });
    }
  });
  return problems;
}

function duplicateNames(items: readonly { apiName: string }[], listPath: string, what: string): ProblemDetail[] {
  const first = new Map<string, number>();
  const problems: ProblemDetail[] = [];
  items.forEach((item, index) => {
    const earlier = first.get(item.apiName);
    if (earlier === undefined) first.set(item.apiName, index);
    else problems.push(problem(joinPointer(listPath, index, 'apiName'), 'TSR202', `${what} '${item.apiName}' is defined more than once (first at ${earlier})`));
  });
  return problems;
}

/** What a visibility rule may read: the object's fields and standard columns (record_type only with record types). */
function visibilityNames({ def, normalised }: ObjectUnderCheck): RuleNames {
  const names = ruleNamesOf(normalised, { context: false, previous: false });
  const hasRecordTypes = (def.recordTypes?.length ?? 0) > 0;
  return {
    describe: names.describe,
    resolve: (name) => (name === 'record_type' ? (hasRecordTypes ? 'text' : undefined) : names.resolve(name)),
  };
}
