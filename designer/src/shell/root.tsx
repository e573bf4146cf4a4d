// The top of the tree: signed out → sign-in; signed in → Setup or App by path (Setup and Packages
// only for admins: everyone else lands in the App).
import { type ComponentType, type LazyExoticComponent, lazy, Suspense, useCallback } from 'react';
import { BoardPage } from '../app/board-page.tsx';
import { RecordsPage } from '../app/records-page.tsx';
import { SearchPage } from '../app/search/search-page.tsx';
import { InboxPage } from '../app/approvals/inbox-page.tsx';
import { ACCEPT_INVITE_PATH, AcceptInvite } from './accept-invite.tsx';
import { Layout } from './layout.tsx';
import { ACCESS_PATH, CALENDARS_PATH, navigate, PACKAGES_PATH, PEOPLE_PATH, pathSegments, REVISIONS_PATH, usePath } from './router.ts';
import { SessionProvider, useSession } from './session.tsx';
import { SignIn } from './sign-in.tsx';
import { useAuth } from './use-auth.ts';

// The generated record form brings @rjsf/core and ajv: loaded when a record page opens.
// The package manager is admin-only Setup work: its own chunk, downloaded when Packages opens.
const PackagesPage = lazy(() => import('../setup/packages/packages-page.tsx').then((module) => ({ default: module.PackagesPage })));
// Setup's editors bring the metamodel's validation (ajv) and drag and drop: admins only, so their own chunk.
const SetupPage = lazy(() => import('../setup/setup-page.tsx').then((module) => ({ default: module.SetupPage })));
// People, Access and Revisions: admin-only Setup pages, each its own chunk.
const PeoplePage = lazy(() => import('../setup/access/people-page.tsx').then((module) => ({ default: module.PeoplePage })));
const AccessPage = lazy(() => import('../setup/access/access-page.tsx').then((module) => ({ default: module.AccessPage })));
// Business calendars: the editor brings the calendar validation's zone tables; admins only.
const CalendarsPage = lazy(() => import('../setup/calendars/calendars-page.tsx').then((module) => ({ default: module.CalendarsPage })));
const RevisionsPage = lazy(() => import('../setup/revisions/revisions-page.tsx').then((module) => ({ default: module.RevisionsPage })));
const RecordPage = lazy(() => import('../app/record-page.tsx').then((module) => ({ default: module.RecordPage })));
// The import wizard: its own chunk, downloaded when someone imports.
const ImportPage = lazy(() => import('../app/import/import-page.tsx').then((module) => ({ default: module.ImportPage })));
const ImportHistoryPage = lazy(() => import('../app/import/import-history-page.tsx').then((module) => ({ default: module.ImportHistoryPage })));
// Pipeline analytics brings ECharts (funnel and bar charts, SVG renderer): its own chunk.
const AnalyticsPage = lazy(() => import('../app/analytics/analytics-page.tsx').then((module) => ({ default: module.AnalyticsPage })));

export function Root() {
  const { state, signedIn, signOut, expired } = useAuth();
  const credential = state.status === 'signed-in' ? state.credential : null;
  const onSignOut = useCallback(() => credential && signOut(credential), [credential, signOut]);
  const onExpired = useCallback(() => credential && expired(credential), [credential, expired]);

  // While GET /auth/me answers: neither the sign-in form nor an empty app flashes up.
  if (state.status === 'checking') return null;
  // An invitation link opens its own page: choose a password, then signed in as the new user.
  if (state.status === 'signed-out' && window.location.pathname === ACCEPT_INVITE_PATH) return <AcceptInvite onSignedIn={signedIn} />;
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
  if (section === 'import') {
    return (
      <Layout section="app">
        <Suspense fallback={null}>
          <ImportPage objectApiName={object} importId={recordId} />
        </Suspense>
      </Layout>
    );
  }
  if (section === 'imports') {
    return (
      <Layout section="app">
        <Suspense fallback={null}>
          <ImportHistoryPage objectApiName={object} />
        </Suspense>
      </Layout>
    );
  }
  if (section === 'search') {
    return (
      <Layout section="app">
        <SearchPage />
      </Layout>
    );
  }
  if (section === 'inbox') {
    return (
      <Layout section="inbox">
        <InboxPage requestId={object} />
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
  if (section === 'analytics') {
    return (
      <Layout section="analytics">
        <Suspense fallback={null}>
          <AnalyticsPage objectApiName={object} />
        </Suspense>
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
  const securityPages: Record<string, LazyExoticComponent<ComponentType>> = {
    [PEOPLE_PATH]: PeoplePage,
    [ACCESS_PATH]: AccessPage,
    [REVISIONS_PATH]: RevisionsPage,
    [CALENDARS_PATH]: CalendarsPage,
  };
  const securityPage = securityPages[`/${section}`];
  if (securityPage) {
    const Page = securityPage;
    return (
      <Layout section="setup">
        <Suspense fallback={null}>
          <Page />
        </Suspense>
      </Layout>
    );
  }
  if (section !== 'setup') queueMicrotask(() => navigate('/setup'));
  return (
    <Layout section="setup">
      <Suspense fallback={null}>
        <SetupPage objectApiName={section === 'setup' ? object : undefined} />
      </Suspense>
    </Layout>
  );
}
