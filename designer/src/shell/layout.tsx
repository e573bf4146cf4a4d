import type { ReactNode } from 'react';
import { Link } from './link.tsx';
import { PACKAGES_PATH, usePath } from './router.ts';
import { useSession } from './session.tsx';

export function Layout(props: { section: 'setup' | 'app' | 'board'; children: ReactNode }) {
  const { messages, signOut, me } = useSession();
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
        </nav>
        <span className="muted">{me.user ? me.user.name || me.user.email : messages.apiTokenPrincipal}</span>
        <button type="button" className="link-button" onClick={signOut}>
          {messages.signOut}
        </button>
      </header>
      {props.section === 'setup' && me.admin ? (
        <nav className="subnav" aria-label={messages.setupSections}>
          <Link to="/setup" className={path === PACKAGES_PATH ? undefined : 'active'}>
            {messages.objects}
          </Link>
          <Link to={PACKAGES_PATH} className={path === PACKAGES_PATH ? 'active' : undefined}>
            {messages.packages}
          </Link>
        </nav>
      ) : null}
      <main className="content">{props.children}</main>
    </div>
  );
}
