// Labelled inputs for Setup's editors: each shows its problems under itself (aria-invalid and
// aria-describedby point at them), so a screen reader hears what is wrong where.
import { type ReactNode, type Ref, useId } from 'react';

interface ControlProps {
  label: string;
  errors?: string[];
  hint?: string;
}

function Frame(props: ControlProps & { id: string; children: ReactNode; wide?: boolean }) {
  const errors = props.errors ?? [];
  return (
    <div className={`control${errors.length ? ' has-error' : ''}${props.wide ? ' wide' : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.hint ? <span className="hint">{props.hint}</span> : null}
      {errors.length ? (
        <ul className="control-errors" id={`${props.id}-errors`}>
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

const invalid = (id: string, errors: string[] | undefined) => (errors?.length ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-errors` } : {});

export function TextControl(props: ControlProps & { value: string; onChange: (value: string) => void; disabled?: boolean; type?: string; lang?: string }) {
  const id = useId();
  return (
    <Frame {...props} id={id}>
      <input
        id={id}
        type={props.type ?? 'text'}
        lang={props.lang}
        value={props.value}
        disabled={props.disabled}
        onChange={(event) => props.onChange(event.target.value)}
        {...invalid(id, props.errors)}
      />
    </Frame>
  );
}

/** A number or nothing: an empty box is `undefined`, so the metamodel's default applies. */
export function NumberControl(props: ControlProps & { value: number | undefined; onChange: (value: number | undefined) => void; step?: string }) {
  const id = useId();
  return (
    <Frame {...props} id={id}>
      <input
        id={id}
        type="number"
        step={props.step ?? 'any'}
        value={props.value ?? ''}
        onChange={(event) => props.onChange(event.target.value === '' ? undefined : Number(event.target.value))}
        {...invalid(id, props.errors)}
      />
    </Frame>
  );
}

export function SelectControl(
  props: ControlProps & { value: string; onChange: (value: string) => void; options: { value: string; label: string }[]; disabled?: boolean; empty?: string },
) {
  const id = useId();
  return (
    <Frame {...props} id={id}>
      <select id={id} value={props.value} disabled={props.disabled} onChange={(event) => props.onChange(event.target.value)} {...invalid(id, props.errors)}>
        {props.empty !== undefined ? <option value="">{props.empty}</option> : null}
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

export function CheckControl(props: ControlProps & { checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  const errors = props.errors ?? [];
  return (
    <div className={`control check${errors.length ? ' has-error' : ''}`}>
      <label>
        <input type="checkbox" checked={props.checked} onChange={(event) => props.onChange(event.target.checked)} {...invalid(id, errors)} /> {props.label}
      </label>
      {errors.length ? (
        <ul className="control-errors" id={`${id}-errors`}>
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * JsonLogic typed as JSON. The text is the admin's (kept while it does not parse, with the parse
 * error shown); the parsed value goes to the draft, where the metamodel checks its operators and fields.
 */
export function JsonControl(
  props: ControlProps & { text: string; onChange: (text: string) => void; parseError?: string; textareaRef?: Ref<HTMLTextAreaElement> },
) {
  const id = useId();
  // While the text does not parse, the draft keeps the last value that did: its problems would be stale.
  const errors = props.parseError ? [props.parseError] : (props.errors ?? []);
  return (
    <Frame {...props} errors={errors} id={id} wide>
      <textarea
        ref={props.textareaRef}
        id={id}
        rows={3}
        spellCheck={false}
        className="json"
        value={props.text}
        onChange={(event) => props.onChange(event.target.value)}
        {...invalid(id, errors)}
      />
    </Frame>
  );
}
