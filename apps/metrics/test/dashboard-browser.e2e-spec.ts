import type { Browser } from 'playwright-core';
import { launchBrowser, openWatchedPage } from '@cocomo/testing';
import { approvedSpace, booking } from './booking-events';
import {
  deliver,
  envelopes,
  eventually,
  getJson,
  OPERATOR_TOKEN,
  startMetrics,
  type MetricsUnderTest,
} from './metrics-harness';

let metrics: MetricsUnderTest;
let browser: Browser;

const HOSTILE = '<img src=x onerror="window.hacked=1">';
const now = Date.now();
const daysAgo = (days: number) => new Date(now - days * 86_400_000).toISOString();

beforeAll(async () => {
  [metrics, browser] = await Promise.all([startMetrics(), launchBrowser()]);
  const stories = [
    booking('held-1', { community: 'Pune Python', requestedAt: daysAgo(40), country: 'IN' })
      .requested()
      .asked()
      .answered(true, 3)
      .held(),
    booking('stuck-unplaced', { community: HOSTILE, requestedAt: daysAgo(2) })
      .requested()
      .asked()
      .answered(false, 1)
      .unplaced(),
  ];
  await deliver(
    metrics,
    envelopes([
      ...approvedSpace('s1', { approvedAt: daysAgo(60) }),
      ...stories.flatMap((story) => story.events),
      {
        name: 'notification.failed',
        occurredAt: daysAgo(1),
        payload: {
          notificationId: 'n1',
          template: 'booking-host-request',
          to: 'host@example.org',
          attempts: 6,
          reason: `550 ${HOSTILE}`,
        },
      },
    ]),
  );
  await eventually(
    () => getJson(`${metrics.url}/api/metrics`),
    ({ body }) => body.availabilityRequests === 2 && body.eventsConducted === 1,
  );
});
afterAll(async () => {
  await browser?.close();
  await metrics?.stop();
});

const basic = (password: string) => ({ httpCredentials: { username: 'operator', password } });

describe.each(['/dashboard', '/queues/'])('%s', (path) => {
  it('is closed to a browser without the operator token, which is asked for it', async () => {
    const { page } = await openWatchedPage(browser);
    // Headless Chromium cannot show the login prompt the Basic challenge asks for: it ends the navigation.
    const [response, navigation] = await Promise.all([
      page.waitForResponse(`${metrics.url}${path}`),
      page.goto(`${metrics.url}${path}`).catch((error: Error) => error),
    ]);
    expect(response.status()).toBe(401);
    expect(await response.headerValue('www-authenticate')).toMatch(/^Basic realm="CoCoMo operators"/);
    expect(String(navigation)).toMatch(/ERR_INVALID_AUTH_CREDENTIALS/);
    expect(await response.text()).not.toMatch(/dashboard|metrics-inbox/i);
    await page.context().close();
  });

  it('is refused with a wrong token', async () => {
    const { page } = await openWatchedPage(browser, basic('not-the-token'));
    expect((await page.goto(`${metrics.url}${path}`))?.status()).toBe(403);
    await page.context().close();
  });
});

it('shows an operator the metrics as charts, the stuck bookings and the failed emails', async () => {
  const { page, errors } = await openWatchedPage(browser, basic(OPERATOR_TOKEN));
  const response = await page.goto(`${metrics.url}/dashboard?interval=month`);
  expect(response?.status()).toBe(200);
  await page.getByRole('heading', { name: 'CoCoMo dashboard' }).waitFor();
  expect(await page.locator('#figures tr', { hasText: 'Events conducted' }).locator('td').textContent()).toBe(
    '1',
  );
  expect(
    await page.locator('#figures tr', { hasText: 'Other times offered / taken' }).locator('td').textContent(),
  ).toBe('0 / 0');
  // Chart.js, from the service itself, draws every chart.
  await page.locator('canvas[data-drawn="true"]').nth(5).waitFor();
  expect(await page.evaluate(() => typeof (window as unknown as { Chart?: unknown }).Chart)).toBe('function');

  const stuck = page.locator('#stuck-bookings tr', { hasText: 'stuck-unplaced' });
  expect(await stuck.locator('td').first().textContent()).toBe('no space found');
  // What people wrote is shown as text, never run.
  await stuck.getByText(HOSTILE).waitFor();
  await page.locator('#failed-emails').getByText(`550 ${HOSTILE}`).waitFor();
  expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
  expect(errors).toEqual([]);
  await page.context().close();
});

it('filters the dashboard by country and period', async () => {
  const { page, errors } = await openWatchedPage(browser, basic(OPERATOR_TOKEN));
  await page.goto(`${metrics.url}/dashboard`);
  await page.getByLabel('Country').fill('de');
  await page.getByLabel('By').selectOption('week');
  await Promise.all([page.waitForURL(/country=de/), page.getByRole('button', { name: 'Show' }).click()]);
  expect(await page.locator('#figures tr', { hasText: 'Events conducted' }).locator('td').textContent()).toBe(
    '0',
  );
  expect(
    await page.locator('#figures tr', { hasText: 'Availability requests' }).locator('td').textContent(),
  ).toBe('1');
  await page.locator('canvas[data-drawn="true"]').nth(5).waitFor();
  expect(await page.getByLabel('Country').inputValue()).toBe('DE');
  expect(errors).toEqual([]);
  await page.context().close();
});

it('shows an operator every queue of every service on the queue board', async () => {
  const { page } = await openWatchedPage(browser, basic(OPERATOR_TOKEN));
  expect((await page.goto(`${metrics.url}/queues/`))?.status()).toBe(200);
  for (const queue of [
    'directory-inbox',
    'bookings-inbox',
    'notifications-inbox',
    'metrics-inbox',
    'notifications-delivery',
  ]) {
    await page.getByText(queue, { exact: true }).first().waitFor();
  }
  // The board's own API is behind the same door.
  const api = await fetch(`${metrics.url}/queues/api/queues`);
  expect(api.status).toBe(401);
  await page.context().close();
});
