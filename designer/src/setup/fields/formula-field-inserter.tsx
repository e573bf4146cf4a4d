// The formula editor's "insert field": the object's fields and, under each lookup, the looked-up
// object's fields ("客户 › 地区"), each inserted as `{"var": "account.region"}` where the caret is.
// Only names the metamodel accepts in a formula are listed (a path may not end at another object's
// formula); whatever the admin types by hand is still checked by the metamodel's validation, which
// the field editor runs as they type and shows under the expression.
import type { NormalisedObject } from '@tessera/metadata';
import { type RefObject, useId } from 'react';
import { pickLabel } from '../../i18n/language.ts';
import { lookupPathFields } from '../../paths/lookup-path-fields.ts';
import { useSession } from '../../shell/session.tsx';
import { insertFieldMessagesFor } from './insert-field-messages.ts';
import { insertVar } from './insert-var.ts';

export function FormulaFieldInserter(props: {
  object: NormalisedObject | undefined;
  objects: readonly NormalisedObject[];
  /** The field being edited: a formula does not read itself. */
  self: string;
  text: string;
  onChange: (text: string) => void;
  textarea: RefObject<HTMLTextAreaElement | null>;
}) {
  const { language } = useSession();
  const words = insertFieldMessagesFor(language);
  const id = useId();
  const { object } = props;
  if (!object) return null;
  const own = object.fields.filter((field) => field.apiName !== props.self && field.type !== 'polylookup');
  const paths = lookupPathFields(object, props.objects, { formulas: false });
  const lookups = own.filter((field) => field.type === 'lookup');

  function insert(name: string) {
    const box = props.textarea.current;
    const next = insertVar(props.text, name, box?.selectionStart ?? props.text.length, box?.selectionEnd ?? props.text.length);
    props.onChange(next.text);
    // Back to the expression with the caret after the inserted name, ready for the next operand.
    window.requestAnimationFrame(() => {
      box?.focus();
      box?.setSelectionRange(next.caret, next.caret);
    });
  }

  const option = (field: { apiName: string; labels: NormalisedObject['labels'] }) => (
    <option key={field.apiName} value={field.apiName}>
      {pickLabel(field.labels, language, field.apiName)} ({field.apiName})
    </option>
  );
  return (
    <div className="control">
      <label htmlFor={id}>{words.insertField}</label>
      <select
        id={id}
        value=""
        onChange={(event) => {
          if (event.target.value) insert(event.target.value);
        }}
      >
        <option value="">{words.pickField}</option>
        <optgroup label={words.ownFields}>{own.map(option)}</optgroup>
        {lookups.map((lookup) => (
          <optgroup key={lookup.apiName} label={pickLabel(lookup.labels, language, lookup.apiName)}>
            {paths.filter((path) => path.apiName.startsWith(`${lookup.apiName}.`)).map(option)}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
