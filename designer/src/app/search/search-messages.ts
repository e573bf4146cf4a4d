// Global search's words in both languages (the top bar's box and the results page).
import type { Language } from '../../i18n/language.ts';

const en = {
  search: 'Search all records',
  placeholder: 'Search records…',
  results: 'Results for “{q}”',
  noResults: 'Nothing found for “{q}”.',
  typeToSearch: 'Type a name, phone, e-mail or other text to search every object you may read.',
  more: 'More {object} match: refine the search.',
  matchedIn: 'matched in {field}',
  searching: 'Searching…',
};

export type SearchMessages = typeof en;

const zh: SearchMessages = {
  search: '全局搜索',
  placeholder: '搜索记录…',
  results: '“{q}”的搜索结果',
  noResults: '没有找到“{q}”。',
  typeToSearch: '输入名称、电话、邮箱等文字，在您可查看的所有对象中搜索。',
  more: '还有更多{object}匹配：请细化搜索。',
  matchedIn: '匹配字段：{field}',
  searching: '搜索中…',
};

export function searchMessagesFor(language: Language): SearchMessages {
  return language === 'zh' ? zh : en;
}
