// Which related lists a record has, as the reader sees them: every lookup and every many-to-many
// field (on any object, this one included) that targets the record's object, kept only when the
// reader may read both the child object and the field (their catalog has neither otherwise); a
// many-to-many field's list ("Opportunities (via Contacts)") holds the records linking to this
// one, after the lookups' lists (a junction object's lookup to that record is left out: the many-to-many list shows its fields). Then the few columns each
// list shows beside the name: the pipeline's stage, amount and close date when there is one, then
// other short, non-lookup fields in definition order.
import type { Catalog, ChildLookup, CompiledObject } from '../catalog/catalog-types.ts';

export interface Relation {
  child: CompiledObject;
  field: string;
  /** How the child points here: one lookup, or a many-to-many field's links. */
  via: 'lookup' | 'manytomany';
}

const SUMMARY_COLUMNS = 4;
// Long texts and lists do not fit a row; lookups render as ids, which say nothing at a glance.
const SKIPPED_TYPES = new Set(['textarea', 'multipicklist', 'lookup', 'manytomany']);

export function relationsOf(catalog: Catalog, parent: CompiledObject): Relation[] {
  // A junction object's lookup to the linked end repeats the many-to-many list (which shows its fields), so it is left out.
  const junctionEnds = new Set(
    [...catalog.objects.values()].flatMap((object) =>
      [...object.columns.values()].flatMap((column) => (column.links?.junction ? [`${column.links.junction.object}.${column.links.junction.target}`] : [])),
    ),
  );
  const lookups = parent.children.flatMap((lookup: ChildLookup): Relation[] => {
    const child = catalog.objects.get(lookup.object);
    if (junctionEnds.has(`${lookup.object}.${lookup.field}`)) return [];
    return child?.columns.has(lookup.field) ? [{ child, field: lookup.field, via: 'lookup' }] : [];
  });
  const links = [...catalog.objects.values()].flatMap((child) =>
    child.definition.fields.flatMap((field): Relation[] =>
      field.type === 'manytomany' && field.target === parent.apiName && child.columns.has(field.apiName)
        ? [{ child, field: field.apiName, via: 'manytomany' }]
        : [],
    ),
  );
  return [...lookups, ...links];
}

export function findRelation(catalog: Catalog, parent: CompiledObject, childName: string, field: string): Relation | undefined {
  return relationsOf(catalog, parent).find((relation) => relation.child.apiName === childName && relation.field === field);
}

/** The name field, then up to three more readable, short fields; never the lookup itself. */
export function summaryColumns(relation: Relation): string[] {
  const { child, field } = relation;
  const pipeline = child.definition.pipelines?.[0];
  const preferred = [child.definition.nameField, pipeline?.stageField, pipeline?.amountField, pipeline?.closeDateField];
  const rest = child.definition.fields.filter((candidate) => !SKIPPED_TYPES.has(candidate.type)).map((candidate) => candidate.apiName);
  const columns: string[] = [];
  for (const name of [...preferred, ...rest]) {
    if (columns.length >= SUMMARY_COLUMNS) break;
    if (name && name !== field && child.columns.has(name) && !columns.includes(name)) columns.push(name);
  }
  return columns;
}
