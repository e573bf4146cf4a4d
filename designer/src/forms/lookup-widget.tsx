// ui:widget "lookup": type to search the target object's records by name (GET
// /objects/:target/lookup), pick one from the list; the field's value is the record id.
import type { WidgetProps } from '@rjsf/utils';
import { useCallback } from 'react';
import { useSession } from '../shell/session.tsx';
import { SearchPicker, widgetPickerProps } from './search-picker.tsx';

export function LookupWidget(props: WidgetProps) {
  const { client, metadata } = useSession();
  const target = String(props.options.target ?? '');
  const search = useCallback((text: string) => client.lookup(target, text).then((found) => found.data), [client, target]);
  const nameOf = useCallback(
    async (id: string) => {
      const nameField = metadata.status === 'ready' ? metadata.metadata.objects.find((object) => object.apiName === target)?.nameField : undefined;
      const record = await client.getRecord(target, id);
      return String((nameField ? record[nameField] : undefined) ?? id);
    },
    [client, metadata, target],
  );
  return <SearchPicker {...widgetPickerProps(props)} search={search} nameOf={nameOf} />;
}
