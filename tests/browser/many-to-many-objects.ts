// The contact and opportunity objects the many-to-many browser suites (app-many-to-many*.test.ts)
// share: contacts named by `name`, opportunities whose `contacts` field links them (managed links,
// or through a junction object when one is named).
export const contactObject = {
  apiName: 'contact',
  labels: { en: 'Contact', zh: '联系人' },
  pluralLabels: { en: 'Contacts', zh: '联系人' },
  nameField: 'name',
  fields: [{ type: 'text', apiName: 'name', labels: { en: 'Name', zh: '姓名' }, required: true }],
};

/** The opportunity object; `junction` names the junction object of its contacts, if any. */
export function opportunityObject(junction?: string) {
  return {
    apiName: 'opportunity',
    labels: { en: 'Opportunity', zh: '商机' },
    pluralLabels: { en: 'Opportunities', zh: '商机' },
    nameField: 'name',
    fields: [
      { type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' }, required: true },
      { type: 'manytomany', apiName: 'contacts', target: 'contact', ...(junction ? { junction } : {}), labels: { en: 'Contacts', zh: '联系人' } },
    ],
  };
}
