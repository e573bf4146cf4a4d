// One record type in a drawer: api name, names in both languages, active, default, the layout its
// records use and its picklist value subsets (checkbox grid). The metamodel checks the would-be
// object as the admin types; a clean draft goes to plan → review → apply, and a refused plan's
// problems land on the same controls.
import type { ObjectDef } from '@tessera/metadata';
import { useMemo, useRef } from 'react';
import type { ObjectDefinition } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { useSession } from '../../shell/session.tsx';
import { ChangeDrawer } from '../change/change-drawer.tsx';
import { EditorActions } from '../change/editor-actions.tsx';
import { useMetadataChange } from '../change/use-metadata-change.ts';
import { CheckControl, SelectControl, TextControl } from '../form-controls.tsx';
import { LabelPair } from '../label-pair.tsx';
import { useLayoutMessages } from '../layouts/layout-messages.ts';
import { useDocumentProblems, useObjectDraft } from '../layouts/use-object-draft.ts';
import { UnclaimedProblems, useDraftProblems } from '../use-draft-problems.tsx';
import { useSetupMessages } from '../use-setup-messages.ts';
import { PicklistSubsets } from './picklist-subsets.tsx';
import { type RecordTypeDraft, recordTypeDraftOf, recordTypeOf, recordTypePosition, withoutRecordType, withRecordType } from './record-type-document.ts';

const CONTROL_KEYS = ['/apiName', '/labels', '/active', '/default', '/layout', '/picklistValues'];

export function RecordTypeEditor(props: { object: ObjectDefinition; recordType?: string; onClose: () => void }) {
  const { language } = useSession();
  const text = useLayoutMessages();
  const setupText = useSetupMessages();
  const flow = useMetadataChange();
  const form = useRef<HTMLDivElement>(null);
  const objectName = props.object.apiName;
  const { base, draft, setDraft } = useObjectDraft(objectName, props.recordType, (definition) =>
    recordTypeDraftOf(definition.recordTypes?.find((recordType) => recordType.apiName === props.recordType)),
  );
  const ready = base !== undefined && !(base instanceof Error) ? base : undefined;
  const built = useMemo(() => {
    if (!draft || !ready) return undefined;
    const recordType = recordTypeOf(
      draft,
      ready.recordTypes?.find((entry) => entry.apiName === props.recordType),
    );
    return { recordType, document: withRecordType(ready, recordType, props.recordType), layouts: ready.layouts ?? [] };
  }, [draft, ready, props.recordType]);
  const problems = useDocumentProblems(built?.document, `/recordTypes/${ready ? recordTypePosition(ready, props.recordType) : 0}`, flow.state);
  const checked = built ? { ...built, ...problems } : undefined;
  const shown = useDraftProblems(problems.local, problems.server, CONTROL_KEYS);

  const title = props.recordType ? `${text.editRecordType} · ${props.recordType}` : text.newRecordType;
  if (!ready || !draft || !checked) {
    return (
      <ChangeDrawer title={title} flow={flow} onClose={props.onClose} testId="record-type-editor">
        {base instanceof Error ? <ProblemBanner error={base} /> : <p className="muted">…</p>}
      </ChangeDrawer>
    );
  }

  const { errors, touch } = shown;
  const set = <K extends keyof RecordTypeDraft>(key: K, value: RecordTypeDraft[K], path: string = `/${key}`) => {
    setDraft({ ...draft, [key]: value });
    touch(path);
  };
  const review = () => {
    if (!shown.readyForReview(form.current)) return;
    flow.plan({
      title: `${objectName} · ${checked.recordType.apiName}`,
      object: objectName,
      build: (current) => withRecordType(current ?? (base as ObjectDef), checked.recordType, props.recordType),
    });
  };
  const remove = (apiName: string) =>
    flow.plan({
      title: `${text.deleteRecordType} · ${apiName}`,
      object: objectName,
      build: (current) => withoutRecordType(current ?? (base as ObjectDef), apiName),
    });

  return (
    <ChangeDrawer title={title} flow={flow} onClose={props.onClose} testId="record-type-editor">
      <div className="editor-form" ref={form}>
        {shown.showAll && checked.local.length > 0 ? (
          <p className="problem" role="alert">
            {setupText.fixErrors}
          </p>
        ) : null}
        <UnclaimedProblems problems={shown.unclaimed} />
        <TextControl label={setupText.apiName} value={draft.apiName} onChange={(value) => set('apiName', value)} errors={errors('/apiName')} />
        <SelectControl
          label={text.layout}
          value={draft.layout}
          empty={text.firstLayout}
          options={checked.layouts.map((layout) => ({
            value: layout.apiName,
            label: `${pickLabel(layout.labels, language, layout.apiName)} (${layout.apiName})`,
          }))}
          onChange={(value) => set('layout', value)}
          errors={errors('/layout')}
        />
        <LabelPair
          captions={{ zh: setupText.labelZh, en: setupText.labelEn }}
          value={draft.labels}
          onChange={(lang, value) => set('labels', { ...draft.labels, [lang]: value }, `/labels/${lang}`)}
          errors={{ zh: errors('/labels/zh', '/labels$'), en: errors('/labels/en') }}
        />
        <CheckControl label={text.active} checked={draft.active} onChange={(value) => set('active', value)} errors={errors('/active')} />
        <CheckControl label={text.isDefault} checked={draft.isDefault} onChange={(value) => set('isDefault', value, '/default')} errors={errors('/default')} />
        <PicklistSubsets
          fields={props.object.fields}
          value={draft.picklistValues}
          onChange={(value, field) => set('picklistValues', value, `/picklistValues/${field}`)}
          errors={errors}
        />
        <EditorActions
          flow={flow}
          onReview={review}
          onCancel={props.onClose}
          remove={props.recordType !== undefined ? { label: text.deleteRecordType, onRemove: () => remove(props.recordType as string) } : undefined}
        />
      </div>
    </ChangeDrawer>
  );
}
