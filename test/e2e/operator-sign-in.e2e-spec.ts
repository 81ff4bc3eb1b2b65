// Operators sign in by name, in Chromium: a wrong password, a locked account and an ended session each get a
// clear page; a signed-in reviewer's session opens the review page of another service; a form posted without
// its CSRF token is refused, with it accepted (the sign-in form too); signing out ends the session in every service.
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import { readEnvironment } from '@cocomo/config';
import { SESSION_COOKIE } from '@cocomo/platform';
import {
  isolatedInfra,
  launchBrowser,
  openWatchedPage,
  startService,
  type IsolatedInfra,
  type ServiceUnderTest,
} from '@cocomo/testing';
import { directoryApp } from '../../apps/directory/src/directory.module';
import { OperatorAccounts } from '../../apps/notifications/src/operators/operator-accounts';
import { OperatorSigning } from '../../apps/notifications/src/operators/operator-signing';
import { notifications } from '../../apps/notifications/test/notifications-harness';
import {
  namedOperator,
  OPERATOR_PASSWORD,
  postSignIn,
  signInForm,
  verifyingAt,
} from '../../apps/notifications/test/named-operators';

let infra: IsolatedInfra;
let owner: ServiceUnderTest;
let directory: ServiceUnderTest;
let browser: Browser;

beforeAll(async () => {
  infra = await isolatedInfra();
  owner = await startService(notifications, infra.env);
  directory = await startService(
    directoryApp,
    readEnvironment({ ...infra.variables, ...verifyingAt(owner) }),
  );
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await directory?.close();
  await owner?.close();
  await infra?.cleanup();
});

async function signInPage(): Promise<Page> {
  const { page } = await openWatchedPage(browser);
  await page.goto(`${owner.url}/operators/sign-in?return=/operators/account`);
  return page;
}

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  const [answer] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST'),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  await page.waitForLoadState();
  return answer;
}

const notice = (page: Page) => page.locator('.notice').innerText();

it('a wrong password gets the sign-in page again, saying so, and no session', async () => {
  const reviewer = await namedOperator(owner, ['reviewer']);
  const page = await signInPage();
  const answer = await signIn(page, reviewer.email, 'not the password at all');
  expect(answer.status()).toBe(401);
  expect(await notice(page)).toBe(
    'That email and password do not match an operator. Check both and try again.',
  );
  expect(await page.getByLabel('Email').inputValue()).toBe(reviewer.email);
  expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain(SESSION_COOKIE);
  // No organisation's provider is set up here: no button for one, and its routes say so.
  expect(await page.getByRole('button', { name: /^Sign in with/ }).count()).toBe(0);
  const callback = await request(owner.url).get('/operators/sign-in/oidc/callback?code=a&state=b');
  expect(callback.status).toBe(404);
  expect(callback.text).toContain('Signing in through an organisation is not set up here.');
  await page.context().close();
});

it('a sign-in posted without the form’s own token, or with another browser’s, is refused and counts nothing', async () => {
  const reviewer = await namedOperator(owner, ['reviewer']);
  const right = { email: reviewer.email, password: OPERATOR_PASSWORD };
  const mine = await signInForm(owner.url);
  const theirs = await signInForm(owner.url);
  const refused = [
    await request(owner.url).post('/operators/sign-in').type('form').send(right),
    await request(owner.url).post('/operators/sign-in').set('cookie', mine.cookie).type('form').send(right),
    await request(owner.url)
      .post('/operators/sign-in')
      .set('cookie', mine.cookie)
      .type('form')
      .send({ ...right, _csrf: theirs.token }),
  ];
  for (const answer of refused) {
    expect(answer.status).toBe(403);
    expect(answer.text).toContain('This sign-in was not sent from CoCoMo’s own sign-in page');
    expect(String(answer.headers['set-cookie'])).not.toContain(`${SESSION_COOKIE}=`);
  }
  expect((await owner.app.get(OperatorAccounts).byId(reviewer.id))!.failedSignIns).toBe(0);
  const accepted = await request(owner.url)
    .post('/operators/sign-in')
    .set('cookie', mine.cookie)
    .type('form')
    .send({ ...right, _csrf: mine.token });
  expect(accepted.status).toBe(303);
  expect(String(accepted.headers['set-cookie'])).toContain(`${SESSION_COOKIE}=`);
});

it('five wrong passwords lock the account: even the right one is then refused, with a clear page', async () => {
  const viewer = await namedOperator(owner, ['viewer']);
  const page = await signInPage();
  for (let attempt = 1; attempt <= 4; attempt++) {
    expect((await signIn(page, viewer.email, `wrong password ${attempt}`)).status()).toBe(401);
  }
  expect((await signIn(page, viewer.email, 'wrong password 5')).status()).toBe(423);
  expect(await notice(page)).toMatch(
    /^This account is locked after too many wrong passwords or codes\. Try again after \d\d:\d\d UTC/,
  );
  expect((await signIn(page, viewer.email, OPERATOR_PASSWORD)).status()).toBe(423);
  expect(await notice(page)).toMatch(/locked/);
  await page.context().close();
});

it('a reviewer signs in, reviews in another service, and a form without its CSRF token is refused', async () => {
  const reviewer = await namedOperator(owner, ['reviewer'], ['DE']);
  const page = await signInPage();
  const answer = await signIn(page, reviewer.email, OPERATOR_PASSWORD);
  expect(answer.status()).toBe(303);
  await page.getByRole('heading', { level: 1 }).waitFor();
  expect(page.url()).toBe(`${owner.url}/operators/account`);
  const [cookie] = (await page.context().cookies()).filter((one) => one.name === SESSION_COOKIE);
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });

  // The session signed by notifications opens the directory's review page (cookies do not depend on the port).
  await page.goto(`${directory.url}/review`);
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Spaces to review');

  // Its own forms carry the CSRF token: making a token through the page works.
  await page.goto(`${owner.url}/operators/account`);
  await page.getByLabel(/Name of a new token/).fill('Prometheus');
  await page.getByRole('button', { name: 'Make a token' }).click();
  await page.locator('.token-once').waitFor();
  const csrf = await page.locator('input[name=_csrf]').first().inputValue();
  expect(csrf.length).toBeGreaterThan(10);

  // The same writes without the token are refused, in the owner and in the directory, and change nothing.
  const headers = { cookie: `${SESSION_COOKIE}=${cookie.value}` };
  const without = await request(owner.url)
    .post('/operators/account/tokens')
    .set(headers)
    .type('form')
    .send({ name: 'x' });
  expect(without.status).toBe(403);
  expect(without.body.message).toMatch(/CSRF/);
  const forged = await request(owner.url)
    .post('/operators/account/tokens')
    .set(headers)
    .type('form')
    .send({ name: 'x', _csrf: 'another-sessions-token' });
  expect(forged.status).toBe(403);
  const tokens = await owner.app.get(OperatorAccounts).tokensOf(reviewer.id);
  expect(tokens.map((token) => token.name)).toEqual(['Prometheus', 'test']);
  const space = '7d9f3c1e-5b2a-4c8d-9e0f-1a2b3c4d5e6f';
  const approve = () => request(directory.url).post(`/review/${space}/approve`).set(headers).type('form');
  expect((await approve().send({})).status).toBe(403);
  expect((await approve().send({ _csrf: csrf })).status).toBe(404);
  await page.context().close();
});

it('an ended session, and one signed out, send the browser to the sign-in page, which says the session ended', async () => {
  const operator = await namedOperator(owner, ['reviewer']);
  const accounts = owner.app.get(OperatorAccounts);
  const ended = await owner.app
    .get(OperatorSigning)
    .session((await accounts.byId(operator.id))!, '127.0.0.1', -60_000);
  const { page } = await openWatchedPage(browser);
  await page.context().addCookies([{ name: SESSION_COOKIE, value: ended.jwt, url: directory.url }]);
  await page.goto(`${directory.url}/review`);
  expect(new URL(page.url()).pathname).toBe('/operators/sign-in');
  expect(await notice(page)).toBe('Your session has ended. Sign in again to go on.');

  // Signed in again and then out: the old cookie, replayed, no longer opens anything anywhere.
  await page.goto(`${owner.url}/operators/sign-in?return=/operators/account`);
  await signIn(page, operator.email, OPERATOR_PASSWORD);
  const [cookie] = (await page.context().cookies()).filter((one) => one.name === SESSION_COOKIE);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByText('You are signed out.').waitFor();
  const replay = { cookie: `${SESSION_COOKIE}=${cookie.value}` };
  await request(owner.url).get('/operators/account').set(replay).expect(401);
  let status = 200;
  for (let attempt = 0; attempt < 50 && status === 200; attempt++) {
    status = (await request(directory.url).get('/review').set(replay)).status;
    if (status === 200) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(status).toBe(401);
  await page.context().close();
});

// Last in this file: it uses up the failures this address may have.
it('too many failed sign-ins from one address are refused for a while, whichever accounts they name', async () => {
  const attempt = (email: string, password: string) => postSignIn(owner.url, { email, password });
  const known = await namedOperator(owner, ['viewer']);
  let status = 401;
  let attempts = 0;
  for (; attempts < 40 && status !== 429; attempts++) {
    // Different accounts (most unknown), so that no account lock answers first.
    status = (await attempt(`nobody-${attempts}@operators.test`, 'wrong password')).status;
  }
  expect(status).toBe(429);
  expect(attempts).toBeLessThanOrEqual(21);
  const refused = await attempt(known.email, OPERATOR_PASSWORD);
  expect(refused.status).toBe(429);
  expect(refused.text).toContain('Too many failed sign-ins from your address');
});
