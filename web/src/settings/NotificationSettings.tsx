import { useState } from 'react';
import {
  CHANNEL_NAMES,
  getMyPreferences,
  getNotificationSettings,
  putMyPreferences,
  type ChannelName,
  type NotificationPreferences,
  type NotificationSettings,
} from '../api/settings.js';
import { ErrorNotice, Loading } from '../components/ErrorNotice.js';
import { CheckboxField, TextField } from '../components/fields.js';
import { useAsync } from '../hooks.js';

const yesNo = (value: boolean) => (value ? 'yes' : 'no');
const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

interface Row {
  name: string;
  value: string;
  /** The environment variables that set it. */
  variables: string;
}

function channelRows(c: NotificationSettings['channels']): Row[] {
  const off = 'not configured';
  return [
    {
      name: 'Email (SMTP)',
      value: c.email.configured
        ? `${c.email.host ?? ''}:${c.email.port ?? ''}${c.email.secure ? ' (TLS)' : ''}, from ${c.email.from ?? ''}, sign-in ${yesNo(c.email.authenticated)}`
        : off,
      variables: 'HINDSIGHT_SMTP_HOST, _PORT, _SECURE, _USER, _PASSWORD, _FROM',
    },
    {
      name: 'Slack',
      value: c.slack.configured ? `incoming webhook at ${c.slack.webhook_host ?? ''}` : off,
      variables: 'HINDSIGHT_SLACK_WEBHOOK_URL',
    },
    {
      name: 'Webhook',
      value: c.webhook.configured ? `${c.webhook.url_host ?? ''}, signed ${yesNo(c.webhook.signed)}` : off,
      variables: 'HINDSIGHT_WEBHOOK_URL, HINDSIGHT_WEBHOOK_SECRET',
    },
    {
      name: 'Amazon SNS',
      value: c.sns.configured
        ? `${c.sns.topic_arn ?? ''} in ${c.sns.region ?? ''}${c.sns.endpoint_host ? ` via ${c.sns.endpoint_host}` : ''}`
        : off,
      variables: 'HINDSIGHT_SNS_TOPIC_ARN, _REGION, _ENDPOINT',
    },
  ];
}

function timingRows(s: NotificationSettings): Row[] {
  const r = s.reminders;
  const w = s.review_workflow;
  return [
    {
      name: 'Default channels',
      value: s.default_channels.join(', '),
      variables: 'HINDSIGHT_NOTIFY_CHANNELS',
    },
    { name: 'Links in messages', value: s.link_base ?? 'none', variables: 'HINDSIGHT_PUBLIC_URL' },
    {
      name: '“Due soon” reminder',
      value: `${days(r.due_soon_days)} before the due date`,
      variables: 'HINDSIGHT_REMINDER_DUE_SOON_DAYS',
    },
    {
      name: 'Overdue reminders',
      value: `every ${days(r.overdue_repeat_days)}`,
      variables: 'HINDSIGHT_REMINDER_REPEAT_DAYS',
    },
    {
      name: 'Escalation to the team lead',
      value: `after ${days(r.escalate_after_days)} overdue`,
      variables: 'HINDSIGHT_ESCALATE_AFTER_DAYS',
    },
    {
      name: 'Daily digest',
      value: `from ${String(r.digest_hour).padStart(2, '0')}:00 ${r.time_zone}`,
      variables: 'HINDSIGHT_DIGEST_HOUR; time zone from the working calendar',
    },
    {
      name: 'Review meeting',
      value: `${days(w.review_after_business_days)} (business) after resolution`,
      variables: 'HINDSIGHT_REVIEW_AFTER_BUSINESS_DAYS',
    },
    {
      name: 'Feedback deadline',
      value: `${days(w.feedback_deadline_days)} after asking`,
      variables: 'HINDSIGHT_FEEDBACK_DEADLINE_DAYS',
    },
    {
      name: 'Review reminders',
      value: `every ${days(w.reminder_every_days)} until published`,
      variables: 'HINDSIGHT_REVIEW_REMINDER_DAYS',
    },
  ];
}

function RowsTable({ caption, rows }: { caption: string; rows: Row[] }) {
  return (
    <table className="compact">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Setting</th>
          <th scope="col">In force</th>
          <th scope="col">Set by</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name}>
            <th scope="row">{row.name}</th>
            <td>{row.value}</td>
            <td>
              <code>{row.variables}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The channels and timings in force, read-only: they come from the server's environment (admins). */
export function ServerNotificationSettings() {
  const loaded = useAsync(() => getNotificationSettings(), []);
  if (loaded.state === 'loading') return <Loading what="notification settings" />;
  if (loaded.state === 'error') return <ErrorNotice error={loaded.error} what="Notification settings" />;
  const s = loaded.data;
  return (
    <>
      <p className="muted">
        Read-only: set by environment variables when the server starts (see the README), so a change needs a
        restart. Passwords, the webhook secret and webhook addresses beyond their host are never shown.
        {!s.worker && ' This instance does not run the worker role; the instances that do deliver messages.'}
      </p>
      <RowsTable caption="Channels" rows={channelRows(s.channels)} />
      <RowsTable caption="Timings" rows={timingRows(s)} />
    </>
  );
}

function PreferencesForm({ username, initial }: { username: string; initial: NotificationPreferences }) {
  const [email, setEmail] = useState(initial.email ?? '');
  const [useDefault, setUseDefault] = useState(initial.channels === undefined);
  const [channels, setChannels] = useState<ChannelName[]>(initial.channels ?? ['email']);
  const [digest, setDigest] = useState(initial.digest);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const toggle = (channel: ChannelName, on: boolean) =>
    setChannels((now) => CHANNEL_NAMES.filter((c) => (c === channel ? on : now.includes(c))));
  const save = async () => {
    setError(null);
    setSaved(false);
    try {
      await putMyPreferences(username, {
        ...(email.trim() ? { email: email.trim() } : {}),
        ...(useDefault ? {} : { channels }),
        digest,
      });
      setSaved(true);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <TextField
        label="Notification email"
        type="email"
        value={email}
        onChange={setEmail}
        hint="Empty: the address of your account."
      />
      <CheckboxField
        label="Use the server's default channels"
        checked={useDefault}
        onChange={setUseDefault}
      />
      {!useDefault && (
        <fieldset>
          <legend>My channels</legend>
          {CHANNEL_NAMES.map((channel) => (
            <CheckboxField
              key={channel}
              label={channel}
              checked={channels.includes(channel)}
              onChange={(on) => toggle(channel, on)}
            />
          ))}
        </fieldset>
      )}
      <CheckboxField
        label="One daily digest instead of single reminders"
        checked={digest}
        onChange={setDigest}
        hint="Review invitations and feedback requests still come at once."
      />
      <button type="submit">Save my notification preferences</button>
      {saved && (
        <p className="notice notice-ok" role="status">
          Saved.
        </p>
      )}
      {error !== null && <ErrorNotice error={error} what="Notification preferences" />}
    </form>
  );
}

/** The signed-in user's own notification preferences, editable. */
export function MyNotificationPreferences({ username }: { username: string }) {
  const loaded = useAsync(() => getMyPreferences(username), [username]);
  if (loaded.state === 'loading') return <Loading what="your notification preferences" />;
  if (loaded.state === 'error') return <ErrorNotice error={loaded.error} what="Notification preferences" />;
  return <PreferencesForm username={username} initial={loaded.data} />;
}
