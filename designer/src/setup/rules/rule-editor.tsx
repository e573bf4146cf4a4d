// One validation rule in a drawer: api name, the condition in the condition builder (records are
// valid while it holds), the message in both languages, the field it shows on, active; the live
// "test against a record" preview beside it. The metamodel checks the would-be object as the
// admin types (validateDocument, as the server does first); a clean draft goes to plan → review →
// apply, and a refused plan's problems land on the same controls.
import type { NormalisedObject, ObjectDef } from '@tessera/metadata';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ApiError, ObjectDefinition } from '../../api/index.ts';
import { ConditionBuilder } from '../../conditions/condition-builder.tsx';
import { conditionFieldsOf } from '../../conditions/condition-fields.ts';
import { pickLabel } from '../../i18n/language.ts';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { toApiError, useSession } from '../../shell/session.tsx';
import { ChangeDrawer } from '../change/change-drawer.tsx';
import { EditorActions } from '../change/editor-actions.tsx';
import { useMetadataChange } from '../change/use-metadata-change.ts';
import { CheckControl, SelectControl, TextControl } from '../form-controls.tsx';
import { LabelPair } from '../label-pair.tsx';
import { type PathProblem, problemsOf, validateDraft } from '../problems.ts';
import { UnclaimedProblems, useDraftProblems } from '../use-draft-problems.tsx';
import { useSetupMessages } from '../use-setup-messages.ts';
import { draftOf, type RuleDraft, ruleOf, rulePosition, withoutRule, withRule } from './rule-document.ts';
import { RulePreview } from './rule-preview.tsx';
import './rules.css';

const CONTROL_KEYS = ['/apiName', '/condition', '/message', '/field', '/active'];

/** A problem of the whole document → relative to the rule when it is under it. */
const relative = (problem: PathProblem, prefix: string): PathProblem =>
  problem.path === prefix || problem.path.startsWith(`${prefix}/`) ? { ...problem, path: problem.path.slice(prefix.length) } : problem;

export function RuleEditor(props: { object: ObjectDefinition; rule?: string; onClose: () => void }) {
  const { client, language, metadata } = useSession();
  const text = useSetupMessages();
  const flow = useMetadataChange();
  const form = useRef<HTMLDivElement>(null);
  const [base, setBase] = useState<ObjectDef | ApiError | undefined>(undefined);
  const [draft, setDraft] = useState<RuleDraft | undefined>(undefined);
  const [conditionValid, setConditionValid] = useState(true);
  const liveObjects = (metadata.status === 'ready' ? metadata.metadata.objects : []) as unknown as NormalisedObject[];
  const objectName = props.object.apiName;
  const fields = useMemo(() => conditionFieldsOf(props.object.fields, language), [props.object.fields, language]);

  useEffect(() => {
    let current = true;
    client.getObjectDefinition(objectName).then(
      (definition) => {
        if (!current) return;
        setBase(definition);
        setDraft(draftOf(definition.validationRules?.find((rule) => rule.apiName === props.rule)));
      },
      (error: unknown) => current && setBase(toApiError(error)),
    );
    return () => {
      current = false;
    };
  }, [client, objectName, props.rule]);

  const checked = useMemo(() => {
    if (!draft || !base || !('fields' in base)) return undefined;
    const previous = base.validationRules?.find((rule) => rule.apiName === props.rule);
    const rule = ruleOf(draft, previous);
    const prefix = `/validationRules/${rulePosition(base, props.rule)}`;
    const local = validateDraft(withRule(base, rule, props.rule), liveObjects, language).map((problem) => relative(problem, prefix));
    const server = flow.state.phase === 'refused' ? problemsOf(flow.state.error).map((problem) => relative(problem, prefix)) : [];
    return { rule, local, server };
  }, [draft, base, props.rule, liveObjects, flow.state, language]);
  const shown = useDraftProblems(checked?.local ?? [], checked?.server ?? [], CONTROL_KEYS);

  const title = props.rule ? `${text.editRule} · ${props.rule}` : text.newRule;
  if (base === undefined || base instanceof Error || !draft || !checked) {
    return (
      <ChangeDrawer title={title} flow={flow} onClose={props.onClose}>
        {base instanceof Error ? <ProblemBanner error={base} /> : <p className="muted">…</p>}
      </ChangeDrawer>
    );
  }

  const { errors, touch } = shown;
  const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K], path: string = `/${key}`) => {
    setDraft({ ...draft, [key]: value });
    touch(path);
  };
  const review = () => {
    if (!shown.readyForReview(form.current, !conditionValid)) return;
    flow.plan({
      title: `${objectName} · ${checked.rule.apiName}`,
      object: objectName,
      build: (current) => withRule(current ?? (base as ObjectDef), checked.rule, props.rule),
    });
  };
  const remove = (apiName: string) =>
    flow.plan({ title: `${text.deleteRule} · ${apiName}`, object: objectName, build: (current) => withoutRule(current ?? (base as ObjectDef), apiName) });
  const message = draft.message[language] || draft.message[language === 'zh' ? 'en' : 'zh'] || draft.apiName;

  return (
    <ChangeDrawer title={title} flow={flow} onClose={props.onClose} testId="rule-editor">
      <div className="editor-form rule-editor" ref={form}>
        {shown.showAll && (checked.local.length > 0 || !conditionValid) ? (
          <p className="problem" role="alert">
            {text.fixErrors}
          </p>
        ) : null}
        <UnclaimedProblems problems={shown.unclaimed} />
        <TextControl label={text.apiName} value={draft.apiName} onChange={(value) => set('apiName', value)} errors={errors('/apiName')} />
        <div className={`wide rule-condition${errors('/condition').length ? ' has-error' : ''}`}>
          <ConditionBuilder
            fields={fields}
            initial={draft.condition}
            label={text.ruleCondition}
            testId="rule-condition"
            onChange={(change) => {
              setConditionValid(change.ok);
              if (change.ok) set('condition', change.logic, '/condition');
            }}
          />
          {errors('/condition').length ? (
            <ul className="control-errors">
              {errors('/condition').map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          ) : null}
        </div>
        <LabelPair
          captions={{ zh: text.ruleMessageZh, en: text.ruleMessageEn }}
          value={draft.message}
          onChange={(lang, value) => set('message', { ...draft.message, [lang]: value }, `/message/${lang}`)}
          errors={{ zh: errors('/message/zh', '/message$'), en: errors('/message/en') }}
        />
        <SelectControl
          label={text.ruleField}
          value={draft.field}
          empty={text.wholeRecord}
          options={props.object.fields.map((field) => ({
            value: field.apiName,
            label: `${pickLabel(field.labels, language, field.apiName)} (${field.apiName})`,
          }))}
          onChange={(value) => set('field', value)}
          errors={errors('/field')}
        />
        <CheckControl label={text.ruleActive} checked={draft.active} onChange={(value) => set('active', value)} errors={errors('/active')} />
        <RulePreview object={props.object} condition={conditionValid ? draft.condition : undefined} message={message} />
        <EditorActions
          flow={flow}
          onReview={review}
          onCancel={props.onClose}
          remove={props.rule !== undefined ? { label: text.deleteRule, onRemove: () => remove(props.rule as string) } : undefined}
        />
      </div>
    </ChangeDrawer>
  );
}
