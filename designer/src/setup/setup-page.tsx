// Setup → object manager: objects (searchable) with a New button and the dropped ones to restore;
// the selected object's page as tabs (details and fields, layouts, record types, validation rules,
// pipeline, approval flows; the tab is in the URL). Every edit opens a drawer and ends in plan →
// review → apply (change/); this page only decides which drawer is open.
import { useState } from 'react';
import type { ObjectDefinition } from '../api/index.ts';
import { ProblemBanner } from '../shell/problem-banner.tsx';
import { navigate, pathSegments, usePath } from '../shell/router.ts';
import { useSession } from '../shell/session.tsx';
import { FieldTable } from './field-table.tsx';
import { FieldEditor } from './fields/field-editor.tsx';
import { ApprovalFlowsSection } from './approvals/approval-flows-section.tsx';
import { LayoutEditor } from './layouts/layout-editor.tsx';
import { LayoutsSection } from './layouts/layouts-section.tsx';
import { ObjectList } from './object-list.tsx';
import { dropObject } from './objects/object-document.ts';
import { DroppedObjectList } from './objects/dropped-object-list.tsx';
import { type DroppedObject, useDroppedObjects } from './objects/dropped-objects.ts';
import { ObjectDetails } from './objects/object-details.tsx';
import { ObjectEditor } from './objects/object-editor.tsx';
import { ObjectTabs, objectTabOf } from './objects/object-tabs.tsx';
import { PlannedChangeDrawer } from './objects/planned-change-drawer.tsx';
import { PipelineSection } from './pipelines/pipeline-section.tsx';
import { RecordTypeEditor } from './record-types/record-type-editor.tsx';
import { RecordTypesSection } from './record-types/record-types-section.tsx';
import { RuleEditor } from './rules/rule-editor.tsx';
import { ValidationRulesSection } from './rules/validation-rules-section.tsx';
import { useSetupMessages } from './use-setup-messages.ts';
import './setup.css';

type Editing =
  | { kind: 'new-object' }
  | { kind: 'edit-object'; object: string }
  | { kind: 'drop'; object: string }
  | { kind: 'restore'; dropped: DroppedObject }
  | { kind: 'field'; object: string; field?: string }
  | { kind: 'rule'; object: string; rule?: string }
  | { kind: 'layout'; object: string; layout?: string }
  | { kind: 'record-type'; object: string; recordType?: string };

const matches = (object: ObjectDefinition, search: string) => {
  const needle = search.trim().toLowerCase();
  return !needle || [object.apiName, object.labels.en ?? '', object.labels.zh ?? ''].some((text) => text.toLowerCase().includes(needle));
};

export function SetupPage(props: { objectApiName: string | undefined }) {
  const { client, metadata, messages } = useSession();
  const text = useSetupMessages();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Editing | null>(null);
  // /setup/<object>/<tab>: the object page's tab survives a reload.
  const tab = objectTabOf(pathSegments(usePath())[2]);
  const ready = metadata.status === 'ready' ? metadata.metadata : undefined;
  const dropped = useDroppedObjects(client, ready?.objects.map((object) => object.apiName) ?? [], ready?.revision);
  if (metadata.status === 'loading') return <p className="muted">{messages.loading}</p>;
  if (metadata.status === 'failed') return <ProblemBanner error={metadata.error} />;

  const { objects, revision } = metadata.metadata;
  const selected = objects.find((object) => object.apiName === props.objectApiName) ?? objects[0];
  const listed = objects.filter((object) => matches(object, search));
  const close = () => setEditing(null);

  return (
    <div className="setup object-manager">
      <section aria-labelledby="objects-title">
        <div className="section-header">
          <h2 id="objects-title">
            {messages.objects} <span className="muted small" data-testid="metadata-revision">{`${messages.revision} ${revision}`}</span>
          </h2>
          <button type="button" onClick={() => setEditing({ kind: 'new-object' })}>
            + {text.newObject}
          </button>
        </div>
        <input
          type="search"
          className="search"
          aria-label={text.searchObjects}
          placeholder={text.searchObjects}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        {listed.length === 0 ? (
          <p className="muted">{objects.length === 0 ? text.noObjectsYet : text.noMatch}</p>
        ) : (
          <ObjectList objects={listed} selected={selected?.apiName} />
        )}
        <DroppedObjectList dropped={dropped} onRestore={(restored) => setEditing({ kind: 'restore', dropped: restored })} />
      </section>
      {selected ? (
        <section className="object-page">
          <ObjectDetails
            object={selected}
            onEdit={() => setEditing({ kind: 'edit-object', object: selected.apiName })}
            onDrop={() => setEditing({ kind: 'drop', object: selected.apiName })}
          />
          <ObjectTabs
            object={selected.apiName}
            selected={tab}
            panels={{
              details: () => (
                <FieldTable
                  object={selected}
                  onAdd={() => setEditing({ kind: 'field', object: selected.apiName })}
                  onEdit={(field) => setEditing({ kind: 'field', object: selected.apiName, field })}
                />
              ),
              layouts: () => (
                <LayoutsSection
                  object={selected}
                  onAdd={() => setEditing({ kind: 'layout', object: selected.apiName })}
                  onEdit={(layout) => setEditing({ kind: 'layout', object: selected.apiName, layout })}
                />
              ),
              'record-types': () => (
                <RecordTypesSection
                  object={selected}
                  onAdd={() => setEditing({ kind: 'record-type', object: selected.apiName })}
                  onEdit={(recordType) => setEditing({ kind: 'record-type', object: selected.apiName, recordType })}
                />
              ),
              rules: () => (
                <ValidationRulesSection
                  object={selected}
                  onAdd={() => setEditing({ kind: 'rule', object: selected.apiName })}
                  onEdit={(rule) => setEditing({ kind: 'rule', object: selected.apiName, rule })}
                />
              ),
              pipeline: () => <PipelineSection object={selected} />,
              approvals: () => <ApprovalFlowsSection object={selected} />,
            }}
          />
        </section>
      ) : null}

      {editing?.kind === 'new-object' ? (
        <ObjectEditor
          onClose={(created) => {
            close();
            if (created) navigate(`/setup/${encodeURIComponent(created)}`);
          }}
        />
      ) : null}
      {editing?.kind === 'edit-object' ? <ObjectEditor object={editing.object} onClose={close} /> : null}
      {editing?.kind === 'field' ? <FieldEditor object={editing.object} field={editing.field} onClose={close} /> : null}
      {editing?.kind === 'rule' && selected?.apiName === editing.object ? <RuleEditor object={selected} rule={editing.rule} onClose={close} /> : null}
      {editing?.kind === 'layout' && selected?.apiName === editing.object ? <LayoutEditor object={selected} layout={editing.layout} onClose={close} /> : null}
      {editing?.kind === 'record-type' && selected?.apiName === editing.object ? (
        <RecordTypeEditor object={selected} recordType={editing.recordType} onClose={close} />
      ) : null}
      {editing?.kind === 'drop' ? (
        <PlannedChangeDrawer
          title={`${text.softDropTitle} · ${editing.object}`}
          hint={text.softDropHint}
          change={{ title: editing.object, build: () => dropObject(editing.object) }}
          onClose={close}
          testId="drop-object"
        />
      ) : null}
      {editing?.kind === 'restore' ? (
        <PlannedChangeDrawer
          title={`${text.restoreTitle} · ${editing.dropped.apiName}`}
          change={{ title: editing.dropped.apiName, build: () => editing.dropped.definition }}
          onClose={close}
          testId="restore-object"
        />
      ) : null}
    </div>
  );
}
