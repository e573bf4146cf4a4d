// A request's detail (approval-queries.ts requestDetail) → the detail as a reader may see it: the
// stored flow definition and each history event without the fields hidden from them, so an
// approver's edit of a hidden field or a criterion over one cannot be read back from the history.
import { hiddenFields, redactDefinition, visibleValues } from '../security/redact-definition.ts';
import type { Catalog } from '../catalog/catalog-types.ts';
import type { requestDetail } from './approval-queries.ts';

type RequestDetail = Awaited<ReturnType<typeof requestDetail>>;

export function requestForReader(detail: RequestDetail, catalog: Catalog): RequestDetail {
  const hidden = hiddenFields(catalog, detail.object);
  if (!hidden || hidden.size === 0) return detail;
  return {
    ...detail,
    definition: redactDefinition(detail.definition, hidden),
    history: detail.history.map((event) => {
      if (!event.detail) return event;
      const { fields, ...rest } = event.detail;
      const kept = redactDefinition(rest, hidden);
      return { ...event, detail: fields && typeof fields === 'object' ? { ...kept, fields: visibleValues(fields as Record<string, unknown>, hidden) } : kept };
    }),
  };
}
