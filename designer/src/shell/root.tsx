// The top of the tree: signed out → sign-in; signed in → Setup or App by path (Setup and Packages
// only for admins: everyone else lands in the App).
import { lazy, Suspense, useCallback } from 'react';
import { BoardPage } from '../app/board-page.tsx';
import { RecordsPage } from '../app/records-page.tsx';
import { SetupPage } from '../setup/setup-page.tsx';
import { Layout } from './layout.tsx';
import { navigate, PACKAGES_PATH, pathSegments, usePath } from './router.ts';
import { SessionProvider, useSession } from './session.tsx';
import { SignIn } from './sign-in.tsx';
import { useAuth } from './use-auth.ts';

// The generated record form brings @rjsf/core and ajv: loaded when a record page opens.
// The package manager is admin-only Setup work: its own chunk, downloaded when Packages opens.
const PackagesPage = lazy(() => import('../setup/packages/packages-page.tsx').then((module) => ({ default: module.PackagesPage })));
const RecordPage = lazy(() => import('../app/record-page.tsx').then((module) => ({ default: module.RecordPage })));

export function Root() {
  const { state, signedIn, signOut, expired } = useAuth();
  const credential = state.status === 'signed-in' ? state.credential : null;
  const onSignOut = useCallback(() => credential && signOut(credential), [credential, signOut]);
  const onExpired = useCallback(() => credential && expired(credential), [credential, expired]);

  // While GET /auth/me answers: neither the sign-in form nor an empty app flashes up.
  if (state.status === 'checking') return null;
  if (state.status === 'signed-out') return <SignIn onSignedIn={signedIn} expired={state.expired} />;
  return (
    <SessionProvider credential={state.credential} me={state.me} onSignOut={onSignOut} onExpired={onExpired}>
      <Routes />
    </SessionProvider>
  );
}

function Routes() {
  const { me } = useSession();
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
  // Setup, Packages and `/` are for admins; the server would refuse the rest their changes anyway.
  if (!me.admin) {
    queueMicrotask(() => navigate('/app'));
    return (
      <Layout section="app">
        <RecordsPage objectApiName={undefined} />
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
