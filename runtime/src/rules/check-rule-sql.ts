// Normalised objects about to be applied → the problems the SQL compiler finds in their rules:
// formulas (compiled as the catalog will), validation rules (with previous.* and context) and
// roll-up filters. Metadata validation already checked operators and names; this catches what
// only the compiler knows (types JavaScript would coerce, e.g. comparing a text field with a
// number), so a saved rule always runs in SQL. Paths point into the document.
import type { CalendarDef, NormalisedObject, ProblemDetail } from '@tessera/metadata';
import { sql } from 'kysely';
import { compileCatalog } from '../catalog/compile-catalog.ts';
import { DATABASE_CLOCK, contextField } from '../catalog/rule-context-sql.ts';
import { compileFilter, type FilterScope } from '../filter/index.ts';
import { filterScope } from '../records/filter-scope.ts';

/** `calendars`: those of the revision being applied (a formula naming another is refused, TSR502). */
export function checkRuleSql(objects: readonly NormalisedObject[], objectPaths: readonly string[] = [], calendars?: CalendarDef[]): ProblemDetail[] {
  // Compiling a catalog builds validators too: skip it when there is no rule to check.
  const hasRules = (object: NormalisedObject) =>
    (object.validationRules ?? []).length > 0 ||
    object.fields.some((field) => field.type === 'formula' || (field.type === 'rollup' && field.filter !== undefined));
  if (!objects.some(hasRules)) return [];
  const catalog = compileCatalog({ tenant: 'check', schema: 'check', revision: 0, snapshot: { objects: [...objects], ...(calendars ? { calendars } : {}) } });
  const problems: ProblemDetail[] = [];
  objects.forEach((definition, position) => {
    const base = objectPaths[position] ?? '';
    const object = catalog.objects.get(definition.apiName);
    if (!object) return;
    definition.fields.forEach((field, index) => {
      if (field.type === 'formula') {
        const fieldProblems = (object.formulaProblems ?? []).filter((problem) => problem.message.startsWith(`formula ${field.apiName}:`));
        problems.push(
          ...fieldProblems.map((problem) => ({
            ...problem,
            path: `${base}/fields/${index}/expression${problem.path}`,
            code: formulaCode(problem.code),
          })),
        );
      }
      if (field.type === 'rollup' && field.filter !== undefined) {
        const child = catalog.objects.get(field.childObject);
        if (!child) return;
        const compiled = compileFilter(field.filter, withoutPicklistValues(filterScope(child)));
        if (!compiled.ok) problems.push(...compiled.errors.map((error) => ruleProblem(error, `${base}/fields/${index}/filter`)));
      }
    });
    const own = withoutPicklistValues(filterScope(object));
    const scope: FilterScope = {
      resolve(name) {
        if (name === 'previous') return { ref: sql`null::uuid`, type: 'uuid' };
        if (name.startsWith('previous.')) return own.resolve(name.slice('previous.'.length));
        return own.resolve(name) ?? contextField(DATABASE_CLOCK, name);
      },
      ...(own.calendar ? { calendar: own.calendar } : {}),
    };
    (definition.validationRules ?? []).forEach((rule, index) => {
      const compiled = compileFilter(rule.condition, scope);
      if (!compiled.ok) problems.push(...compiled.errors.map((error) => ruleProblem(error, `${base}/validationRules/${index}/condition`)));
    });
  });
  return problems;
}

/**
 * Rules keep comparing picklists with any text: only list filters refuse a value a picklist does
 * not have (filter/picklist-values.ts), so existing rules and packages apply as before.
 */
function withoutPicklistValues(scope: FilterScope): FilterScope {
  return {
    resolve(name) {
      const field = scope.resolve(name);
      return field && { ref: field.ref, type: field.type };
    },
    ...(scope.calendar ? { calendar: scope.calendar } : {}),
  };
}

/** A filter compiler's code as a metadata (422) code: an unknown calendar is an unknown name in the rule. */
function formulaCode(code: ProblemDetail['code']): ProblemDetail['code'] {
  if (code === 'TSR103') return 'TSR501';
  if (code === 'TSR115' || code === 'TSR503') return 'TSR503';
  return code === 'TSR161' ? 'TSR502' : code;
}

function ruleProblem(error: ProblemDetail, at: string): ProblemDetail {
  const code = error.code === 'TSR115' ? 'TSR503' : error.code === 'TSR161' ? 'TSR502' : 'TSR501';
  return { path: `${at}${error.path}`, code, message: error.message };
}
