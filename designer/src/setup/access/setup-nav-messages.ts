// The Setup sub-navigation's links to People, Access, Business calendars and Revisions, in both languages. Kept out of
// i18n/messages.ts (shared by every screen) and tiny, because the layout loads it for everyone.
import type { Language } from '../../i18n/language.ts';
import { ACCESS_PATH, CALENDARS_PATH, PEOPLE_PATH, REVISIONS_PATH } from '../../shell/router.ts';

const en = { people: 'People', access: 'Access', calendars: 'Business calendars', revisions: 'Revisions' };
const zh: typeof en = { people: '用户与角色', access: '访问权限', calendars: '工作日历', revisions: '修订历史' };

export function setupNavMessages(language: Language): typeof en {
  return language === 'zh' ? zh : en;
}

export const SECURITY_LINKS: readonly { path: string; key: keyof typeof en }[] = [
  { path: PEOPLE_PATH, key: 'people' },
  { path: ACCESS_PATH, key: 'access' },
  { path: CALENDARS_PATH, key: 'calendars' },
  { path: REVISIONS_PATH, key: 'revisions' },
];
