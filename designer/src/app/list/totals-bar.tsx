// The list's totals: how many records match (all pages, not this page) and the sum of each
// currency field the reader may see, from GET /objects/:object/totals with the list's own filter.
import { useEffect, useState } from 'react';
import type { ObjectDefinition } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';
import { formatValue } from '../record/format-value.ts';
import type { ListApi, Totals } from './list-api.ts';
import { listMessagesFor } from './list-messages.ts';

export function TotalsBar(props: { api: ListApi; object: ObjectDefinition; filter: string }) {
  const { language, metadata } = useSession();
  const words = listMessagesFor(language);
  const [totals, setTotals] = useState<Totals | null>(null);
  const currencies = props.object.fields.filter((field) => field.type === 'currency');
  const sums = currencies.map((field) => field.apiName).join(',');

  useEffect(() => {
    let current = true;
    setTotals(null);
    props.api.totals(props.filter, sums ? sums.split(',') : []).then(
      (loaded) => current && setTotals(loaded),
      () => current && setTotals(null), // the list shows the filter's problem; the totals just stay away
    );
    return () => {
      current = false;
    };
  }, [props.api, props.filter, sums]);

  if (!totals) return <p className="totals-bar muted" aria-busy="true" />;
  const objects = metadata.status === 'ready' ? metadata.metadata.objects : [];
  return (
    <p className="totals-bar" data-testid="list-totals" role="status" aria-label={words.totals}>
      <span data-testid="total-count">
        {words.recordCount.replace('{count}', new Intl.NumberFormat(language === 'zh' ? 'zh-CN' : 'en').format(totals.count))}
      </span>
      {currencies.map((field) => (
        <span key={field.apiName} data-testid={`total-${field.apiName}`}>
          {words.sumOf.replace('{field}', pickLabel(field.labels, language, field.apiName))}:{' '}
          {formatValue(field, totals.sums[field.apiName] ?? 0, language, objects).text}
        </span>
      ))}
    </p>
  );
}
