// An admin signed in with a session acts on jobs from the queue board's own page, in Chromium: the board's
// script (axios) sends the session's CSRF token from the XSRF-TOKEN cookie the board sets, so the press works;
// the same write without the token, as a page of another site would send it, is refused.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Queue, Worker } from 'bullmq';
import request from 'supertest';
import type { Browser } from 'playwright-core';
import { readEnvironment } from '@cocomo/config';
import { inboxQueue } from '@cocomo/contracts';
import { redisOptions } from '@cocomo/messaging';
import { SESSION_COOKIE } from '@cocomo/platform';
import {
  isolatedInfra,
  launchBrowser,
  openWatchedPage,
  startService,
  type IsolatedInfra,
  type ServiceUnderTest,
} from '@cocomo/testing';
import { metricsApp } from '../../apps/metrics/src/metrics.module';
import { QUEUE_BOARD_CSRF_COOKIE } from '../../apps/metrics/src/queues/queue-board';
import { notifications } from '../../apps/notifications/test/notifications-harness';
import {
  namedOperator,
  OPERATOR_PASSWORD,
  postSignIn,
  verifyingAt,
} from '../../apps/notifications/test/named-operators';

/** A queue the board shows and no service of this test works on: the bookings service is not running. */
const QUEUE = inboxQueue('bookings');

let infra: IsolatedInfra;
let owner: ServiceUnderTest;
let metrics: ServiceUnderTest;
let browser: Browser;

beforeAll(async () => {
  infra = await isolatedInfra();
  owner = await startService(notifications, infra.env);
  metrics = await startService(metricsApp, readEnvironment({ ...infra.variables, ...verifyingAt(owner) }));
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await metrics?.close();
  await owner?.close();
  await infra?.cleanup();
});

async function sessionCookieOf(email: string): Promise<string> {
  const answer = await postSignIn(owner.url, { email, password: OPERATOR_PASSWORD });
  const cookies = ([] as string[]).concat(answer.headers['set-cookie'] ?? []);
  return cookies.find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))!.split(';')[0];
}

it("uses axios's own cookie and header names, which the board's cookie is named after", () => {
  const scripts = path.join(path.dirname(require.resolve('@bull-board/ui/package.json')), 'dist/static/js');
  const bundle = readdirSync(scripts)
    .filter((file) => file.endsWith('.js'))
    .map((file) => readFileSync(path.join(scripts, file), 'utf8'))
    .join('\n');
  expect(bundle).toContain(`xsrfCookieName:"${QUEUE_BOARD_CSRF_COOKIE}"`);
  expect(bundle).toContain('xsrfHeaderName:"X-XSRF-TOKEN"');
});

it("refuses a session's write to the board without the token, and takes it with the cookie's token", async () => {
  const admin = await namedOperator(owner, ['admin']);
  const session = await sessionCookieOf(admin.email);
  const board = await request(metrics.url).get('/queues/').set('cookie', session).expect(200);
  const cookies = ([] as string[]).concat(board.headers['set-cookie'] ?? []);
  const xsrf = cookies.find((cookie) => cookie.startsWith(`${QUEUE_BOARD_CSRF_COOKIE}=`));
  expect(xsrf).toMatch(/Path=\/queues/);
  expect(xsrf).toMatch(/SameSite=Strict/);
  expect(xsrf).not.toMatch(/HttpOnly/);
  const token = xsrf!.split(';')[0].split('=')[1];

  const clean = `/queues/api/queues/${QUEUE}/clean/completed`;
  const refused = await request(metrics.url).put(clean).set('cookie', session).expect(403);
  expect(refused.body.message).toMatch(/CSRF token/);
  await request(metrics.url)
    .put(clean)
    .set('cookie', session)
    .set('x-xsrf-token', 'not-the-token')
    .expect(403);
  await request(metrics.url).put(clean).set('cookie', session).set('x-xsrf-token', token).expect(200);
  // A token presented without a session acts as nothing: the board still asks who it is.
  await request(metrics.url).put(clean).set('x-xsrf-token', token).expect(401);
});

it("lets a signed-in admin retry a failed job by pressing the board's own button", async () => {
  const admin = await namedOperator(owner, ['admin']);
  const connection = redisOptions(infra.env.REDIS_URL);
  const queue = new Queue(QUEUE, { connection, prefix: infra.env.QUEUE_PREFIX });
  try {
    // A failed job, as a handler that threw leaves one: taken by a worker of the test's own, which then stops.
    const job = await queue.add('message', { test: true }, { attempts: 1 });
    const worker = new Worker(
      QUEUE,
      async () => {
        throw new Error('the handler failed');
      },
      { connection, prefix: infra.env.QUEUE_PREFIX },
    );
    for (let i = 0; i < 200 && (await queue.getJobState(job.id!)) !== 'failed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await worker.close();
    expect(await queue.getJobState(job.id!)).toBe('failed');
    const { page, errors } = await openWatchedPage(browser);
    const [host] = metrics.url.replace('http://', '').split(':');
    await page.context().addCookies([
      {
        name: SESSION_COOKIE,
        value: (await sessionCookieOf(admin.email)).split('=').slice(1).join('='),
        domain: host,
        path: '/',
      },
    ]);
    await page.goto(`${metrics.url}/queues/queue/${QUEUE}?status=failed`);
    await page.getByRole('button', { name: 'Retry all' }).click();
    const [answer] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'PUT'),
      page.getByRole('button', { name: 'Confirm' }).click(),
    ]);
    expect(answer.status()).toBe(200);
    expect(answer.request().headers()['x-xsrf-token']).toBeTruthy();
    expect(await queue.getJobState(job.id!)).not.toBe('failed');
    expect(errors).toEqual([]);
    await page.context().close();
  } finally {
    await queue.close();
  }
});
