// Whom to hand a task to (转交) or add (加签): the people this request already names, plus anyone
// found by typing part of a name or email (GET /people, active colleagues, open to every user).
import { useEffect, useState } from 'react';
import { useSession } from '../../shell/session.tsx';
import { peopleDirectory } from '../../api/people-directory.ts';
import type { ApprovalApi } from './approval-api.ts';
import { approvalMessagesFor } from './approval-messages.ts';

export interface Person {
  id: string;
  name: string;
}

export function UserPicker(props: { api: ApprovalApi; known: Person[]; value: string; onChange: (userId: string) => void; label: string }) {
  const { me, language, client } = useSession();
  const words = approvalMessagesFor(language);
  const [text, setText] = useState('');
  const [found, setFound] = useState<Person[]>([]);

  useEffect(() => {
    const q = text.trim();
    if (!q) return setFound([]);
    let current = true;
    // A short pause so typing 王小明 asks once, not three times.
    const timer = setTimeout(() => {
      peopleDirectory(client)
        .find(q)
        .then(
          (people) => current && setFound(people.map((person) => ({ id: person.id, name: person.name || person.email }))),
          () => current && setFound([]),
        );
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, text]);

  const offered = new Map<string, Person>();
  for (const person of [...found, ...props.known]) if (person.id !== me.user?.id && !offered.has(person.id)) offered.set(person.id, person);
  const others = [...offered.values()];
  return (
    <span className="user-picker">
      <input type="search" aria-label={words.findPerson} placeholder={words.findPerson} value={text} onChange={(event) => setText(event.target.value)} />
      <select
        aria-label={props.label}
        value={others.some((person) => person.id === props.value) ? props.value : ''}
        onChange={(event) => props.onChange(event.target.value)}
      >
        <option value="">—</option>
        {others.map((person) => (
          <option key={person.id} value={person.id}>
            {person.name}
          </option>
        ))}
      </select>
    </span>
  );
}
