// A record's stage history → the entries a reader may see: a move of a pipeline whose stage field
// is hidden from them is left out (its stages are that field's values), and a reason kept in a
// hidden `reasonField` is left out of the entry (the history must not read back a hidden value).
import type { Catalog } from '../catalog/catalog-types.ts';
import { hiddenFields } from '../security/redact-definition.ts';
import type { StageHistoryEntry } from './stage-history.ts';

export function stageHistoryForReader(entries: readonly StageHistoryEntry[], catalog: Catalog, objectName: string): Partial<StageHistoryEntry>[] {
  const hidden = hiddenFields(catalog, objectName);
  if (!hidden || hidden.size === 0) return [...entries];
  const pipelines = catalog.unrestricted?.objects.get(objectName)?.definition.pipelines ?? [];
  const result: Partial<StageHistoryEntry>[] = [];
  for (const entry of entries) {
    const pipeline = pipelines.find((candidate) => candidate.apiName === entry.pipeline);
    if (pipeline && hidden.has(pipeline.stageField)) continue;
    // A pipeline removed since the move: its reason field is unknown, so its reason is not shown.
    const reasonHidden = !pipeline || (pipeline.reasonField !== null && pipeline.reasonField !== undefined && hidden.has(pipeline.reasonField));
    if (!reasonHidden) {
      result.push(entry);
      continue;
    }
    const { reason: _reason, ...rest } = entry;
    result.push(rest);
  }
  return result;
}
