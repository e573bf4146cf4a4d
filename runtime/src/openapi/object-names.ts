// Display text and OpenAPI identifiers (component names, operation ids, tags) for objects.
// Identifiers derive from api names only, so relabelling an object never renames an operation.
import type { Labels, NormalisedObject } from '@tessera/metadata';

/** `Opportunity / 商机`; one label when only one is set (or both agree); the fallback when none. */
export function labelText(labels: Labels | undefined, fallback: string): string {
  const texts = [labels?.en, labels?.zh].map((text) => text?.trim()).filter((text): text is string => !!text);
  return texts.length === 0 ? fallback : [...new Set(texts)].join(' / ');
}

/** English text for summaries, with the Chinese label in parentheses: `Opportunities (商机)`. */
export function englishWithZh(labels: Labels, fallback: string): string {
  const english = labels.en?.trim() || fallback;
  const chinese = labels.zh?.trim();
  return chinese && chinese !== english ? `${english} (${chinese})` : english;
}

/** `sales_order` → `SalesOrder`. */
export function pascalCase(apiName: string): string {
  return apiName
    .split('_')
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

export interface ObjectNames {
  object: NormalisedObject;
  /** `Opportunity`: the output schema and the stem of the other component names. */
  base: string;
  create: string;
  patch: string;
  list: string;
  tag: string;
}

/** Component names the generator uses for itself; an object may not take them. */
export const FIXED_COMPONENT_NAMES = [
  'Problem',
  'ProblemError',
  'Health',
  'MetadataDocument',
  'MetadataSnapshot',
  'NormalisedObject',
  'MigrationAction',
  'ApplyResult',
  'ValidateResult',
  'StageMoveRequest',
  'StageHistoryEntry',
  'PipelineFunnel',
  'PipelineForecast',
  'Notification',
] as const;
export const FIXED_TAGS = ['System', 'Metadata', 'Notifications'] as const;

/**
 * Names for every object, unique across the document. `account_list` would turn into
 * `AccountList`, the list schema of `account`; `a_b` and `a__b` both into `AB`. A clash falls
 * back to `Object_<apiName>`. Objects are visited in api-name order, so
 * the result depends on the snapshot only.
 */
export function assignObjectNames(objects: readonly NormalisedObject[]): Map<string, ObjectNames> {
  const takenComponents = new Set<string>(FIXED_COMPONENT_NAMES);
  const takenTags = new Set<string>(FIXED_TAGS);
  const names = new Map<string, ObjectNames>();
  for (const object of [...objects].sort((a, b) => compareText(a.apiName, b.apiName))) {
    let base = pascalCase(object.apiName);
    // Pascal names hold no `_` and api names no capitals, so `Object_<apiName>` cannot clash.
    if (stems(base).some((name) => takenComponents.has(name))) base = `Object_${object.apiName}`;
    for (const name of stems(base)) takenComponents.add(name);

    let tag = object.labels.en?.trim() || object.labels.zh?.trim() || object.apiName;
    if (takenTags.has(tag)) tag = `${tag} (${object.apiName})`;
    for (let n = 2; takenTags.has(tag); n++) tag = `${object.apiName} ${n}`;
    takenTags.add(tag);

    names.set(object.apiName, { object, base, create: `${base}Create`, patch: `${base}Patch`, list: `${base}List`, tag });
  }
  return names;
}

const stems = (base: string): string[] => [base, `${base}Create`, `${base}Patch`, `${base}List`];

/** Code-point order: independent of the host's locale, so the output is too. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
