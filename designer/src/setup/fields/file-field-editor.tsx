// The own properties of file and image fields: several files or one, the size limit in MB and
// the accepted media types (typed comma-separated; the metamodel checks each one).
import { useState } from 'react';
import { CheckControl, NumberControl, TextControl } from '../form-controls.tsx';
import { useSetupMessages } from '../use-setup-messages.ts';
import type { TypeEditorProps } from './type-editor-props.ts';

const typesOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

export function FileFieldProperties(props: TypeEditorProps) {
  const text = useSetupMessages();
  const { draft, setField, errors } = props;
  // The admin's text is kept while typing (a trailing comma); the list goes to the draft.
  const [acceptText, setAcceptText] = useState(typesOf(draft.field.accept).join(', '));
  const setAccept = (value: string) => {
    setAcceptText(value);
    const types = value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    setField('accept', types.length > 0 ? types : undefined);
  };
  return (
    <>
      <CheckControl
        label={text.fileMultiple}
        checked={draft.field.multiple === true}
        onChange={(v) => setField('multiple', v || undefined)}
        errors={errors('/multiple')}
      />
      <NumberControl
        label={text.fileMaxSizeMb}
        step="1"
        value={typeof draft.field.maxSizeMb === 'number' ? draft.field.maxSizeMb : undefined}
        onChange={(v) => setField('maxSizeMb', v)}
        errors={errors('/maxSizeMb')}
      />
      <TextControl label={text.fileAccept} value={acceptText} onChange={setAccept} errors={errors('/accept')} />
      <p className="hint">{text.fileFieldNote}</p>
    </>
  );
}
