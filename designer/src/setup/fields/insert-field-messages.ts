// The formula editor's "insert field" helper, in both languages; a key missing in one fails type-checking.
import type { Language } from '../../i18n/language.ts';

const en = {
  insertField: 'Insert field',
  pickField: 'Choose a field…',
  ownFields: 'This object',
};

const zh: typeof en = {
  insertField: '插入字段',
  pickField: '选择字段…',
  ownFields: '本对象',
};

export function insertFieldMessagesFor(language: Language): typeof en {
  return language === 'zh' ? zh : en;
}
