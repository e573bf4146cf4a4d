import type { ReactNode } from 'react';
import { SearchBox } from '../app/search/search-box.tsx';
import { InboxLink } from '../app/notifications/inbox-link.tsx';
import { analyticsMessages } from '../app/analytics/analytics-messages.ts';
import { LanguageSwitch } from '../app/notifications/language-switch.tsx';
import { NotificationBell } from '../app/notifications/notification-bell.tsx';
import { Link } from './link.tsx';
import { SECURITY_LINKS, setupNavMessages } from '../setup/access/setup-nav-messages.ts';
import { PACKAGES_PATH, usePath } from './router.ts';
import { useSession } from './session.tsx';

export function Layout(props: { section: 'setup' | 'app' | 'board' | 'analytics' | 'inbox'; children: ReactNode }) {
  const { messages, signOut, me, language } = useSession();
  const path = usePath();
  return (
    <div className="layout">
      <header className="topbar">
        <span className="brand">{messages.appTitle}</span>
        <nav aria-label={messages.mainNavigation}>
          {me.admin ? (
            <Link to="/setup" className={props.section === 'setup' ? 'active' : undefined}>
              {messages.setup}
            </Link>
          ) : null}
          <Link to="/app" className={props.section === 'app' ? 'active' : undefined}>
            {messages.app}
          </Link>
          <Link to="/board" className={props.section === 'board' ? 'active' : undefined}>
            {messages.board}
          </Link>
          <Link to="/analytics" className={props.section === 'analytics' ? 'active' : undefined}>
            {analyticsMessages(language).analytics}
          </Link>
          <InboxLink active={props.section === 'inbox'} />
        </nav>
        <SearchBox />
        <span className="muted">{me.user ? me.user.name || me.user.email : messages.apiTokenPrincipal}</span>
        <NotificationBell />
        <LanguageSwitch />
        <button type="button" className="link-button" onClick={signOut}>
          {messages.signOut}
        </button>
      </header>
      {props.section === 'setup' && me.admin ? (
        <nav className="subnav" aria-label={messages.setupSections}>
          <Link to="/setup" className={path.startsWith('/setup') ? 'active' : undefined}>
            {messages.objects}
          </Link>
          <Link to={PACKAGES_PATH} className={path === PACKAGES_PATH ? 'active' : undefined}>
            {messages.packages}
          </Link>
          {SECURITY_LINKS.map((link) => (
            <Link key={link.path} to={link.path} className={path === link.path ? 'active' : undefined}>
              {setupNavMessages(language)[link.key]}
            </Link>
          ))}
        </nav>
      ) : null}
      <main className="content">{props.children}</main>
    </div>
  );
}
