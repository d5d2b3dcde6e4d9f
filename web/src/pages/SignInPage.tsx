import { useState, type FormEvent } from 'react';
import { signIn, signInWithToken } from '../api/session.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { TextField } from '../components/fields.js';
import { navigate, useLocation } from '../router.js';
import { useSession } from '../session-context.js';

/** Password sign-in (session cookie), with an API-token alternative for automation and token users. */
export function SignInPage() {
  const { setUser } = useSession();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const next =
    location.path === '/sign-in'
      ? (location.search.get('next') ?? '/')
      : location.path + window.location.search;

  const done = async (work: Promise<Awaited<ReturnType<typeof signIn>>>) => {
    setBusy(true);
    setError(null);
    try {
      setUser(await work);
      navigate(next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void done(signIn(username, password));
  };
  const submitToken = (event: FormEvent) => {
    event.preventDefault();
    void done(signInWithToken(token));
  };

  return (
    <div className="sign-in">
      <h1>Sign in to Hindsight</h1>
      {error !== null && <ErrorNotice error={error} what="Signing in failed" />}
      <form onSubmit={submit} className="card" aria-label="Sign in with a password">
        <TextField
          label="Username"
          name="username"
          value={username}
          onChange={setUsername}
          autoComplete="username"
          required
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          required
        />
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
      <details className="card">
        <summary>Use an API token instead</summary>
        <form onSubmit={submitToken} aria-label="Sign in with an API token">
          <TextField
            label="API token"
            name="token"
            type="password"
            value={token}
            onChange={setToken}
            hint="Kept in this browser tab only (session storage) and sent as a bearer token."
            required
          />
          <button type="submit" disabled={busy}>
            Use token
          </button>
        </form>
      </details>
    </div>
  );
}
