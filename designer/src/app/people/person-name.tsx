// A user field's value where it arrives as a bare id (related lists, a field not expanded): the
// person's name from the people directory, the id until it arrives.
import { usePersonName } from './use-people.ts';

export function PersonName(props: { id: string }) {
  return <>{usePersonName(props.id)}</>;
}
