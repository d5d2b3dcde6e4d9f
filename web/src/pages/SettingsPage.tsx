import { useState } from 'react';
import { storedToken } from '../api/http.js';
import {
  CALENDAR,
  getSetting,
  listTemplates,
  putSetting,
  templateDoc,
  type SettingDoc,
} from '../api/settings.js';
import { createToken, listTokens, revokeToken } from '../api/users.js';
import { ErrorNotice, Loading } from '../components/ErrorNotice.js';
import { TextArea, TextField } from '../components/fields.js';
import { formatInstant } from '../format.js';
import { useAsync } from '../hooks.js';
import { usePersonName } from '../people.js';
import { useSession } from '../session-context.js';
import { KpiTargetsForm } from '../settings/KpiTargetsForm.js';
import { MyNotificationPreferences, ServerNotificationSettings } from '../settings/NotificationSettings.js';

function SettingEditor({ doc, editable }: { doc: SettingDoc; editable: boolean }) {
  const loaded = useAsync(() => getSetting(doc), [doc.path]);
  const nameOf = usePersonName();
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  if (loaded.state === 'loading') return <Loading what={doc.title} />;
  if (loaded.state === 'error') return <ErrorNotice error={loaded.error} what={doc.title} />;
  const value = text ?? JSON.stringify(loaded.data.view.value, null, 2);
  const save = async () => {
    setError(null);
    setSaved(false);
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch (e) {
      setError(new Error(`not valid JSON: ${e instanceof Error ? e.message : String(e)}`));
      return;
    }
    try {
      await putSetting(doc, parsed, loaded.data.etag);
      setSaved(true);
      setText(null);
      loaded.reload();
    } catch (e) {
      setError(e);
    }
  };
  const view = loaded.data.view;
  return (
    <>
      <p className="muted">
        {view.source === 'built_in'
          ? 'Built-in default.'
          : `Stored, version ${view.version}, by ${nameOf(view.updated_by)} at ${formatInstant(view.updated_at)}.`}
      </p>
      <TextArea
        label={`${doc.title} (JSON)`}
        rows={10}
        value={value}
        onChange={setText}
        readOnly={!editable}
        hint={doc.help}
      />
      {editable && (
        <button type="button" onClick={() => void save()}>
          Save {doc.title.toLowerCase()}
        </button>
      )}
      {saved && <p className="notice notice-ok">Saved.</p>}
      {error !== null && <ErrorNotice error={error} what={doc.title} />}
    </>
  );
}

function Templates({ editable }: { editable: boolean }) {
  const templates = useAsync(() => listTemplates(), []);
  if (templates.state === 'loading') return <Loading what="review templates" />;
  if (templates.state === 'error') return <ErrorNotice error={templates.error} what="Review templates" />;
  return (
    <>
      {templates.data.map((t) => (
        <details key={t.id}>
          <summary>
            {t.name} <code>{t.id}</code>
          </summary>
          <SettingEditor doc={templateDoc(t.id, t.name)} editable={editable} />
        </details>
      ))}
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
      <section className="card" aria-labelledby="targets-title">
        <h2 id="targets-title">KPI targets</h2>
        <KpiTargetsForm editable={user.role === 'admin'} />
      </section>
      <section className="card" aria-labelledby="calendar-title">
        <h2 id="calendar-title">{CALENDAR.title}</h2>
        <SettingEditor doc={CALENDAR} editable={user.role === 'admin'} />
      </section>
      <section className="card" aria-labelledby="templates-title">
        <h2 id="templates-title">Review templates</h2>
        <Templates editable={user.role === 'admin'} />
      </section>
      <section className="card" aria-labelledby="my-notifications-title">
        <h2 id="my-notifications-title">My notifications</h2>
        <MyNotificationPreferences username={user.username} />
      </section>
      <section className="card" aria-labelledby="channels-title">
        <h2 id="channels-title">Notification channels</h2>
        {user.role === 'admin' ? (
          <ServerNotificationSettings />
        ) : (
          <p className="muted">
            Channels and reminder timings are configured by an administrator in the server’s environment.
          </p>
        )}
      </section>
    </>
  );
}
