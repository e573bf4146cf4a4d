// Create an object or edit its labels, plural labels, name field, description and whether its
// records are timeline activities (placed by which date field), checked by the
// metamodel as the admin types, then planned, reviewed and applied. A new object starts with a
// required text field `name` (an object needs one field; lookups and lists show it).
import type { NormalisedObject, ObjectDef } from '@tessera/metadata';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ApiError } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { toApiError, useSession } from '../../shell/session.tsx';
import { ChangeDrawer } from '../change/change-drawer.tsx';
import { useMetadataChange } from '../change/use-metadata-change.ts';
import { CheckControl, SelectControl, TextControl } from '../form-controls.tsx';
import { problemsOf, validateDraft } from '../problems.ts';
import { UnclaimedProblems, useDraftProblems } from '../use-draft-problems.tsx';
import { LabelPair } from '../label-pair.tsx';
import { useSetupMessages } from '../use-setup-messages.ts';
import { type ObjectForm, objectFormOf, withObjectForm } from './object-document.ts';

const CONTROL_KEYS = [
  '/apiName',
  '/labels/en',
  '/labels/zh',
  '/labels$',
  '/pluralLabels/en',
  '/pluralLabels/zh',
  '/pluralLabels$',
  '/nameField',
  '/description',
  '/timeline',
  '/timelineAt',
];

/** `onClose(created)`: the new object's api name once it was applied. */
export function ObjectEditor(props: { object?: string; onClose: (created?: string) => void }) {
  const { client, language, metadata } = useSession();
  const text = useSetupMessages();
  const flow = useMetadataChange();
  const [base, setBase] = useState<ObjectDef | ApiError | undefined>(undefined);
  const [form, setForm] = useState<ObjectForm>(objectFormOf(undefined));
  const container = useRef<HTMLDivElement>(null);
  const liveObjects = (metadata.status === 'ready' ? metadata.metadata.objects : []) as unknown as NormalisedObject[];
  const existing = props.object;

  useEffect(() => {
    if (existing === undefined) return;
    let current = true;
    client.getObjectDefinition(existing).then(
      (definition) => {
        if (!current) return;
        setBase(definition);
        setForm(objectFormOf(definition));
      },
      (error: unknown) => current && setBase(toApiError(error)),
    );
    return () => {
      current = false;
    };
  }, [client, existing]);

  const definition = base instanceof Error ? undefined : base;
  const local = useMemo(() => {
    if (existing !== undefined) return definition ? validateDraft(withObjectForm(definition, form), liveObjects, language) : [];
    // A new object's name must be new: the same document for a live object would replace it.
    const taken = liveObjects.some((object) => object.apiName === form.apiName);
    return [...(taken ? [{ path: '/apiName', message: text.objectExists }] : []), ...validateDraft(withObjectForm(undefined, form), liveObjects, language)];
  }, [existing, definition, form, liveObjects, text, language]);
  const server = flow.state.phase === 'refused' ? problemsOf(flow.state.error) : [];
  const shown = useDraftProblems(local, server, CONTROL_KEYS);
  const title = existing ? `${text.editObject} · ${pickLabel(definition?.labels, language, existing)}` : text.newObject;

  const close = () => props.onClose(existing === undefined && flow.state.phase === 'done' ? form.apiName : undefined);
  const set = (patch: Partial<ObjectForm>, key: string) => {
    setForm({ ...form, ...patch });
    shown.touch(key);
  };
  const review = () => {
    if (!shown.readyForReview(container.current)) return;
    const submitted = form;
    flow.plan({ title: existing ?? submitted.apiName, object: existing, build: (current) => withObjectForm(current, submitted) });
  };

  return (
    <ChangeDrawer title={title} flow={flow} onClose={close} testId="object-editor">
      {base instanceof Error ? <ProblemBanner error={base} /> : null}
      <div className="editor-form" ref={container}>
        <UnclaimedProblems problems={shown.unclaimed} />
        <TextControl
          label={text.apiName}
          value={form.apiName}
          disabled={existing !== undefined}
          onChange={(apiName) => set({ apiName }, '/apiName')}
          errors={shown.errors('/apiName')}
        />
        <LabelPair
          captions={{ zh: text.labelZh, en: text.labelEn }}
          value={form.labels}
          onChange={(language, value) => set({ labels: { ...form.labels, [language]: value } }, `/labels/${language}`)}
          errors={{ zh: shown.errors('/labels/zh', '/labels$'), en: shown.errors('/labels/en') }}
        />
        <LabelPair
          captions={{ zh: text.pluralLabelZh, en: text.pluralLabelEn }}
          value={form.pluralLabels}
          onChange={(language, value) => set({ pluralLabels: { ...form.pluralLabels, [language]: value } }, `/pluralLabels/${language}`)}
          errors={{ zh: shown.errors('/pluralLabels/zh', '/pluralLabels$'), en: shown.errors('/pluralLabels/en') }}
        />
        <SelectControl
          label={text.nameField}
          value={form.nameField}
          disabled={existing === undefined}
          empty={existing === undefined ? 'name' : text.nameFieldDefault}
          options={(definition?.fields ?? []).map((field) => ({
            value: field.apiName,
            label: `${pickLabel(field.labels, language, field.apiName)} (${field.apiName})`,
          }))}
          onChange={(nameField) => set({ nameField }, '/nameField')}
          errors={shown.errors('/nameField')}
        />
        <TextControl
          label={text.description}
          value={form.description}
          onChange={(description) => set({ description }, '/description')}
          errors={shown.errors('/description')}
        />
        <CheckControl
          label={text.timelineActivity}
          checked={form.timeline}
          onChange={(timeline) => set({ timeline }, '/timeline')}
          errors={shown.errors('/timeline')}
        />
        {form.timeline ? (
          <SelectControl
            label={text.timelineAt}
            value={form.timelineAt}
            empty={text.timelineAtCreated}
            options={(definition?.fields ?? [])
              .filter((field) => field.type === 'date' || field.type === 'datetime')
              .map((field) => ({ value: field.apiName, label: `${pickLabel(field.labels, language, field.apiName)} (${field.apiName})` }))}
            onChange={(timelineAt) => set({ timelineAt }, '/timelineAt')}
            errors={shown.errors('/timelineAt')}
          />
        ) : null}
        <div className="form-actions">
          <button type="button" onClick={review} disabled={flow.state.phase === 'planning' || (existing !== undefined && !definition)}>
            {text.reviewChanges}
          </button>
          <button type="button" className="secondary" onClick={close}>
            {text.cancel}
          </button>
        </div>
      </div>
    </ChangeDrawer>
  );
}
