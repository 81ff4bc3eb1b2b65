// The operators' review page (/review) in Chromium: closed without the token, it lists the spaces whose hosts
// confirmed their address, approves one onto the map, refuses a rejection without a reason and then rejects
// with one, telling the host; the review-needed mail leads to it.
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openWatchedPage } from '@cocomo/testing';
import {
  aSpace,
  mailsAskedFor,
  operator,
  startDirectory,
  verifyThroughLink,
  type DirectoryUnderTest,
} from './directory-harness';

const SCRIPT_NAME = '<img src=x onerror="window.__pwned=1">Hall';
let directory: DirectoryUnderTest;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  directory = await startDirectory();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await directory?.stop();
});
beforeEach(async () => {
  ({ page, errors } = await openWatchedPage(browser, {
    httpCredentials: { username: 'operator', password: 'test-operator-token' },
  }));
});
afterEach(async () => {
  await page.context().close();
});

async function waitingForReview(name: string): Promise<string> {
  const { body } = await request(directory.url).post('/api/spaces').send(aSpace({ name })).expect(201);
  await verifyThroughLink(directory, body.id);
  return body.id;
}

const statusOf = async (id: string) =>
  (await request(directory.url).get(`/api/spaces/${id}`).set(operator).expect(200)).body.status;
const cardOf = (name: string) => page.locator('.review-card', { has: page.locator('h2', { hasText: name }) });

it('asks for the operator token', async () => {
  const refused = await request(directory.url).get('/review').expect(401);
  expect(refused.headers['www-authenticate']).toMatch(/^Basic /);
  await request(directory.url).get('/review').auth('operator', 'a-wrong-token').expect(403);
  await request(directory.url)
    .post(`/review/${await waitingForReview('Closed Door Hall')}/approve`)
    .expect(401);
});

it('lists the waiting spaces and approves one onto the map, as the review mail suggests', async () => {
  const id = await waitingForReview('Approvable Hall');
  await request(directory.url)
    .post('/api/spaces')
    .send(aSpace({ name: 'Unconfirmed Hall' }))
    .expect(201);
  const mail = (await mailsAskedFor(directory)).find(
    (asked) => asked.template === 'space-review-needed' && asked.data.spaceId === id,
  );
  expect(mail?.actions).toEqual([{ label: 'Review it', url: expect.stringMatching(/\/review$/) }]);

  await page.goto(`${directory.url}/review`);
  expect(await page.locator('.profile-summary').innerText()).toMatch(
    /^\d+ spaces? waits? for review, oldest first\. \d+ more waits? for the host to confirm their address\.$/,
  );
  const card = cardOf('Approvable Hall');
  expect(await card.locator('.space-facts').innerText()).toContain('asha@example.org');
  expect(await page.locator('.review-card h2', { hasText: 'Unconfirmed Hall' }).count()).toBe(0);
  await card.locator('button', { hasText: 'Approve' }).click();
  await page.waitForURL(`**/review?approved=${id}`);
  expect(await page.locator('.done').innerText()).toBe(
    'Approved “Approvable Hall”: it is on the map, and its host has been told.',
  );
  expect(await cardOf('Approvable Hall').count()).toBe(0);
  expect(await statusOf(id)).toBe('approved');
  expect(
    (await mailsAskedFor(directory)).some(
      (asked) => asked.template === 'space-approved' && asked.data.spaceName === 'Approvable Hall',
    ),
  ).toBe(true);
  expect(errors).toEqual([]);
});

it('wants a reason to reject, keeps what was typed, then rejects and tells the host', async () => {
  const id = await waitingForReview(SCRIPT_NAME);
  await page.goto(`${directory.url}/review`);
  const card = cardOf(SCRIPT_NAME);
  expect(await card.locator('h2').innerText()).toBe(SCRIPT_NAME);

  await card.locator('textarea[name="reason"]').fill('   ');
  // The browser would refuse an empty required field itself; the service must refuse it too.
  await card.locator('textarea[name="reason"]').evaluate((area) => area.removeAttribute('required'));
  await card.locator('button', { hasText: 'Reject' }).click();
  await cardOf(SCRIPT_NAME).locator('.field-problem').waitFor();
  expect(await cardOf(SCRIPT_NAME).locator('.field-problem').innerText()).toBe('must not be empty');
  expect(await cardOf(SCRIPT_NAME).locator('textarea[name="reason"]').inputValue()).toBe('   ');
  expect(await statusOf(id)).toBe('pending_review');

  await cardOf(SCRIPT_NAME).locator('textarea[name="reason"]').fill('We could not find <this> address.');
  await cardOf(SCRIPT_NAME).locator('button', { hasText: 'Reject' }).click();
  await page.waitForURL(`**/review?rejected=${id}`);
  expect(await page.locator('.done').innerText()).toBe(
    `Rejected “${SCRIPT_NAME}”: its host has been told your reason.`,
  );
  expect(await statusOf(id)).toBe('rejected');
  const told = (await mailsAskedFor(directory)).find(
    (asked) => asked.template === 'space-rejected' && asked.data.spaceName === SCRIPT_NAME,
  );
  expect(told?.data.reason).toBe('We could not find <this> address.');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(errors).toEqual([]);
});

it('says so on the page when another operator decided first', async () => {
  const id = await waitingForReview('Contested Hall');
  await page.goto(`${directory.url}/review`);
  await request(directory.url).post(`/api/spaces/${id}/approve`).set(operator).expect(200);
  const answer = page.waitForResponse((response) => response.url().endsWith(`/review/${id}/approve`));
  await cardOf('Contested Hall').locator('button', { hasText: 'Approve' }).click();
  expect((await answer).status()).toBe(409);
  expect(await page.locator('.problem').innerText()).toMatch(/approve/i);
  expect(errors).toEqual([]);
});
