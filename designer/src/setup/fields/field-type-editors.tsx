// Each field type's own properties: one entry per type of the metamodel's registry (FIELD_TYPES),
// so a new type fails type-checking, and the generated unit test, until it has an editor. Which
// common properties a type takes (required, unique, default expression) is read from its JSON
// Schema, not restated here.
import { FORMULA_RETURN_TYPES, type FieldType, fieldTypeSchema, type NormalisedObject, ROLLUP_FUNCTIONS, type RollupFunction } from '@tessera/metadata';
import { type ComponentType, useRef } from 'react';
import { useSession } from '../../shell/session.tsx';
import { pickLabel } from '../../i18n/language.ts';
import { JsonControl, NumberControl, SelectControl, TextControl } from '../form-controls.tsx';
import { FileFieldProperties } from './file-field-editor.tsx';
import { FormulaFieldInserter } from './formula-field-inserter.tsx';
import { summarisableFields } from './summarisable-fields.ts';
import { useSetupMessages } from '../use-setup-messages.ts';
import { PicklistValuesEditor } from './picklist-values-editor.tsx';
import { DependentValuesEditor, FormatsByRecordTypeEditor } from './dependent-values-editor.tsx';
import type { TypeEditorProps } from './type-editor-props.ts';
import { junctionCandidates } from './junction-candidates.ts';

export interface TypeEditor {
  /** The type's own starting properties for a new field. */
  blank: () => Record<string, unknown>;
  Properties: ComponentType<TypeEditorProps>;
}

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const num = (value: unknown) => (typeof value === 'number' ? value : undefined);

function Lengths(props: TypeEditorProps & { withMin: boolean; withDefault?: boolean }) {
  const text = useSetupMessages();
  const { draft, setField, errors } = props;
  return (
    <>
      <NumberControl
        label={text.maxLength}
        step="1"
        value={num(draft.field.maxLength)}
        onChange={(v) => setField('maxLength', v)}
        errors={errors('/maxLength')}
      />
      {props.withMin ? (
        <NumberControl
          label={text.minLength}
          step="1"
          value={num(draft.field.minLength)}
          onChange={(v) => setField('minLength', v)}
          errors={errors('/minLength')}
        />
      ) : null}
      {props.withDefault === false ? null : (
        <TextControl label={text.defaultValue} value={str(draft.field.default)} onChange={(v) => setField('default', v)} errors={errors('/default')} />
      )}
    </>
  );
}

function Numeric(props: TypeEditorProps & { currency?: boolean }) {
  const text = useSetupMessages();
  const { draft, setField, errors } = props;
  return (
    <>
      <NumberControl
        label={text.precision}
        step="1"
        value={num(draft.field.precision)}
        onChange={(v) => setField('precision', v)}
        errors={errors('/precision')}
      />
      <NumberControl label={text.scale} step="1" value={num(draft.field.scale)} onChange={(v) => setField('scale', v)} errors={errors('/scale')} />
      <NumberControl label={text.min} value={num(draft.field.min)} onChange={(v) => setField('min', v)} errors={errors('/min')} />
      <NumberControl label={text.max} value={num(draft.field.max)} onChange={(v) => setField('max', v)} errors={errors('/max')} />
      {props.currency ? (
        <TextControl
          label={text.currencyCode}
          value={str(draft.field.currencyCode)}
          onChange={(v) => setField('currencyCode', v)}
          errors={errors('/currencyCode')}
        />
      ) : null}
      <NumberControl label={text.defaultValue} value={num(draft.field.default)} onChange={(v) => setField('default', v)} errors={errors('/default')} />
    </>
  );
}

function DateDefault(props: TypeEditorProps & { inputType: 'date' | 'text' | 'time' }) {
  const text = useSetupMessages();
  return (
    <TextControl
      label={text.defaultValue}
      type={props.inputType}
      value={str(props.draft.field.default)}
      onChange={(v) => props.setField('default', v)}
      errors={props.errors('/default')}
    />
  );
}

function BooleanDefault(props: TypeEditorProps) {
  const text = useSetupMessages();
  const value = props.draft.field.default;
  return (
    <SelectControl
      label={text.defaultValue}
      value={value === undefined ? '' : String(value)}
      empty={text.defaultNone}
      options={[
        { value: 'true', label: '✓' },
        { value: 'false', label: '✗' },
      ]}
      onChange={(v) => props.setField('default', v === '' ? undefined : v === 'true')}
      errors={props.errors('/default')}
    />
  );
}

/** What a lookup or polylookup may point at: the live objects, and the object being edited (also when it is new). */
function targetObjects(props: TypeEditorProps) {
  return props.liveObjects.some((object) => object.apiName === props.objectApiName)
    ? props.liveObjects
    : [...props.liveObjects, { apiName: props.objectApiName, labels: {} }];
}

function Lookup(props: TypeEditorProps) {
  const text = useSetupMessages();
  const { language } = useSession();
  const { draft, setField, errors } = props;
  const targets = targetObjects(props);
  return (
    <>
      <SelectControl
        label={text.lookupTarget}
        value={str(draft.field.target)}
        empty={text.choose}
        options={targets.map((object) => ({ value: object.apiName, label: `${pickLabel(object.labels, language, object.apiName)} (${object.apiName})` }))}
        onChange={(v) => setField('target', v)}
        errors={errors('/target')}
      />
      <SelectControl
        label={text.onDelete}
        value={str(draft.field.onDelete)}
        empty={text.onDeleteDefault}
        options={(['setNull', 'restrict', 'cascade'] as const).map((value) => ({ value, label: text.terms.onDelete[value] }))}
        onChange={(v) => setField('onDelete', v === '' ? undefined : v)}
        errors={errors('/onDelete')}
      />
    </>
  );
}

/** Many-to-many: the linked object (the runtime keeps the links in a managed junction table). */
function ManyToMany(props: TypeEditorProps) {
  const text = useSetupMessages();
  const { language } = useSession();
  const { draft, setField, errors } = props;
  const target = str(draft.field.target);
  const current = str(draft.field.junction);
  const candidates = junctionCandidates(props.objectApiName, target, props.liveObjects);
  // A junction the object no longer qualifies for stays listed, so the refusal shows next to it.
  const junctions: readonly Pick<NormalisedObject, 'apiName' | 'labels'>[] =
    current && !candidates.some((object) => object.apiName === current) ? [...candidates, { apiName: current, labels: {} }] : candidates;
  return (
    <>
      <SelectControl
        label={text.lookupTarget}
        value={target}
        empty={text.choose}
        options={targetObjects(props).map((object) => ({
          value: object.apiName,
          label: `${pickLabel(object.labels, language, object.apiName)} (${object.apiName})`,
        }))}
        onChange={(v) => setField('target', v)}
        errors={errors('/target')}
      />
      <SelectControl
        label={text.junctionObject}
        value={current}
        empty={text.junctionManaged}
        options={junctions.map((object) => ({ value: object.apiName, label: `${pickLabel(object.labels, language, object.apiName)} (${object.apiName})` }))}
        onChange={(v) => setField('junction', v === '' ? undefined : v)}
        errors={errors('/junction', '/junctionFields')}
      />
      <p className="hint">{text.junctionHint}</p>
    </>
  );
}

/** "Related to": the objects a value may point at, any number of them (a checkbox each). */
function Polylookup(props: TypeEditorProps) {
  const text = useSetupMessages();
  const { language } = useSession();
  const { draft, setField, errors } = props;
  const chosen = Array.isArray(draft.field.targets) ? (draft.field.targets as string[]) : [];
  const toggle = (apiName: string, on: boolean) => setField('targets', on ? [...chosen, apiName] : chosen.filter((name) => name !== apiName));
  const problems = errors('/targets');
  return (
    <fieldset className="targets">
      <legend>{text.polylookupTargets}</legend>
      {targetObjects(props).map((object) => (
        <label key={object.apiName}>
          <input type="checkbox" checked={chosen.includes(object.apiName)} onChange={(event) => toggle(object.apiName, event.target.checked)} />{' '}
          {pickLabel(object.labels, language, object.apiName)} ({object.apiName})
        </label>
      ))}
      {problems.map((problem) => (
        <p key={problem} className="error" role="alert">
          {problem}
        </p>
      ))}
    </fieldset>
  );
}

function Autonumber(props: TypeEditorProps) {
  const text = useSetupMessages();
  const { draft, setField, errors } = props;
  return (
    <>
      <TextControl label={text.autonumberFormat} value={str(draft.field.format)} onChange={(v) => setField('format', v)} errors={errors('/format')} />
      <NumberControl label={text.startAt} step="1" value={num(draft.field.startAt)} onChange={(v) => setField('startAt', v)} errors={errors('/startAt')} />
      <FormatsByRecordTypeEditor {...props} />
    </>
  );
}

function Formula(props: TypeEditorProps) {
  const text = useSetupMessages();
  const { draft, setField, setJson, errors } = props;
  const expression = useRef<HTMLTextAreaElement>(null);
  const expressionText = draft.json.expression?.text ?? '';
  return (
    <>
      <SelectControl
        label={text.formulaReturns}
        value={str(draft.field.returns)}
        options={FORMULA_RETURN_TYPES.map((value) => ({ value, label: text.terms.formulaReturns[value] }))}
        onChange={(v) => setField('returns', v)}
        errors={errors('/returns')}
      />
      <JsonControl
        label={text.formulaExpression}
        text={expressionText}
        parseError={draft.json.expression?.error}
        onChange={(v) => setJson('expression', v)}
        errors={errors('/expression')}
        textareaRef={expression}
      />
      <FormulaFieldInserter
        object={props.liveObjects.find((object) => object.apiName === props.objectApiName)}
        objects={props.liveObjects}
        self={str(draft.field.apiName)}
        text={expressionText}
        onChange={(v) => setJson('expression', v)}
        textarea={expression}
      />
      <NumberControl label={text.formulaScale} step="1" value={num(draft.field.scale)} onChange={(v) => setField('scale', v)} errors={errors('/scale')} />
    </>
  );
}

function Rollup(props: TypeEditorProps) {
  const text = useSetupMessages();
  const { language } = useSession();
  const { draft, setField, setJson, errors } = props;
  // Children: live objects with a lookup to this object; their lookups and summarisable fields.
  const children = props.liveObjects.filter((object) => object.fields.some((field) => field.type === 'lookup' && field.target === props.objectApiName));
  const child = children.find((object) => object.apiName === draft.field.childObject);
  const label = (labels: { en?: string; zh?: string }, apiName: string) => `${pickLabel(labels, language, apiName)} (${apiName})`;
  return (
    <>
      {children.length === 0 ? <p className="hint">{text.noChildren}</p> : null}
      <SelectControl
        label={text.rollupChild}
        value={str(draft.field.childObject)}
        empty={text.choose}
        options={children.map((object) => ({ value: object.apiName, label: label(object.labels, object.apiName) }))}
        onChange={(v) => setField('childObject', v)}
        errors={errors('/childObject')}
      />
      <SelectControl
        label={text.rollupChildField}
        value={str(draft.field.childField)}
        empty={text.choose}
        options={(child?.fields ?? [])
          .filter((field) => field.type === 'lookup' && field.target === props.objectApiName)
          .map((field) => ({ value: field.apiName, label: label(field.labels, field.apiName) }))}
        onChange={(v) => setField('childField', v)}
        errors={errors('/childField')}
      />
      <SelectControl
        label={text.rollupFunction}
        value={str(draft.field.function)}
        options={ROLLUP_FUNCTIONS.map((value) => ({ value, label: text.terms.rollupFunctions[value] }))}
        onChange={(v) => setField('function', v)}
        errors={errors('/function')}
      />
      <SelectControl
        label={text.rollupAggregate}
        value={str(draft.field.aggregateField)}
        empty={text.none}
        options={summarisableFields(child, draft.field.function as RollupFunction | undefined).map((field) => ({
          value: field.apiName,
          // Computed fields say what they are: a formula or a roll-up summarised in turn.
          label: `${label(field.labels, field.apiName)}${field.type === 'formula' || field.type === 'rollup' ? ` · ${text.terms.fieldTypes[field.type]}` : ''}`,
        }))}
        onChange={(v) => setField('aggregateField', v === '' ? undefined : v)}
        errors={errors('/aggregateField')}
      />
      <JsonControl
        label={text.rollupFilter}
        text={draft.json.filter?.text ?? ''}
        parseError={draft.json.filter?.error}
        onChange={(v) => setJson('filter', v)}
        errors={errors('/filter')}
      />
    </>
  );
}

function Picklist(props: TypeEditorProps & { multiple: boolean }) {
  const text = useSetupMessages();
  return (
    <>
      <PicklistValuesEditor rows={props.draft.values} onChange={props.setValues} errors={props.errors} />
      {props.multiple ? (
        <NumberControl
          label={text.maxSelected}
          step="1"
          value={num(props.draft.field.maxSelected)}
          onChange={(v) => props.setField('maxSelected', v)}
          errors={props.errors('/maxSelected')}
        />
      ) : null}
      <DependentValuesEditor {...props} />
    </>
  );
}

/** A user field has no properties of its own: say what it holds and how "current user" is written. */
function UserNote() {
  const text = useSetupMessages();
  return <p className="hint">{text.userFieldNote}</p>;
}

function GeolocationNote() {
  const text = useSetupMessages();
  return <p className="hint">{text.geolocationFieldNote}</p>;
}

// One module-level component per variant: React keeps their state across renders.
const WithMinLength = (props: TypeEditorProps) => <Lengths {...props} withMin />;
const MaxLengthOnly = (props: TypeEditorProps) => <Lengths {...props} withMin={false} />;
// Rich text takes no literal default (it would reach the table past the sanitiser).
const RichTextLength = (props: TypeEditorProps) => <Lengths {...props} withMin={false} withDefault={false} />;
const PlainNumber = (props: TypeEditorProps) => <Numeric {...props} />;
const Currency = (props: TypeEditorProps) => <Numeric {...props} currency />;
const SinglePicklist = (props: TypeEditorProps) => <Picklist {...props} multiple={false} />;
const MultiPicklist = (props: TypeEditorProps) => <Picklist {...props} multiple />;
const DateOnly = (props: TypeEditorProps) => <DateDefault {...props} inputType="date" />;
const DateTime = (props: TypeEditorProps) => <DateDefault {...props} inputType="text" />;
const TimeOfDay = (props: TypeEditorProps) => <DateDefault {...props} inputType="time" />;
const nothing = () => ({});

export const FIELD_TYPE_EDITORS: Record<FieldType, TypeEditor> = {
  text: { blank: nothing, Properties: WithMinLength },
  textarea: { blank: nothing, Properties: WithMinLength },
  number: { blank: nothing, Properties: PlainNumber },
  currency: { blank: nothing, Properties: Currency },
  percent: { blank: nothing, Properties: PlainNumber },
  boolean: { blank: nothing, Properties: BooleanDefault },
  date: { blank: nothing, Properties: DateOnly },
  datetime: { blank: nothing, Properties: DateTime },
  email: { blank: nothing, Properties: MaxLengthOnly },
  phone: { blank: nothing, Properties: MaxLengthOnly },
  url: { blank: nothing, Properties: MaxLengthOnly },
  picklist: { blank: nothing, Properties: SinglePicklist },
  multipicklist: { blank: nothing, Properties: MultiPicklist },
  lookup: { blank: () => ({ target: '' }), Properties: Lookup },
  autonumber: { blank: () => ({ format: '' }), Properties: Autonumber },
  formula: { blank: () => ({ returns: 'number' }), Properties: Formula },
  rollup: { blank: () => ({ function: 'count' }), Properties: Rollup },
  user: { blank: nothing, Properties: UserNote },
  richtext: { blank: nothing, Properties: RichTextLength },
  time: { blank: nothing, Properties: TimeOfDay },
  polylookup: { blank: () => ({ targets: [] }), Properties: Polylookup },
  manytomany: { blank: () => ({ target: '' }), Properties: ManyToMany },
  // Nothing to set: latitude/longitude ranges are fixed, and a point takes no default or unique index.
  geolocation: { blank: nothing, Properties: GeolocationNote },
  file: { blank: nothing, Properties: FileFieldProperties },
  image: { blank: nothing, Properties: FileFieldProperties },
};

/** Required, unique, external id, a default expression and a backfill, where the type's schema takes them. */
export function commonProperties(type: FieldType): { required: boolean; unique: boolean; externalId: boolean; defaultExpr: boolean; backfill: boolean } {
  const properties = (fieldTypeSchema(type).properties ?? {}) as Record<string, unknown>;
  return {
    required: 'required' in properties,
    unique: 'unique' in properties,
    externalId: 'externalId' in properties,
    defaultExpr: 'defaultExpr' in properties,
    backfill: 'backfill' in properties,
  };
}

/** A backfill typed in a text box → the field's value type (its JSON Schema says which). */
export function backfillValue(type: FieldType, text: string): unknown {
  if (text === '') return undefined;
  const schema = ((fieldTypeSchema(type).properties ?? {}) as Record<string, { type?: string }>).backfill;
  if (schema?.type === 'number') return Number(text);
  if (schema?.type === 'boolean') return text === 'true';
  if (schema?.type === 'array') return text.split(',').map((value) => value.trim());
  return text;
}
