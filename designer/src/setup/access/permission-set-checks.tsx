// Which permission sets a user holds: one checkbox per set, the server's problems under the group.
import type { PermissionSet } from './security-api.ts';
import { useNameOf } from './access-labels.ts';

export function PermissionSetChecks(props: {
  sets: readonly PermissionSet[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  label: string;
  errors: string[];
}) {
  const nameOf = useNameOf();
  const toggle = (id: string, on: boolean) => props.onChange(on ? [...props.selected, id] : props.selected.filter((selected) => selected !== id));
  return (
    <fieldset className={`control wide checks${props.errors.length ? ' has-error' : ''}`}>
      <legend>{props.label}</legend>
      {props.sets.map((set) => (
        <label key={set.id} className="check">
          <input type="checkbox" checked={props.selected.includes(set.id)} onChange={(event) => toggle(set.id, event.target.checked)} /> {nameOf(set)}
        </label>
      ))}
      {props.errors.length ? (
        <ul className="control-errors">
          {props.errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
