// An operator's second factor, in Chromium: set up on their own page with a code from their app, then signing in
// asks for a code after the password; a wrong code gets a clear page, five lock the account, a recovery code
// signs in once, and turning the second factor off needs a code (or an admin).
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import { Secret, TOTP } from 'otpauth';
import { SESSION_COOKIE } from '@cocomo/platform';
import {
  isolatedInfra,
  launchBrowser,
  openWatchedPage,
  startService,
  type IsolatedInfra,
  type ServiceUnderTest,
} from '@cocomo/testing';
import { OperatorAccounts } from '../../apps/notifications/src/operators/operator-accounts';
import { SecondFactors } from '../../apps/notifications/src/operators/second-factor';
import { newTotpSecret, otpauthQrCode } from '../../apps/notifications/src/operators/totp';
import { notifications } from '../../apps/notifications/test/notifications-harness';
import { namedOperator, OPERATOR_PASSWORD, signInForm } from '../../apps/notifications/test/named-operators';

let infra: IsolatedInfra;
let owner: ServiceUnderTest;
let browser: Browser;

beforeAll(async () => {
  infra = await isolatedInfra();
  owner = await startService(notifications, infra.env);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await owner?.close();
  await infra?.cleanup();
});

/** The app's code for a secret, `steps` periods of 30 s from now. */
const codeOf = (secret: string, steps = 0) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + steps * 30_000 });
/** Six digits that are none of the codes the secret accepts around now. */
function wrongCode(secret: string): string {
  const near = [-2, -1, 0, 1, 2].map((steps) => codeOf(secret, steps));
  let code = 100000;
  while (near.includes(String(code))) code++;
  return String(code);
}

const notice = (page: Page) => page.locator('.notice').first().innerText();
const heading = (page: Page) => page.getByRole('heading', { level: 1 }).innerText();

async function submit(page: Page, button: string) {
  const [answer] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST'),
    page.getByRole('button', { name: button }).click(),
  ]);
  await page.waitForLoadState();
  return answer;
}

async function typePassword(page: Page, email: string) {
  await page.goto(`${owner.url}/operators/sign-in?return=/operators/account`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(OPERATOR_PASSWORD);
  return submit(page, 'Sign in');
}

async function typeCode(page: Page, code: string) {
  await page.getByLabel(/^Code/).fill(code);
  return submit(page, 'Sign in');
}

const hasSession = async (page: Page) =>
  (await page.context().cookies()).some((cookie) => cookie.name === SESSION_COOKIE);

it('an operator sets up a second factor; then a wrong code is refused clearly, the right one signs in', async () => {
  const operator = await namedOperator(owner, ['dispatcher']);
  const { page } = await openWatchedPage(browser);
  expect((await typePassword(page, operator.email)).status()).toBe(303);
  await page.getByRole('link', { name: 'Set up a second factor' }).click();
  expect(await heading(page)).toBe('Second factor');
  const secret = (await page.locator('.totp-secret').innerText()).trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  const address = await page.getByRole('link', { name: /^otpauth:/ }).getAttribute('href');
  expect(address).toContain(`secret=${secret}`);
  expect(address).toContain(encodeURIComponent(operator.email));
  // The QR code is that address, and the page's CSP lets it show.
  const qrCode = page.getByRole('img', { name: /^QR code of the address/ });
  expect(await qrCode.getAttribute('src')).toBe(await otpauthQrCode(address!));
  expect(
    await qrCode.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth),
  ).toBeGreaterThan(100);

  // A wrong code does not turn it on; the right one does and shows the recovery codes once.
  await page.getByLabel(/^Code/).fill(wrongCode(secret));
  expect((await submit(page, 'Turn the second factor on')).status()).toBe(400);
  expect(await page.locator('.field-problem').innerText()).toMatch(/^does not match this key/);
  await page.getByLabel(/^Code/).fill(codeOf(secret));
  expect((await submit(page, 'Turn the second factor on')).status()).toBe(201);
  const recoveryCodes = await page.locator('.recovery-codes code').allInnerTexts();
  expect(recoveryCodes).toHaveLength(10);
  for (const code of recoveryCodes) expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
  await page.goto(`${owner.url}/operators/account`);
  expect(await page.locator('main').innerText()).toContain('10 recovery codes left');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByText('You are signed out.').waitFor();

  // The password alone no longer signs in: it asks for the code.
  const asked = await typePassword(page, operator.email);
  expect(asked.status()).toBe(200);
  expect(await heading(page)).toBe('Your code');
  expect(await hasSession(page)).toBe(false);
  expect((await typeCode(page, wrongCode(secret))).status()).toBe(401);
  expect(await heading(page)).toBe('Your code');
  expect(await notice(page)).toBe(
    'That code is not right, or it was used already. Type the code your app shows now, or a recovery code.',
  );
  expect(await hasSession(page)).toBe(false);
  // The code used to turn it on counts once; the app's next one signs in.
  expect((await typeCode(page, codeOf(secret, 1))).status()).toBe(303);
  expect(new URL(page.url()).pathname).toBe('/operators/account');
  expect(await hasSession(page)).toBe(true);
  await page.context().close();
});

it('a recovery code signs in once, and turning the second factor off needs a code', async () => {
  const operator = await namedOperator(owner, ['viewer']);
  const accounts = owner.app.get(OperatorAccounts);
  const secret = newTotpSecret();
  const [recovery, second] = (await owner.app
    .get(SecondFactors)
    .enrol((await accounts.byId(operator.id))!, secret, codeOf(secret)))!;
  const { page } = await openWatchedPage(browser);
  await typePassword(page, operator.email);
  // Typed as people type it: in lower case, without its dashes.
  expect((await typeCode(page, recovery.replace(/-/g, '').toLowerCase())).status()).toBe(303);
  await page.goto(`${owner.url}/operators/account`);
  expect(await page.locator('main').innerText()).toContain('9 recovery codes left');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByText('You are signed out.').waitFor();
  await typePassword(page, operator.email);
  expect((await typeCode(page, recovery)).status()).toBe(401);
  expect(await notice(page)).toMatch(/^That code is not right, or it was used already/);
  const used = codeOf(secret, 1);
  expect((await typeCode(page, used)).status()).toBe(303);

  await page.goto(`${owner.url}/operators/account/second-factor`);
  await page.getByLabel(/^Code/).fill(wrongCode(secret));
  expect((await submit(page, 'Turn the second factor off')).status()).toBe(400);
  expect(await page.locator('.field-problem').innerText()).toMatch(/^is not right, or was used already/);
  // The app's code that signed in counts no more; a recovery code does.
  await page.getByLabel(/^Code/).fill(used);
  expect((await submit(page, 'Turn the second factor off')).status()).toBe(400);
  expect((await accounts.byId(operator.id))!.totpSecret).toBe(secret);
  await page.getByLabel(/^Code/).fill(second);
  expect((await submit(page, 'Turn the second factor off')).status()).toBe(303);
  expect(await page.getByText('Your second factor is off').count()).toBe(1);
  expect((await accounts.byId(operator.id))!).toMatchObject({ totpSecret: null, failedSignIns: 0 });
  expect(await owner.app.get(SecondFactors).recoveryCodesLeft(operator.id)).toBe(0);
  await page.context().close();
});

it('five wrong codes lock the account: even the right password is then refused, with a clear page', async () => {
  const operator = await namedOperator(owner, ['viewer']);
  const accounts = owner.app.get(OperatorAccounts);
  const secret = newTotpSecret();
  await owner.app.get(SecondFactors).enrol((await accounts.byId(operator.id))!, secret, codeOf(secret));
  const { page } = await openWatchedPage(browser);
  await typePassword(page, operator.email);
  for (let attempt = 1; attempt <= 4; attempt++) {
    expect((await typeCode(page, wrongCode(secret))).status()).toBe(401);
  }
  // Typing the password again gives no more guesses: the failures in a row go on counting.
  expect((await typePassword(page, operator.email)).status()).toBe(200);
  expect((await typeCode(page, wrongCode(secret))).status()).toBe(423);
  expect(await heading(page)).toBe('Sign in');
  expect(await notice(page)).toMatch(
    /^This account is locked after too many wrong passwords or codes\. Try again after \d\d:\d\d UTC/,
  );
  expect((await typePassword(page, operator.email)).status()).toBe(423);
  expect(await hasSession(page)).toBe(false);
  await page.context().close();
});

it('an admin turns off the second factor of an operator who lost their phone; only its operator turns it on', async () => {
  const operator = await namedOperator(owner, ['viewer']);
  const admin = await namedOperator(owner, ['admin']);
  const accounts = owner.app.get(OperatorAccounts);
  const secret = newTotpSecret();
  await owner.app.get(SecondFactors).enrol((await accounts.byId(operator.id))!, secret, codeOf(secret));
  const change = (body: object) =>
    request(owner.url)
      .patch(`/api/operators/${operator.id}`)
      .set('authorization', `Bearer ${admin.token}`)
      .send(body);
  const refused = await change({ secondFactor: true }).expect(400);
  expect(refused.body.problems).toEqual([expect.objectContaining({ field: 'secondFactor' })]);
  expect((await change({ secondFactor: false }).expect(200)).body.secondFactor).toBe(false);
  expect(await owner.app.get(SecondFactors).recoveryCodesLeft(operator.id)).toBe(0);
  const { page } = await openWatchedPage(browser);
  expect((await typePassword(page, operator.email)).status()).toBe(303);
  await page.context().close();
});

it('a code posted without the sign-in form’s token, or after the wait, starts over', async () => {
  const form = await signInForm(owner.url);
  const post = (fields: Record<string, string>, cookie = form.cookie) =>
    request(owner.url).post('/operators/sign-in/code').set('cookie', cookie).type('form').send(fields);
  const forged = await post({ awaiting: 'x', code: '123456' }, '');
  expect(forged.status).toBe(403);
  const over = await post({ awaiting: 'not a signed wait', code: '123456', _csrf: form.token });
  expect(over.status).toBe(401);
  expect(over.text).toContain('It has been too long since you typed your password. Sign in again.');
});
