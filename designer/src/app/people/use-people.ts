// usePersonName(id) / usePeopleNames(ids): a user id → the name people read (my own for me), from
// the session's people directory; the id itself until the name arrives or when no one has it.
import { useEffect, useMemo, useState } from 'react';
import { useSession } from '../../shell/session.tsx';
import { peopleDirectory } from '../../api/people-directory.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Names for these user ids; an id not (yet) known maps to the fallback given, else to itself. */
export function usePeopleNames(ids: readonly (string | null | undefined)[]): (id: string | null | undefined, fallback?: string) => string {
  const { client, me } = useSession();
  const directory = peopleDirectory(client);
  const wanted = useMemo(() => [...new Set(ids.filter((id): id is string => typeof id === 'string' && UUID.test(id)))].sort(), [ids]);
  const key = wanted.join(',');
  const [, setLoaded] = useState(0);
  useEffect(() => {
    if (!key) return;
    let current = true;
    void directory.load(key.split(',')).then(() => current && setLoaded((count) => count + 1));
    return () => {
      current = false;
    };
  }, [directory, key]);
  return (id, fallback) => {
    if (!id) return fallback ?? '';
    if (me.user && id === me.user.id) return me.user.name || me.user.email;
    const person = directory.peek(id);
    return person ? person.name || person.email : (fallback ?? id);
  };
}

export function usePersonName(id: string | null | undefined): string {
  const ids = useMemo(() => [id], [id]);
  return usePeopleNames(ids)(id);
}

/**
 * For audit-style actors (`user:<email>` labels with a user id): the person's name when the
 * directory has it, else the label without its prefix (an email, or "integration").
 */
export function usePersonLabels(ids: readonly (string | null | undefined)[]): (label: string, userId: string | null | undefined) => string {
  const names = usePeopleNames(ids);
  return (label, userId) => names(userId, label.replace(/^user:/, ''));
}
