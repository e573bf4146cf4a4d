// The rich-text editor's words in both languages (toolbar buttons are named for screen readers and tests).
import type { Language } from '../i18n/language.ts';

const en = {
  toolbar: 'Formatting',
  bold: 'Bold',
  italic: 'Italic',
  underline: 'Underline',
  strike: 'Strikethrough',
  heading: 'Heading',
  paragraph: 'Paragraph',
  bulletList: 'Bulleted list',
  numberedList: 'Numbered list',
  link: 'Link',
  linkPrompt: 'Link address (https://…, mailto:…)',
  linkRefused: 'Only http, https and mailto links are allowed.',
  clear: 'Clear formatting',
};

const zh: typeof en = {
  toolbar: '格式',
  bold: '加粗',
  italic: '斜体',
  underline: '下划线',
  strike: '删除线',
  heading: '标题',
  paragraph: '正文',
  bulletList: '项目符号列表',
  numberedList: '编号列表',
  link: '链接',
  linkPrompt: '链接地址（https://…、mailto:…）',
  linkRefused: '只允许 http、https 和 mailto 链接。',
  clear: '清除格式',
};

export const richTextMessagesFor = (language: Language): typeof en => (language === 'zh' ? zh : en);
