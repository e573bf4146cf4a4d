// One page layout in a wide drawer: api name and names in both languages, the section board (drag
// and drop), the properties of the selected section or field (visibility rule in the condition
// builder), and the live preview beside it. The metamodel checks the would-be object as the admin
// types (validateDocument, as the server does first) and its problems land on the section, field
// or box they name; a clean draft goes to plan → review → apply, and a refused plan's problems
// land on the same controls.
import type { ObjectDef } from '@tessera/metadata';
import { useMemo, useRef, useState } from 'react';
import type { ObjectDefinition } from '../../api/index.ts';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { ChangeDrawer } from '../change/change-drawer.tsx';
import { EditorActions } from '../change/editor-actions.tsx';
import { useMetadataChange } from '../change/use-metadata-change.ts';
import { TextControl } from '../form-controls.tsx';
import { LabelPair } from '../label-pair.tsx';
import { useSetupMessages } from '../use-setup-messages.ts';
import { UnclaimedProblems, useDraftProblems } from '../use-draft-problems.tsx';
import { emptySection, type LayoutDraft, layoutDraftOf, layoutOf, layoutPosition, withLayout, withoutLayout } from './layout-document.ts';
import { useLayoutMessages } from './layout-messages.ts';
import { LayoutPreview } from './layout-preview.tsx';
import { PropertiesPanel } from './properties-panel.tsx';
import { SectionBoard, type Target } from './section-board.tsx';
import { ErrorList } from './section-card.tsx';
import { useDocumentProblems, useObjectDraft } from './use-object-draft.ts';
import './layouts.css';

/** The draft's name in the preview only: not an api name, so it never meets a live layout's (a duplicate being typed included). */
const PREVIEW_NAME = '#draft';

/** Every pointer a control of this draft claims: the rest are listed above the form. */
function controlKeys(draft: LayoutDraft): string[] {
  return [
    '/apiName',
    '/labels',
    '/sections$',
    ...draft.sections.flatMap((section, index) => [
      `/sections/${index}/labels`,
      `/sections/${index}/columns`,
      `/sections/${index}/visibleWhen`,
      `/sections/${index}/fields$`,
      `/sections/${index}$`,
      ...section.fields.map((_, position) => `/sections/${index}/fields/${position}`),
    ]),
  ];
}

export function LayoutEditor(props: { object: ObjectDefinition; layout?: string; onClose: () => void }) {
  const text = useLayoutMessages();
  const setupText = useSetupMessages();
  const flow = useMetadataChange();
  const form = useRef<HTMLDivElement>(null);
  const objectName = props.object.apiName;
  const { base, draft, setDraft } = useObjectDraft(objectName, props.layout, (definition) =>
    layoutDraftOf(definition.layouts?.find((layout) => layout.apiName === props.layout)),
  );
  const [selected, setSelected] = useState<Target | undefined>(undefined);
  const [conditionValid, setConditionValid] = useState(true);
  const ready = base !== undefined && !(base instanceof Error) ? base : undefined;
  const built = useMemo(() => {
    if (!draft || !ready) return undefined;
    const layout = layoutOf(draft);
    // The preview's copy goes under a name of its own (PREVIEW_NAME).
    return { layout, document: withLayout(ready, layout, props.layout), preview: withLayout(ready, { ...layout, apiName: PREVIEW_NAME }, props.layout) };
  }, [draft, ready, props.layout]);
  const problems = useDocumentProblems(built?.document, `/layouts/${ready ? layoutPosition(ready, props.layout) : 0}`, flow.state);
  const checked = built ? { ...built, ...problems } : undefined;
  const shown = useDraftProblems(problems.local, problems.server, draft ? controlKeys(draft) : []);

  const title = props.layout ? `${text.editLayout} · ${props.layout}` : text.newLayout;
  if (!ready || !draft || !checked) {
    return (
      <ChangeDrawer title={title} flow={flow} onClose={props.onClose} testId="layout-editor">
        {base instanceof Error ? <ProblemBanner error={base} /> : <p className="muted">…</p>}
      </ChangeDrawer>
    );
  }

  const { errors, touch } = shown;
  const change = (next: Partial<LayoutDraft>, path: string) => {
    setDraft({ ...draft, ...next });
    touch(path);
  };
  const review = () => {
    if (!shown.readyForReview(form.current, !conditionValid)) return;
    flow.plan({
      title: `${objectName} · ${checked.layout.apiName}`,
      object: objectName,
      build: (current) => withLayout(current ?? (base as ObjectDef), checked.layout, props.layout),
    });
  };
  const remove = (apiName: string) =>
    flow.plan({ title: `${text.deleteLayout} · ${apiName}`, object: objectName, build: (current) => withoutLayout(current ?? (base as ObjectDef), apiName) });
  // The preview follows the draft as it is typed (a nameless layout included); only a visibility
  // rule the metamodel refuses makes it wait, as the form could not evaluate it.
  const previewObject = checked.local.some((problem) => problem.path.includes('/visibleWhen')) ? undefined : checked.preview;

  return (
    <ChangeDrawer title={title} flow={flow} onClose={props.onClose} testId="layout-editor">
      <div className="layout-editor" ref={form}>
        <div className="layout-editor-main">
          {shown.showAll && (checked.local.length > 0 || !conditionValid) ? (
            <p className="problem" role="alert">
              {setupText.fixErrors}
            </p>
          ) : null}
          <UnclaimedProblems problems={shown.unclaimed} />
          <div className="editor-form">
            <TextControl
              label={setupText.apiName}
              value={draft.apiName}
              onChange={(value) => change({ apiName: value }, '/apiName')}
              errors={errors('/apiName')}
            />
            <span />
            <LabelPair
              captions={{ zh: text.layoutLabelZh, en: text.layoutLabelEn }}
              value={draft.labels}
              onChange={(language, value) => change({ labels: { ...draft.labels, [language]: value } }, `/labels/${language}`)}
              errors={{ zh: errors('/labels/zh', '/labels$'), en: errors('/labels/en') }}
            />
          </div>
          <div className="section-header">
            <h3>{text.sections}</h3>
            <button type="button" className="secondary" onClick={() => change({ sections: [...draft.sections, emptySection()] }, '/sections')}>
              + {text.addSection}
            </button>
          </div>
          <ErrorList errors={errors('/sections$')} />
          <SectionBoard
            sections={draft.sections}
            fields={props.object.fields}
            onChange={(sections) => change({ sections }, '/sections')}
            errors={errors}
            selected={selected}
            onSelect={setSelected}
          />
          {selected ? (
            <PropertiesPanel
              target={selected}
              sections={draft.sections}
              fields={props.object.fields}
              onChange={(sections) => change({ sections }, '/sections')}
              errors={errors}
              onValidity={setConditionValid}
            />
          ) : null}
          <EditorActions
            flow={flow}
            onReview={review}
            onCancel={props.onClose}
            remove={props.layout !== undefined ? { label: text.deleteLayout, onRemove: () => remove(props.layout as string) } : undefined}
          />
        </div>
        <LayoutPreview object={previewObject} layout={PREVIEW_NAME} />
      </div>
    </ChangeDrawer>
  );
}
