// Across services, in a browser: a host registers a space, reads the verification mail in the development
// mailbox, follows its link, presses the button, and the space waits for review.
import request from 'supertest';
import type { Browser } from 'playwright-core';
import {
  freePort,
  isolatedInfra,
  launchBrowser,
  openWatchedPage,
  startService,
  type IsolatedInfra,
  type ServiceUnderTest,
} from '@cocomo/testing';
import { directoryApp } from '../../apps/directory/src/directory.module';
import { aSpace } from '../../apps/directory/test/directory-harness';
import {
  notificationsDefinition,
  NotificationsModule,
} from '../../apps/notifications/src/notifications.module';

const operator = { authorization: 'Bearer test-operator-token' };
let infra: IsolatedInfra;
let directory: ServiceUnderTest;
let notifications: ServiceUnderTest;
let browser: Browser;

beforeAll(async () => {
  // Links in mails start with PUBLIC_BASE_URL; here the directory itself stands where the router would.
  const directoryPort = await freePort();
  infra = await isolatedInfra({ PUBLIC_BASE_URL: `http://127.0.0.1:${directoryPort}` });
  directory = await startService(directoryApp, infra.env, directoryPort);
  notifications = await startService(
    { ...notificationsDefinition, module: NotificationsModule.forRoot },
    infra.env,
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await notifications?.close();
  await directory?.close();
  await infra?.cleanup();
});

const statusOf = async (id: string) =>
  (await request(directory.url).get(`/api/spaces/${id}`).set(operator).expect(200)).body.status;

it('a host confirms their email from the mailbox, and only the button press moves the space to review', async () => {
  const registered = await request(directory.url)
    .post('/api/spaces')
    .send(
      aSpace({
        name: 'Lagos <Open> Hub',
        city: 'Lagos',
        country: 'NG',
        latitude: 6.45,
        longitude: 3.39,
        timezone: 'Africa/Lagos',
        marketRate: { amount: 150000, currency: 'NGN', per: 'day' },
        host: { name: 'Ada', email: 'ada@example.org' },
      }),
    )
    .expect(201);
  const spaceId: string = registered.body.id;

  const { page, errors } = await openWatchedPage(browser);
  // The mail travels directory → outbox → queue → notifications; the mailbox shows it when it has arrived.
  let found = false;
  for (let i = 0; i < 50 && !found; i++) {
    await page.goto(`${notifications.url}/mailbox`);
    found = (await page.getByRole('link', { name: /Confirm your email/i }).count()) > 0;
    if (!found) await page.waitForTimeout(200);
  }
  expect(found).toBe(true);
  await page
    .getByRole('link', { name: /Confirm your email/i })
    .first()
    .click();
  await page.getByText('ada@example.org').first().waitFor();

  // Following the link opens the directory's page: the facts and one button. Opening it changes nothing.
  const [actionPage] = await Promise.all([
    page.context().waitForEvent('page'),
    page.locator('ul.actions a').first().click(),
  ]);
  await actionPage.waitForLoadState();
  expect(actionPage.url()).toContain(`http://127.0.0.1:${new URL(directory.url).port}/actions/spaces/`);
  await actionPage.getByText('Lagos <Open> Hub').waitFor();
  expect(await statusOf(spaceId)).toBe('unverified');
  await actionPage.reload();
  expect(await statusOf(spaceId)).toBe('unverified');

  await actionPage.getByRole('button', { name: 'Yes, I registered this space' }).click();
  await actionPage.getByText('your email is confirmed').waitFor();
  expect(await statusOf(spaceId)).toBe('pending_review');

  // The operators are told, in the same mailbox.
  let reviewMail = false;
  for (let i = 0; i < 50 && !reviewMail; i++) {
    await page.goto(`${notifications.url}/mailbox`);
    reviewMail = (await page.getByText('operators@cocomo.localhost').count()) > 0;
    if (!reviewMail) await page.waitForTimeout(200);
  }
  expect(reviewMail).toBe(true);
  expect(errors).toEqual([]);
});
