import { useState } from 'react';
import { storedToken } from '../api/http.js';
import { SETTING_KEYS, SETTING_LABELS, getSetting, putSetting, type SettingKey } from '../api/settings.js';
import { createToken, listTokens, revokeToken } from '../api/users.js';
import { ErrorNotice, Loading } from '../components/ErrorNotice.js';
import { TextArea, TextField } from '../components/fields.js';
import { formatInstant } from '../format.js';
import { useAsync } from '../hooks.js';
import { useSession } from '../session-context.js';

function SettingEditor({ name, editable }: { name: SettingKey; editable: boolean }) {
  const loaded = useAsync(() => getSetting(name), [name]);
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const label = SETTING_LABELS[name];
  if (loaded.state === 'loading') return <Loading what={label.title} />;
  if (loaded.state === 'error') return <ErrorNotice error={loaded.error} what={label.title} />;
  const value = text ?? JSON.stringify(loaded.data.value, null, 2);
  const save = async () => {
    setError(null);
    setSaved(false);
    try {
      await putSetting(name, JSON.parse(value) as unknown, loaded.data.etag);
      setSaved(true);
      loaded.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <TextArea
        label={`${label.title} (JSON)`}
        rows={10}
        value={value}
        onChange={setText}
        hint={label.help}
      />
      {editable && (
        <button type="button" onClick={() => void save()}>
          Save {label.title.toLowerCase()}
        </button>
      )}
      {saved && <p className="notice notice-ok">Saved.</p>}
      {error !== null && <ErrorNotice error={error} what={label.title} />}
    </>
  );
}

function Tokens({ username }: { username: string }) {
  const tokens = useAsync(() => listTokens(username), [username]);
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      tokens.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      {tokens.state === 'loading' && <Loading what="tokens" />}
      {tokens.state === 'error' && <ErrorNotice error={tokens.error} what="API tokens" />}
      {tokens.state === 'ok' && (
        <ul>
          {tokens.data.map((t) => (
            <li key={t.id}>
              {t.name} — created {formatInstant(t.created_at)}, last used {formatInstant(t.last_used_at)}
              {t.revoked_at ? (
                ` — revoked ${formatInstant(t.revoked_at)}`
              ) : (
                <button
                  type="button"
                  className="button-quiet"
                  onClick={() => void run(() => revokeToken(username, t.id))}
                >
                  Revoke {t.name}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => setIssued((await createToken(username, name)).token));
        }}
      >
        <TextField label="New token name" value={name} onChange={setName} required />
        <button type="submit">Create token</button>
      </form>
      {issued && (
        <p className="notice notice-ok" role="status">
          Copy this token now; it is not shown again: <code className="secret">{issued}</code>
        </p>
      )}
      {error !== null && <ErrorNotice error={error} what="API tokens" />}
    </>
  );
}

/** Organisation settings (admins edit) and the signed-in user's API tokens. */
export function SettingsPage() {
  const { user } = useSession();
  if (!user) return null;
  return (
    <>
      <h1>Settings</h1>
      <section className="card" aria-labelledby="me-title">
        <h2 id="me-title">You</h2>
        <p>
          Signed in as <strong>{user.display_name}</strong> ({user.username}), role {user.role}
          {user.team_ids.length > 0 && `, teams ${user.team_ids.join(', ')}`},{' '}
          {storedToken() ? 'with an API token in this tab' : 'with a password session'}.
        </p>
      </section>
      <section className="card" aria-labelledby="tokens-title">
        <h2 id="tokens-title">API tokens</h2>
        <Tokens username={user.username} />
      </section>
      {SETTING_KEYS.map((key) => (
        <section key={key} className="card" aria-labelledby={`setting-${key}`}>
          <h2 id={`setting-${key}`}>{SETTING_LABELS[key].title}</h2>
          <SettingEditor name={key} editable={user.role === 'admin'} />
        </section>
      ))}
    </>
  );
}
