// The signals operators watch, from the four services running: each one's /metrics (for operators only) with the
// request durations by route, its outbox, queues and inbox, the timers of bookings and the mail attempts of
// notifications; then the alert rules (deploy/prometheus/alerts.yml) and the Grafana dashboard, whose every
// expression must name series these services really expose, with labels and values they really carry.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EntityManager } from '@mikro-orm/postgresql';
import request from 'supertest';
import { parse } from 'yaml';
import { BullMqClient, OutboxRelay, TimerScheduler } from '@cocomo/messaging';
import {
  isolatedInfra,
  startService,
  TestSmtpServer,
  type IsolatedInfra,
  type ServiceUnderTest,
} from '@cocomo/testing';
import { aSpace } from '../../apps/directory/test/directory-harness';
import { theFourServices } from '../services/the-four-services';
import { readExposition, sampleValue, type ExposedSeries } from './exposition';
import { selectorsOf, type Selector } from './promql';

const root = path.resolve(__dirname, '../..');
const TOKEN = 'test-operator-token';
const services = theFourServices.map((app) => [app.service, app] as const);

let infra: IsolatedInfra;
let smtp: TestSmtpServer;
const running: Record<string, ServiceUnderTest> = {};

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  infra = await isolatedInfra({ SMTP_URL: smtp.url });
  for (const [name, app] of services) running[name] = await startService(app, infra.env);
});
afterAll(async () => {
  for (const service of Object.values(running).reverse()) await service.close();
  await smtp?.stop();
  await infra?.cleanup();
});

async function scrape(service: string): Promise<string> {
  const answer = await request(running[service].url).get('/metrics').set('authorization', `Bearer ${TOKEN}`);
  expect(answer.status).toBe(200);
  return answer.text;
}

/** Scrapes until `check` holds, for at most fifteen seconds; returns the last exposition. */
async function scrapeUntil(service: string, check: (text: string) => boolean): Promise<string> {
  let text = await scrape(service);
  for (let i = 0; i < 150 && !check(text); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    text = await scrape(service);
  }
  return text;
}

const SHARED = [
  'http_request_duration_seconds',
  'cocomo_outbox_backlog',
  'cocomo_outbox_oldest_unpublished_seconds',
  'cocomo_queue_jobs',
  'cocomo_queue_oldest_waiting_seconds',
  'cocomo_overdue_timers',
  'cocomo_inbox_messages_total',
  'process_resident_memory_bytes',
];

describe.each(services.map(([name]) => name))('the %s service', (name) => {
  it('exposes its signals on /metrics, to operators only', async () => {
    await request(running[name].url).get('/metrics').expect(401);
    await request(running[name].url).get('/metrics').set('authorization', 'Bearer not-the-token').expect(403);
    const exposed = readExposition(await scrape(name));
    for (const series of SHARED) expect([name, exposed.has(series)]).toEqual([name, true]);
  });
});

it('reports each queue of a service with its own inbox, and the notifications their queue of mails', async () => {
  const queuesOf = async (service: string) =>
    [
      ...(readExposition(await scrape(service))
        .get('cocomo_queue_jobs')
        ?.labels.get('queue') ?? []),
    ].sort();
  expect(await queuesOf('directory')).toEqual(['directory-inbox']);
  expect(await queuesOf('bookings')).toEqual(['bookings-inbox']);
  expect(await queuesOf('notifications')).toEqual(['notifications-delivery', 'notifications-inbox']);
  expect(await queuesOf('metrics')).toEqual([
    'bookings-inbox',
    'directory-inbox',
    'metrics-inbox',
    'notifications-delivery',
    'notifications-inbox',
  ]);
});

it('times requests by the route they matched and their status, never by the raw address', async () => {
  const directory = running.directory.url;
  const id = randomUUID();
  await request(directory).get(`/api/spaces/${id}`).expect(404);
  await request(directory).get('/no/such/page').expect(404);
  await request(directory).get('/map/assets/map.css').expect(200);
  const text = await scrape('directory');
  const count = (labels: Record<string, string>) =>
    sampleValue(text, 'http_request_duration_seconds_count', { method: 'GET', ...labels });
  expect(count({ route: '/api/spaces/:id', status_code: '404' })).toBe(1);
  expect(count({ route: '(unmatched)', status_code: '404' })).toBe(1);
  expect(count({ route: '(static)', status_code: '200' })).toBe(1);
  expect(text).not.toContain(id);
  expect(text).not.toContain('/no/such/page');
});

it('counts mail attempts by outcome: one refused for good, one sent', async () => {
  smtp.rejectNext(1, 550);
  await request(running.directory.url).post('/api/spaces').send(aSpace()).expect(201);
  const failed = await scrapeUntil(
    'notifications',
    (text) => sampleValue(text, 'cocomo_mail_attempts_total', { outcome: 'failed' }) === 1,
  );
  expect(sampleValue(failed, 'cocomo_mail_attempts_total', { outcome: 'failed' })).toBe(1);
  expect(sampleValue(failed, 'cocomo_mail_attempts_total', { outcome: 'sent' })).toBe(0);

  await request(running.directory.url)
    .post('/api/spaces')
    .send(aSpace({ host: { name: 'Ravi', email: 'ravi@example.org' } }))
    .expect(201);
  await smtp.waitForMails(1);
  const sent = await scrapeUntil(
    'notifications',
    (text) => sampleValue(text, 'cocomo_mail_attempts_total', { outcome: 'sent' }) === 1,
  );
  expect(sampleValue(sent, 'cocomo_mail_attempts_total', { outcome: 'sent' })).toBe(1);
});

it('counts the messages the idempotent inbox sees again', async () => {
  const envelope = {
    id: randomUUID(),
    name: 'notification.failed',
    version: 1,
    occurredAt: new Date().toISOString(),
    payload: {
      notificationId: 'n-twice',
      template: 'space-verify',
      to: 'a@example.org',
      attempts: 6,
      reason: '550',
    },
  };
  // The same message twice, as a relay publishing again after Redis lost its data would put it.
  const inbox = running.metrics.app.get(BullMqClient).queueOf('metrics');
  await inbox.add(envelope.name, envelope, { jobId: randomUUID() });
  await inbox.add(envelope.name, envelope, { jobId: randomUUID() });
  const counted = (text: string, outcome: string) =>
    sampleValue(text, 'cocomo_inbox_messages_total', { message: 'notification.failed', outcome });
  const text = await scrapeUntil('metrics', (exposition) => counted(exposition, 'redelivered') === 1);
  expect(counted(text, 'redelivered')).toBe(1);
  expect(counted(text, 'handled')).toBeGreaterThanOrEqual(1);
});

it('reports the outbox backlog and how long its oldest message has waited', async () => {
  // The relay stopped, as when it cannot reach Redis: a message committed five minutes ago waits.
  await running.directory.app.get(OutboxRelay).stop();
  await running.directory.app
    .get(EntityManager)
    .fork()
    .execute(
      `insert into "directory"."outbox_message" ("id", "name", "version", "payload", "occurred_at")
       values (?, 'space.registered', 1, '{}', now() - interval '5 minutes')`,
      [randomUUID()],
    );
  const text = await scrape('directory');
  expect(sampleValue(text, 'cocomo_outbox_backlog')).toBe(1);
  expect(sampleValue(text, 'cocomo_outbox_oldest_unpublished_seconds')).toBeGreaterThanOrEqual(300);
});

it('reports the timers: set, overdue, bookings stuck past their next timer, and the longest past due', async () => {
  await running.bookings.app.get(TimerScheduler).stop();
  const em = running.bookings.app.get(EntityManager).fork();
  // The retention timer's next look (a day away) is no booking's: it is left out of the counts below.
  await em.execute(`delete from "bookings"."timer" where "name" = 'bookings.retention-due'`);
  const timer = (id: string, subject: string, due: string, stopped = false) =>
    em.execute(
      `insert into "bookings"."timer" ("id", "name", "payload", "subject", "due_at", "stopped_at")
       values (?, 'booking.timer-due', '{}', ?, now() + interval '${due}', ${stopped ? 'now()' : 'null'})`,
      [id, subject],
    );
  await timer('t-late', 'booking-1', '-20 minutes');
  await timer('t-later', 'booking-1', '-10 minutes');
  await timer('t-soon', 'booking-2', '1 hour');
  await timer('t-stopped', 'booking-3', '-30 minutes', true);
  const text = await scrape('bookings');
  expect(sampleValue(text, 'cocomo_timer_backlog')).toBe(3);
  expect(sampleValue(text, 'cocomo_timer_overdue')).toBe(2);
  expect(sampleValue(text, 'cocomo_timer_overdue_subjects')).toBe(1);
  expect(sampleValue(text, 'cocomo_timer_oldest_due_seconds')).toBeGreaterThanOrEqual(1200);
});

it('keeps the seed-metric gauges of the metrics service', async () => {
  const text = await scrape('metrics');
  expect(text).toMatch(/^cocomo_registered_spaces\{country="all",pricing="all"\} 0$/m);
  expect(text).toMatch(/^cocomo_availability_requests 0$/m);
  expect(text).toMatch(/^cocomo_failed_emails \d+$/m);
});

/** Every series the four services expose, with every label value their samples carry. */
async function inventory(): Promise<Map<string, ExposedSeries>> {
  const all = new Map<string, ExposedSeries>();
  for (const [name] of services) readExposition(await scrape(name), all);
  return all;
}

interface ScrapeConfig {
  job_name: string;
}
const scrapeJobs = (
  parse(readFileSync(path.join(root, 'deploy/prometheus/prometheus.yml'), 'utf8')) as {
    scrape_configs: ScrapeConfig[];
  }
).scrape_configs.map((job) => job.job_name);

/**
 * What is wrong with a selector against the inventory: a series no service exposes, a label its samples never
 * carry, a value they never take. `up` is Prometheus's own series of each scrape; `job` and `instance` are the
 * labels it puts on every series, `job` being a scrape job of prometheus.yml.
 */
function problemsOf(selector: Selector, exposed: Map<string, ExposedSeries>): string[] {
  const series = exposed.get(selector.metric);
  if (!series && selector.metric !== 'up') return [`${selector.metric} is exposed by no service`];
  const problems: string[] = [];
  for (const { label, op, value } of selector.matchers) {
    if (label === 'instance') continue;
    const values = label === 'job' ? new Set(scrapeJobs) : series?.labels.get(label);
    if (!values) problems.push(`${selector.metric} has no label ${label}`);
    else if (op === '=' && !values.has(value))
      problems.push(`${selector.metric}{${label}} is never "${value}"`);
    else if (op === '=~' && ![...values].some((candidate) => new RegExp(`^(?:${value})$`).test(candidate))) {
      problems.push(`${selector.metric}{${label}} never matches "${value}"`);
    }
  }
  return problems;
}

describe('the alert rules', () => {
  const groups = (
    parse(readFileSync(path.join(root, 'deploy/prometheus/alerts.yml'), 'utf8')) as {
      groups: { name: string; rules: { alert: string; expr: string; labels: { severity: string } }[] }[];
    }
  ).groups;
  const rules = groups.flatMap((group) => group.rules);

  it('cover what an operator must act on, each with its severity', () => {
    expect(rules.map((rule) => rule.alert)).toEqual(
      expect.arrayContaining([
        'ServiceDown',
        'TimersOverdue',
        'BookingsStuckPastTheirNextTimer',
        'OutboxNotDraining',
        'MailsFailing',
      ]),
    );
    for (const rule of rules) expect(['warning', 'critical']).toContain(rule.labels.severity);
  });

  it('name only series the running services expose, with labels and values they carry', async () => {
    const exposed = await inventory();
    const problems = rules.flatMap((rule) =>
      selectorsOf(rule.expr).flatMap((selector) =>
        problemsOf(selector, exposed).map((problem) => `${rule.alert}: ${problem}`),
      ),
    );
    expect(problems).toEqual([]);
    // The checks above would see a misnamed series or label.
    expect(problemsOf(selectorsOf('cocomo_outbox_backlogg')[0], exposed)).toHaveLength(1);
    expect(problemsOf(selectorsOf('cocomo_mail_attempts_total{outcome="lost"}')[0], exposed)).toHaveLength(1);
  });
});

describe('the Grafana dashboard', () => {
  const dashboard = JSON.parse(
    readFileSync(path.join(root, 'deploy/grafana/dashboards/cocomo.json'), 'utf8'),
  ) as {
    panels: { type: string; title: string; datasource?: { uid: string }; targets?: { expr: string }[] }[];
  };
  const datasources = (
    parse(
      readFileSync(path.join(root, 'deploy/grafana/provisioning/datasources/prometheus.yml'), 'utf8'),
    ) as {
      datasources: { uid: string }[];
    }
  ).datasources.map((source) => source.uid);

  it('shows only series the running services expose, from the provisioned Prometheus', async () => {
    const exposed = await inventory();
    const panels = dashboard.panels.filter((panel) => panel.type !== 'row');
    expect(panels.length).toBeGreaterThanOrEqual(10);
    const problems = panels.flatMap((panel) => [
      ...(datasources.includes(panel.datasource?.uid ?? '') ? [] : [`${panel.title}: unknown data source`]),
      ...(panel.targets ?? []).flatMap((target) =>
        selectorsOf(target.expr).flatMap((selector) =>
          problemsOf(selector, exposed).map((problem) => `${panel.title}: ${problem}`),
        ),
      ),
    ]);
    expect(problems).toEqual([]);
  });

  it('has a panel for each signal the services expose', async () => {
    const shown = new Set(
      dashboard.panels.flatMap((panel) =>
        (panel.targets ?? []).flatMap((target) =>
          selectorsOf(target.expr).map((selector) => selector.metric),
        ),
      ),
    );
    for (const series of [
      'http_request_duration_seconds_bucket',
      'cocomo_outbox_oldest_unpublished_seconds',
      'cocomo_queue_jobs',
      'cocomo_queue_oldest_waiting_seconds',
      'cocomo_timer_backlog',
      'cocomo_timer_overdue',
      'cocomo_mail_attempts_total',
      'cocomo_inbox_messages_total',
    ]) {
      expect(shown).toContain(series);
    }
  });
});
