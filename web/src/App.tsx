import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError } from './api/http.js';
import { currentSession, signOut, type SessionUser } from './api/session.js';
import { forgetPeople } from './people.js';
import { ErrorNotice, Loading } from './components/ErrorNotice.js';
import { ActionsPage } from './pages/ActionsPage.js';
import { AnalysisPage } from './pages/AnalysisPage.js';
import { DashboardPage } from './pages/DashboardPage.js';
import { FeedbackPage } from './pages/FeedbackPage.js';
import { IncidentPage } from './pages/IncidentPage.js';
import { IncidentsPage } from './pages/IncidentsPage.js';
import { LessonsPage } from './pages/LessonsPage.js';
import { NewIncidentPage } from './pages/NewIncidentPage.js';
import { ReviewPage } from './pages/ReviewPage.js';
import { SettingsPage } from './pages/SettingsPage.js';
import { SignInPage } from './pages/SignInPage.js';
import { Link, match, navigate, useLocation } from './router.js';
import { SessionContext } from './session-context.js';

const NAV: { to: string; label: string }[] = [
  { to: '/', label: 'Dashboard' },
  { to: '/incidents', label: 'Incidents' },
  { to: '/actions', label: 'Actions' },
  { to: '/lessons', label: 'Lessons' },
  { to: '/settings', label: 'Settings' },
];

function route(path: string): ReactNode {
  let p: Record<string, string> | null;
  if (path === '/' || path === '/dashboard') return <DashboardPage />;
  if (path === '/incidents') return <IncidentsPage />;
  if (path === '/incidents/new') return <NewIncidentPage />;
  if ((p = match('/incidents/:id', path))) return <IncidentPage id={p.id ?? ''} />;
  if ((p = match('/incidents/:id/review', path))) return <ReviewPage id={p.id ?? ''} />;
  if ((p = match('/incidents/:id/analyses/:method', path)))
    return <AnalysisPage id={p.id ?? ''} method={p.method ?? ''} />;
  if (path === '/actions') return <ActionsPage />;
  if (path === '/lessons') return <LessonsPage />;
  if (path === '/settings') return <SettingsPage />;
  return (
    <>
      <h1>Page not found</h1>
      <p>
        There is no page at <code>{path}</code>. <Link to="/">Go to the dashboard</Link>.
      </p>
    </>
  );
}

function isCurrent(to: string, path: string): boolean {
  return to === '/' ? path === '/' : path === to || path.startsWith(`${to}/`);
}

export function App() {
  const location = useLocation();
  const [user, setUser] = useState<SessionUser | null>(null);
  const [checked, setChecked] = useState<'pending' | 'done' | { error: unknown }>('pending');
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    currentSession().then(
      (u) => {
        setUser(u);
        setChecked('done');
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 401) setChecked('done');
        else setChecked({ error });
      },
    );
  }, []);

  // After a client-side navigation, move focus to the new page's heading so screen-reader and keyboard
  // users start at the top of the new content.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = main.current?.querySelector('h1');
    if (heading instanceof HTMLElement) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }, [location.path]);

  const session = useMemo(() => ({ user, setUser }), [user]);
  const onSignInPage = location.path === '/sign-in';
  // The feedback link works for participants without an account: its token is the credential.
  const feedback = match('/feedback/:token', location.path);

  let content: ReactNode;
  if (checked === 'pending') content = <Loading what="your session" />;
  else if (typeof checked === 'object')
    content = <ErrorNotice error={checked.error} what="Checking your session" />;
  else if (feedback) content = <FeedbackPage token={feedback.token ?? ''} />;
  else if (!user || onSignInPage) content = <SignInPage />;
  else content = route(location.path);

  return (
    <SessionContext.Provider value={session}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          Hindsight
        </Link>
        {user && (
          <nav aria-label="Main">
            <ul>
              {NAV.map((item) => (
                <li key={item.to}>
                  <Link to={item.to} aria-current={isCurrent(item.to, location.path) ? 'page' : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {user && (
          <div className="whoami">
            <span>
              {user.display_name} <span className="role">({user.role})</span>
            </span>
            <button
              type="button"
              className="button-quiet"
              onClick={() => {
                // Signed out locally whatever the server says: a failed DELETE only leaves a session to expire.
                void signOut()
                  .catch(() => undefined)
                  .finally(() => {
                    forgetPeople();
                    setUser(null);
                    navigate('/sign-in');
                  });
              }}
            >
              Sign out
            </button>
          </div>
        )}
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {content}
      </main>
    </SessionContext.Provider>
  );
}
