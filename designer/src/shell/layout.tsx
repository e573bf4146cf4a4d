import type { ReactNode } from 'react';
import { Link } from './link.tsx';
import { PACKAGES_PATH, usePath } from './router.ts';
import { useSession } from './session.tsx';

export function Layout(props: { section: 'setup' | 'app' | 'board'; children: ReactNode }) {
  const { messages, signOut } = useSession();
  const path = usePath();
  return (
    <div className="layout">
      <header className="topbar">
        <span className="brand">{messages.appTitle}</span>
        <nav>
          <Link to="/setup" className={props.section === 'setup' ? 'active' : undefined}>
            {messages.setup}
          </Link>
          <Link to="/app" className={props.section === 'app' ? 'active' : undefined}>
            {messages.app}
          </Link>
          <Link to="/board" className={props.section === 'board' ? 'active' : undefined}>
            {messages.board}
          </Link>
        </nav>
        <button type="button" className="link-button" onClick={signOut}>
          {messages.signOut}
        </button>
      </header>
      {props.section === 'setup' ? (
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
