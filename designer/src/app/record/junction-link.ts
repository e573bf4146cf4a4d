// Linking through a junction object from a reverse related list: when the junction has required
// fields a link cannot fill (no default), the server would refuse the plain link (400 at the
// field), so the App opens the junction record's create form with both lookups filled instead.
import type { ObjectDefinition } from '../../api/index.ts';
import type { RelatedList } from './record-api.ts';

type Junction = NonNullable<RelatedList['junction']>;

export function junctionNeedsForm(junction: ObjectDefinition | undefined, ends: Junction): boolean {
  if (!junction) return false;
  return junction.fields.some(
    (field) =>
      field.required === true &&
      field.apiName !== ends.source &&
      field.apiName !== ends.target &&
      field.type !== 'autonumber' &&
      !('default' in field && field.default !== undefined) &&
      !('defaultExpr' in field && field.defaultExpr !== undefined) &&
      !('values' in field && Array.isArray(field.values) && field.values.some((value) => (value as { default?: boolean }).default === true)),
  );
}

/** The junction's create form with the linking record (`childId`) and the parent filled in; back here after. */
export function junctionFormPath(ends: Junction, childId: string, parentId: string): string {
  const prefill = { [ends.source]: childId, [ends.target]: parentId };
  return `/app/${encodeURIComponent(ends.object)}/new?${new URLSearchParams({ prefill: JSON.stringify(prefill), back: window.location.pathname })}`;
}
