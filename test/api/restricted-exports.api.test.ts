import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WITHHELD_TITLE } from '../../src/core/notifications/need-to-know.js';
import type { Notification } from '../../src/core/notifications/notification.schema.js';
import { cliRunner } from '../support/cli.js';
import { buildIncidentInput } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { addPerson, type Person } from '../support/people.js';
import { expectNoTraceOf, type RestrictedTraces } from '../support/restricted.js';
import { STORE_KINDS } from '../support/stores.js';

/*
 * The read paths of restricted-incidents.api.test.ts that answer in text (CSV, Markdown, Prometheus), the
 * CLI exports run with a non-member's token, and the messages the worker records: a non-member owner, team
 * lead or digest reader hears of an action of a restricted incident (id, due date, owner) without its title,
 * and is not invited to its review. Each check has a positive control (admin, operator or member sees the
 * markers), so it would fail if the data were simply absent.
 */
describe.each(STORE_KINDS)('restricted incidents in exports and messages on %s', (kind) => {
  let t: TestServer;
  let outsider: Person;
  let lead: Person;
  let restricted: RestrictedTraces;
  let outsiderAction: string;
  let memberAction: string;
  let outbox: Notification[];

  const action = (title: string, owner: string) =>
    t.call('POST', '/api/v1/actions', {
      body: {
        incident_ids: [restricted.id],
        title,
        description: 'and close quokka-bucket',
        type: 'corrective',
        category: 'wombat-lesson',
        owner: { kind: 'user', id: owner },
        due_date: '2024-01-01',
        priority: 'High',
        risk_reduction: 5,
        feasibility: 4,
        success_criteria: 'zebra-key revoked',
      },
    });

  beforeAll(async () => {
    t = await startTestServer(kind);
    outsider = await addPerson(t, 'olga', 'responder', ['platform']);
    lead = await addPerson(t, 'leo', 'viewer', ['platform']);
    await addPerson(t, 'mia', 'viewer', ['platform']);
    await addPerson(t, 'sam', 'responder', ['secops']);
    await t.call('PUT', '/api/v1/teams/platform/notification-preferences', { body: { lead_id: 'leo' } });
    await t.call('PUT', '/api/v1/users/leo/notification-preferences', { body: { digest: true } });
    const created = await t.call('POST', '/api/v1/incidents', {
      body: buildIncidentInput({
        title: 'Exfiltration via zebra-key',
        description: 'attack path through quokka-bucket',
        team: 'secops',
        restricted: true,
        status: 'resolved',
        timestamps: {
          impact_started: '2024-01-15T08:00:00Z',
          detected: '2024-01-15T08:30:00Z',
          declared: '2024-01-15T08:40:00Z',
          resolved: '2024-01-15T12:00:00Z',
        },
      }),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    restricted = { id: created.body.id as string, markers: ['zebra-key', 'quokka-bucket', 'wombat-lesson'] };
    await t.call('PUT', `/api/v1/incidents/${restricted.id}/review`, {
      body: {
        participants: ['sam', 'olga', 'mia'],
        lessons: [{ lesson: 'rotate the wombat-lesson keys', priority: 'High' }],
        contributing_factors: [{ category: 'technical', description: 'long-lived access key zebra-key' }],
      },
    });
    await t.call('POST', `/api/v1/incidents/${restricted.id}/members`, { body: { username: 'mia' } });
    await t.call('POST', '/api/v1/incidents', { body: buildIncidentInput({ team: 'platform' }) });
    outsiderAction = (await action('Rotate the zebra-key', 'olga')).body.id as string;
    memberAction = (await action('Close the quokka-bucket', 'mia')).body.id as string;
    // 2024-01-16 10:00 UTC: both actions 15 days overdue (escalated to leo), the digest hour passed.
    await t.server.services.reminders.reminders();
    await t.server.services.reminders.digests();
    await t.server.services.reviewAutomation.advance();
    outbox = (await t.server.store.stores.outbox.list()).map((item) => item.notification);
  });
  afterAll(() => t.close());

  const text = async (path: string, token: string) => {
    const response = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: await response.text() };
  };

  it('shows a non-member nothing of it in CSV, Markdown, JSON trends and Prometheus metrics', async () => {
    const paths = [
      '/api/v1/actions.csv',
      '/api/v1/trends?format=markdown',
      '/api/v1/trends?format=json',
      '/metrics',
    ];
    for (const path of paths) {
      const response = await text(path, outsider.token);
      expect(response.status, path).toBe(200);
      expect(response.body.length, path).toBeGreaterThan(0);
      expectNoTraceOf(restricted, response, path);
    }
    expect((await text('/api/v1/actions.csv', t.token)).body).toContain('Rotate the zebra-key');
    // Counted in aggregates all the same: the metrics include both incidents.
    expect((await text('/metrics', outsider.token)).body).toContain(
      'hindsight_kpi_n{kpi="severity_distribution",unit="percent",team="all"} 2',
    );
  });

  it('shows it to no one on the CLI exports made with a non-member token', async () => {
    const env =
      t.storeConfig.kind === 'postgres'
        ? { DATABASE_URL: t.storeConfig.url }
        : { HINDSIGHT_DATA: join(t.storeConfig.file, '..') };
    const asOutsider = cliRunner({ ...env, HINDSIGHT_TOKEN: outsider.token });
    const asOperator = cliRunner(env);
    const window = ['--from', '2024-01-01T00:00:00Z', '--to', '2024-01-17T00:00:00Z'];
    const commands = [
      ['actions', 'export'],
      ['actions', 'list', '--json'],
      ['lessons', 'export', '--format', 'json'],
      ['trends', '--to', '2024-01-17T00:00:00Z'],
      ['trends', '--to', '2024-01-17T00:00:00Z', '--json'],
      ['kpi', ...window],
      ['kpi', ...window, '--json'],
      ['kpi', '--effectiveness', ...window, '--json'],
    ];
    for (const command of commands) {
      const run = await asOutsider(...command);
      expect(run.code, `${command.join(' ')}: ${run.stderr}`).toBe(0);
      expectNoTraceOf(restricted, { status: 200, body: `${run.stdout}\n${run.stderr}` }, command.join(' '));
    }
    expect((await asOperator('actions', 'export')).stdout).toContain('Rotate the zebra-key');
    const bad = await cliRunner({ ...env, HINDSIGHT_TOKEN: 'hs_not-a-token' })('actions', 'export');
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toBe('');
  });

  it('tells a non-member owner and team lead of the action without its title or incident', () => {
    const to = (who: string) => outbox.filter((n) => n.recipient.kind === 'user' && n.recipient.id === who);
    const olga = to('olga');
    expect(olga.map((n) => n.kind).sort()).toEqual(['action_assigned', 'action_overdue']);
    for (const n of olga) {
      expect(n.subject).toContain(outsiderAction);
      expect(n.text).toContain('Due: 2024-01-01');
      expect(n.data).toMatchObject({
        action_id: outsiderAction,
        title: WITHHELD_TITLE,
        due_date: '2024-01-01',
      });
    }
    // The lead reads a digest: both escalations, each named by action id and due date only.
    const digest = to('leo');
    expect(digest.map((n) => n.kind)).toEqual(['digest']);
    expect(digest[0]?.text).toContain(`${outsiderAction} ${WITHHELD_TITLE} (due 2024-01-01, 15 days overdue`);
    expect(digest[0]?.text).toContain(`${memberAction} ${WITHHELD_TITLE}`);
    for (const n of [...olga, ...digest]) expectNoTraceOf(restricted, { status: 200, body: n }, n.key);
    // A member who owns an action hears it in full: the rule withholds only from those without need to know.
    expect(to('mia').find((n) => n.kind === 'action_overdue')?.subject).toContain('Close the quokka-bucket');
    expect(lead.username).toBe('leo');
  });

  it('invites to its review only participants who may see it', async () => {
    const invited = outbox
      .filter((n) => n.kind === 'review_scheduled' || n.kind === 'feedback_requested')
      .map((n) => `${n.kind}:${n.recipient.id}`)
      .sort();
    expect(invited).toEqual(
      // The admin declared it (admins see every incident), mia is a member, sam is in its team; olga is not.
      ['admin', 'mia', 'sam']
        .flatMap((who) => [`feedback_requested:${who}`, `review_scheduled:${who}`])
        .sort(),
    );
    const asked = await t.server.store.stores.feedback.requestsOf(restricted.id);
    expect(asked.map((r) => r.participant).sort()).toEqual(['admin', 'mia', 'sam']);
    expect(outbox.filter((n) => n.recipient.id === 'olga' && n.kind.startsWith('review'))).toEqual([]);
  });
});
