// ui:widget "richtext": a contentEditable area with a small toolbar (bold, italic, underline,
// strike, heading, lists, link, clear). No editor library: the server decides what HTML is kept
// (it sanitises every write), so the editor only needs to produce ordinary tags, which the
// browser's editing commands do; Tiptap or Lexical would add 100+ KB to every form for features
// the allow-list would strip. The value shown is re-checked with safeHtml before it is inserted.
import type { WidgetProps } from '@rjsf/utils';
import { isAllowedRichTextHref, richTextPlain } from '@tessera/metadata';
import { useEffect, useRef } from 'react';
import { useSession } from '../shell/session.tsx';
import { richTextMessagesFor } from './rich-text-messages.ts';
import { safeHtml } from './safe-html.ts';

type Command = { name: keyof ReturnType<typeof richTextMessagesFor>; label: string; run: () => void };

const exec = (command: string, value?: string) => () => {
  // execCommand is the browser's own editing engine (undo stack included); it is marked legacy but
  // every engine keeps it, and nothing replaces it for contentEditable yet.
  document.execCommand(command, false, value);
};

export function RichTextWidget(props: WidgetProps) {
  const { language } = useSession();
  const words = richTextMessagesFor(language);
  const editor = useRef<HTMLDivElement>(null);
  const emitted = useRef<string | undefined>(undefined);
  const value = typeof props.value === 'string' ? props.value : '';
  const disabled = props.disabled || props.readonly;

  // Write the value into the editor only when it did not come from the editor (keeps the caret).
  useEffect(() => {
    const element = editor.current;
    if (element && value !== emitted.current) {
      element.innerHTML = safeHtml(value);
      emitted.current = value;
    }
  }, [value]);

  const emit = () => {
    const element = editor.current;
    if (!element) return;
    const html = element.innerHTML;
    const next = richTextPlain(html) === '' && !/<(li|hr|table)\b/i.test(html) ? undefined : html;
    emitted.current = next ?? '';
    props.onChange(next);
  };

  const commands: Command[] = [
    { name: 'bold', label: 'B', run: exec('bold') },
    { name: 'italic', label: 'I', run: exec('italic') },
    { name: 'underline', label: 'U', run: exec('underline') },
    { name: 'strike', label: 'S', run: exec('strikeThrough') },
    { name: 'heading', label: 'H', run: exec('formatBlock', 'h3') },
    { name: 'paragraph', label: '¶', run: exec('formatBlock', 'p') },
    { name: 'bulletList', label: '•', run: exec('insertUnorderedList') },
    { name: 'numberedList', label: '1.', run: exec('insertOrderedList') },
    {
      name: 'link',
      label: '🔗',
      run: () => {
        const href = window.prompt(words.linkPrompt, 'https://');
        if (!href) return;
        if (isAllowedRichTextHref(href)) document.execCommand('createLink', false, href.trim());
        else window.alert(words.linkRefused);
      },
    },
    { name: 'clear', label: '⌫', run: exec('removeFormat') },
  ];

  return (
    <div className="rich-text-editor">
      {disabled ? null : (
        <div role="toolbar" aria-label={words.toolbar} className="rich-text-toolbar">
          {commands.map((command) => (
            <button
              key={command.name}
              type="button"
              aria-label={words[command.name]}
              title={words[command.name]}
              // Keep the selection in the editor: a click on a button would otherwise move focus first.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                editor.current?.focus();
                command.run();
                emit();
              }}
            >
              {command.label}
            </button>
          ))}
        </div>
      )}
      {/* biome-ignore lint/a11y/useSemanticElements: a <textarea> cannot hold formatting; a contentEditable div with role=textbox is the accessible pattern. */}
      <div
        id={props.id}
        ref={editor}
        className="rich-text-area rich-text"
        role="textbox"
        tabIndex={0}
        aria-multiline="true"
        aria-label={props.label}
        aria-readonly={disabled || undefined}
        contentEditable={!disabled}
        suppressContentEditableWarning
        onInput={emit}
        onBlur={() => props.onBlur(props.id, emitted.current)}
        onFocus={() => props.onFocus(props.id, emitted.current)}
      />
    </div>
  );
}
