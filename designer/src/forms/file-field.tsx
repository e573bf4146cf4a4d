// ui:field "file" (file and image fields): upload by click or drag and drop, a progress bar while
// the bytes go, each file's name and size (images with a thumbnail), remove and replace, several
// files when the field is `multiple`. The upload happens at once (POST /files, before the record
// exists); the form then saves the references. A refused upload (too big, type not accepted,
// scan refused) shows the server's problem, in the UI language, under the field; the rest of the
// form is untouched.
import type { FieldProps } from '@rjsf/utils';
import { useRef, useState } from 'react';
import type { ApiError, FileRef } from '../api/index.ts';
import { FileItem } from '../files/file-value.tsx';
import { fileRefsOf } from '../files/file-size.ts';
import { toApiError, useSession } from '../shell/session.tsx';

interface FileOptions {
  multiple?: boolean;
  image?: boolean;
  accept?: string[];
  maxSizeMb?: number;
}

/** What the field saves: the reference as records hold it (the upload answer has more keys than the schema allows). */
const asRef = (file: FileRef): FileRef => ({ id: file.id, name: file.name, size: file.size, contentType: file.contentType });

export function FileField(props: FieldProps) {
  const { client, messages } = useSession();
  const options = (props.uiSchema?.['ui:options'] ?? {}) as FileOptions;
  const object = (props.registry.formContext as { object?: string } | undefined)?.object ?? '';
  const files = fileRefsOf(props.formData);
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const disabled = Boolean(props.disabled || props.readonly);
  const title = props.schema.title ?? props.name;
  const inputId = `${props.fieldPathId.$id}_file`;

  const save = (next: FileRef[]) => {
    const value = options.multiple ? (next.length ? next : undefined) : next[0];
    props.onChange(value, props.fieldPathId.path);
  };

  async function upload(chosen: File[], replacing?: string) {
    if (chosen.length === 0 || disabled) return;
    setProblem(null);
    const added: FileRef[] = [];
    try {
      for (const file of options.multiple ? chosen : chosen.slice(0, 1)) {
        setProgress(0);
        added.push(asRef(await client.files.upload(object, props.name, file, setProgress)));
      }
    } catch (caught) {
      setProblem(toApiError(caught));
    } finally {
      setProgress(null);
    }
    if (added.length === 0) return;
    if (!options.multiple) {
      save(added);
      return;
    }
    save(replacing ? files.flatMap((file) => (file.id === replacing ? added : [file])) : [...files, ...added]);
  }

  const replaceTarget = useRef<string | undefined>(undefined);
  const choose = (replacing?: string) => {
    replaceTarget.current = replacing;
    input.current?.click();
  };
  const serverErrors = (props.errorSchema as { __errors?: string[] } | undefined)?.__errors ?? [];
  const problemLines = problem ? [...new Set((problem.problem.errors ?? []).map((error) => error.message))] : [];

  return (
    <div className={`form-group field file-field${dragging ? ' dragging' : ''}`} data-testid={`file-field-${props.name}`}>
      <label htmlFor={inputId}>
        {title}
        {props.required ? '*' : null}
      </label>
      {files.length > 0 ? (
        <ul className="file-list">
          {files.map((file) => (
            <li key={file.id}>
              <FileItem file={file} size="small" />
              {disabled ? null : (
                <>
                  <button type="button" className="link" onClick={() => choose(file.id)}>
                    {messages.fileReplace}
                  </button>
                  <button type="button" className="link" onClick={() => save(files.filter((other) => other.id !== file.id))}>
                    {messages.fileRemove}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {disabled || (!options.multiple && files.length > 0) ? null : (
        <section
          className="file-drop"
          aria-label={title}
          data-testid={`file-drop-${props.name}`}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(event) => {
            event.preventDefault();
            setDragging(false);
            void upload([...event.dataTransfer.files]);
          }}
        >
          <button type="button" className="secondary" onClick={() => choose()}>
            {options.multiple ? messages.fileChooseMany : messages.fileChoose}
          </button>
          {options.maxSizeMb ? <span className="muted"> {messages.fileLimit.replace('{size}', String(options.maxSizeMb))}</span> : null}
        </section>
      )}
      <input
        ref={input}
        id={inputId}
        type="file"
        hidden
        multiple={Boolean(options.multiple) && replaceTarget.current === undefined}
        accept={options.accept?.length ? options.accept.join(',') : undefined}
        disabled={disabled}
        onChange={(event) => {
          const chosen = [...(event.target.files ?? [])];
          event.target.value = '';
          void upload(chosen, replaceTarget.current);
          replaceTarget.current = undefined;
        }}
      />
      {progress !== null ? (
        <div className="file-progress" data-testid={`file-progress-${props.name}`}>
          <span>{messages.fileUploading}</span> <progress max={1} value={progress} />
        </div>
      ) : null}
      {problem || serverErrors.length ? (
        <ul className="error-detail" data-testid={`file-error-${props.name}`}>
          {problem ? (
            <li className="text-danger" data-code={problem.problem.code}>
              {problem.problem.title}
              {problem.problem.detail ? ` — ${problem.problem.detail}` : ''}
            </li>
          ) : null}
          {[...problemLines, ...serverErrors].map((error) => (
            <li key={error} className="text-danger">
              {error}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
