// 中文 / English in the top bar: switches every screen at once and is remembered (i18n/language-choice.ts).
import { chooseLanguage } from '../../i18n/language-choice.ts';
import { useSession } from '../../shell/session.tsx';
import { approvalMessagesFor } from '../approvals/approval-messages.ts';

export function LanguageSwitch() {
  const { language } = useSession();
  const next = language === 'zh' ? 'en' : 'zh';
  return (
    <button
      type="button"
      className="link-button"
      lang={next === 'zh' ? 'zh-CN' : 'en'}
      aria-label={`${approvalMessagesFor(language).language}: ${next === 'zh' ? '中文' : 'English'}`}
      onClick={() => chooseLanguage(next)}
    >
      {next === 'zh' ? '中文' : 'English'}
    </button>
  );
}
