// The top of the tree: signed out → sign-in; signed in → Setup or App by path.
import { lazy, Suspense, useCallback, useState } from 'react';
import { BoardPage } from '../app/board-page.tsx';
import { RecordsPage } from '../app/records-page.tsx';
import { SetupPage } from '../setup/setup-page.tsx';
import { Layout } from './layout.tsx';
import { navigate, PACKAGES_PATH, pathSegments, usePath } from './router.ts';
import { SessionProvider } from './session.tsx';
import { SignIn } from './sign-in.tsx';
import { loadToken, saveToken } from './token-store.ts';

// The generated record form brings @rjsf/core and ajv: loaded when a record page opens.
// The package manager is admin-only Setup work: its own chunk, downloaded when Packages opens.
const PackagesPage = lazy(() => import('../setup/packages/packages-page.tsx').then((module) => ({ default: module.PackagesPage })));
const RecordPage = lazy(() => import('../app/record-page.tsx').then((module) => ({ default: module.RecordPage })));

export function Root() {
  const [token, setToken] = useState(loadToken);
  const signOut = useCallback(() => {
    saveToken(null);
    setToken(null);
  }, []);
  const signIn = useCallback((next: string) => {
    saveToken(next);
    setToken(next);
  }, []);

  if (!token) return <SignIn onSignedIn={signIn} />;
  return (
    <SessionProvider token={token} onSignOut={signOut}>
      <Routes />
    </SessionProvider>
  );
}

function Routes() {
  const [section, object, recordId] = pathSegments(usePath());
  if (section === 'app' && object && recordId) {
    return (
      <Layout section="app">
        <Suspense fallback={null}>
          <RecordPage objectApiName={object} recordId={recordId} />
        </Suspense>
      </Layout>
    );
  }
  if (section === 'app') {
    return (
      <Layout section="app">
        <RecordsPage objectApiName={object} />
      </Layout>
    );
  }
  if (section === 'board') {
    return (
      <Layout section="board">
        <BoardPage objectApiName={object} />
      </Layout>
    );
  }
  if (`/${section}` === PACKAGES_PATH) {
    return (
      <Layout section="setup">
        <Suspense fallback={null}>
          <PackagesPage />
        </Suspense>
      </Layout>
    );
  }
  if (section !== 'setup') queueMicrotask(() => navigate('/setup'));
  return (
    <Layout section="setup">
      <SetupPage objectApiName={section === 'setup' ? object : undefined} />
    </Layout>
  );
}
