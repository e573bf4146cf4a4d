// ui:widget "user" (a record's owner, user fields): type part of a colleague's name or email
// (GET /people), pick one; empty leaves the owner to the server (the creator on create). The
// stored value is the user id, shown by name. PersonPicker is the same picker outside a form
// (the list's "change owner").
import type { WidgetProps } from '@rjsf/utils';
import { useCallback } from 'react';
import { peopleDirectory } from '../api/people-directory.ts';
import { useSession } from '../shell/session.tsx';
import { SearchPicker, type SearchPickerProps, widgetPickerProps } from './search-picker.tsx';

export function UserWidget(props: WidgetProps) {
  return <PersonPicker {...widgetPickerProps(props)} />;
}

export function PersonPicker(props: Pick<SearchPickerProps, 'id' | 'name' | 'value' | 'disabled' | 'onChange'>) {
  const { client, me } = useSession();
  const directory = peopleDirectory(client);
  const search = useCallback(
    async (text: string) => {
      const q = text.trim();
      // Nothing typed yet: offer yourself, the usual owner.
      if (!q) return me.user ? [{ id: me.user.id, name: me.user.name || me.user.email }] : [];
      return (await directory.find(q)).map((person) => ({ id: person.id, name: person.name || person.email }));
    },
    [directory, me],
  );
  const nameOf = useCallback(
    async (id: string) => {
      await directory.load([id]);
      const person = directory.peek(id);
      return person ? person.name || person.email : id;
    },
    [directory],
  );
  return <SearchPicker {...props} search={search} nameOf={nameOf} />;
}
