// The object manager's edits as documents for plan → apply: a new object (with its name field,
// since an object needs at least one field), a relabelled one, a soft drop.
import type { MetadataBundle, ObjectDef } from '@tessera/metadata';

export interface ObjectForm {
  apiName: string;
  labels: { en: string; zh: string };
  pluralLabels: { en: string; zh: string };
  nameField: string;
  description: string;
  /** Its records are activities, on the timelines of the records they point at. */
  timeline: boolean;
  /** The date or datetime field that places an activity on the timeline ('' = when it was created). */
  timelineAt: string;
}

const present = (labels: { en: string; zh: string }) => Object.fromEntries(Object.entries(labels).filter(([, text]) => text.trim() !== ''));

/** The name field a new object starts with: what lookups and lists show for a record. */
export const NEW_NAME_FIELD = { type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' }, required: true } as const;

export function objectFormOf(object: ObjectDef | undefined): ObjectForm {
  return {
    apiName: object?.apiName ?? '',
    labels: { en: object?.labels.en ?? '', zh: object?.labels.zh ?? '' },
    pluralLabels: { en: object?.pluralLabels?.en ?? '', zh: object?.pluralLabels?.zh ?? '' },
    nameField: object?.nameField ?? '',
    description: object?.description ?? '',
    timeline: object?.timeline === true,
    timelineAt: object?.timelineAt ?? '',
  };
}

/** `current` undefined: a new object. Otherwise its latest definition with the form's properties. */
export function withObjectForm(current: ObjectDef | undefined, form: ObjectForm): ObjectDef {
  const {
    pluralLabels: _plural,
    nameField: _name,
    description: _description,
    timeline: _timeline,
    timelineAt: _timelineAt,
    ...rest
  } = current ?? { apiName: form.apiName, labels: {}, fields: [{ ...NEW_NAME_FIELD }] };
  const plural = present(form.pluralLabels);
  return {
    ...rest,
    apiName: current?.apiName ?? form.apiName,
    labels: present(form.labels),
    ...(Object.keys(plural).length > 0 ? { pluralLabels: plural } : {}),
    ...(form.nameField ? { nameField: form.nameField } : current ? {} : { nameField: NEW_NAME_FIELD.apiName }),
    ...(form.description.trim() ? { description: form.description } : {}),
    ...(form.timeline ? { timeline: true } : {}),
    ...(form.timeline && form.timelineAt ? { timelineAt: form.timelineAt } : {}),
  };
}

/** Soft drop: the table and records are hidden (restorable) until purged. */
export const dropObject = (apiName: string): MetadataBundle => ({ objects: [], remove: [apiName] });
