// Words of the accept-invitation page, in both languages.
import type { Language } from '../i18n/language.ts';

const en = {
  title: 'Accept your invitation',
  intro: 'Choose a password to finish setting up your account for {tenant}.',
  password: 'New password',
  confirm: 'Repeat the password',
  mismatch: 'The two passwords differ.',
  accept: 'Set password and sign in',
  missing: 'This link is incomplete: ask your administrator for a new invitation.',
};

const zh: typeof en = {
  title: '接受邀请',
  intro: '设置密码，完成您在 {tenant} 的账号。',
  password: '新密码',
  confirm: '再次输入密码',
  mismatch: '两次输入的密码不一致。',
  accept: '设置密码并登录',
  missing: '此链接不完整：请管理员重新发送邀请。',
};

export const acceptInviteMessagesFor = (language: Language) => (language === 'zh' ? zh : en);
