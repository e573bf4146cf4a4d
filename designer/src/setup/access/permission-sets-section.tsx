// Permission sets: pick one (or create one), edit its label and grid, save it with one PATCH quoting the
// version read (If-Match), or delete it. A refused save shows each problem on its object's row.
import { useState } from 'react';
import type { ObjectDefinition } from '../../api/index.ts';
import { SelectControl } from '../form-controls.tsx';
import { LabelPair } from '../label-pair.tsx';
import { initialLabels, labelsToSend, useNameOf } from './access-labels.ts';
import { useAccessMessages } from './access-messages.ts';
import { type Grants, PermissionGrid } from './permission-grid.tsx';
import { PermissionSetDrawer } from './permission-set-drawer.tsx';
import { type PermissionSet, useSecurityApi } from './security-api.ts';
import { SubmitProblem, useSubmit } from './use-submit.tsx';

export function PermissionSetsSection(props: { sets: readonly PermissionSet[]; objects: readonly ObjectDefinition[]; onChanged: () => void }) {
  const text = useAccessMessages();
  const nameOf = useNameOf();
  const [selectedId, setSelectedId] = useState<string | undefined>(props.sets[0]?.id);
  const [creating, setCreating] = useState(false);
  const selected = props.sets.find((set) => set.id === selectedId) ?? props.sets[0];
  return (
    <section aria-labelledby="permission-sets-title">
      <div className="section-header">
        <h3 id="permission-sets-title">{text.permissionSets}</h3>
        <button type="button" onClick={() => setCreating(true)}>
          + {text.newPermissionSet}
        </button>
      </div>
      {selected ? (
        <>
          <SelectControl
            label={text.permissionSets}
            value={selected.id}
            onChange={setSelectedId}
            options={props.sets.map((set) => ({ value: set.id, label: `${nameOf(set)} (${set.name})` }))}
          />
          {/* Keyed by id and version: another set, or this one saved, starts a fresh draft. */}
          <SetEditor key={`${selected.id}:${selected.version}`} set={selected} objects={props.objects} onChanged={props.onChanged} />
        </>
      ) : (
        <p className="muted">{text.noPermissionSets}</p>
      )}
      {creating ? (
        <PermissionSetDrawer
          onClose={() => setCreating(false)}
          onCreated={(set) => {
            setCreating(false);
            setSelectedId(set.id);
            props.onChanged();
          }}
        />
      ) : null}
    </section>
  );
}

function SetEditor(props: { set: PermissionSet; objects: readonly ObjectDefinition[]; onChanged: () => void }) {
  const text = useAccessMessages();
  const securityApi = useSecurityApi();
  const [grants, setGrants] = useState<Grants>(props.set.objects);
  const [labels, setLabels] = useState(initialLabels(props.set));
  const [saved, setSaved] = useState(false);
  const submit = useSubmit(['/labels/zh', '/labels/en', '/labels$', ...props.objects.map((object) => `/objects/${object.apiName}`)]);
  const save = async () => {
    setSaved(false);
    if (await submit.submit(() => securityApi.updatePermissionSet(props.set, { ...labelsToSend(labels), objects: grants }))) {
      setSaved(true);
      props.onChanged();
    }
  };
  const remove = async () => {
    const deleted = await submit.submit(async () => {
      await securityApi.deletePermissionSet(props.set);
      return true;
    });
    if (deleted) props.onChanged();
  };
  return (
    <div data-testid="permission-set-editor" data-set={props.set.name}>
      <LabelPair
        captions={{ zh: text.labelZh, en: text.labelEn }}
        value={labels}
        onChange={(language, value) => {
          setSaved(false);
          setLabels({ ...labels, [language]: value });
        }}
        errors={{ zh: submit.errors('/labels/zh', '/labels$'), en: submit.errors('/labels/en') }}
      />
      <PermissionGrid
        objects={props.objects}
        grants={grants}
        onChange={(next) => {
          setSaved(false);
          setGrants(next);
        }}
        errors={(path) => submit.errors(path)}
      />
      <SubmitProblem submit={submit} />
      {saved ? (
        <p className="notice" role="status">
          {text.saved}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" disabled={submit.busy} onClick={save}>
          {submit.busy ? text.saving : text.save}
        </button>
        <button type="button" className="secondary" disabled={submit.busy} onClick={remove}>
          {text.deletePermissionSet}
        </button>
      </div>
    </div>
  );
}
