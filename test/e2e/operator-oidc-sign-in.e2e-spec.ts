// Signing in through an organisation's OpenID Connect provider, against a real one (oidc-provider) on its own
// port, in Chromium: the provider's user lands signed in as the operator with the same email, on the record; an
// email no operator has, and an answer that does not belong to the browser's own sign-in, get clear pages.
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import { Secret, TOTP } from 'otpauth';
import { SESSION_COOKIE } from '@cocomo/platform';
import {
  freePort,
  isolatedInfra,
  launchBrowser,
  openWatchedPage,
  seriousAxeFindings,
  startOidcProvider,
  startService,
  type IsolatedInfra,
  type ServiceUnderTest,
  type TestOidcProvider,
} from '@cocomo/testing';
import { SecondFactors } from '../../apps/notifications/src/operators/second-factor';
import { OperatorAccounts } from '../../apps/notifications/src/operators/operator-accounts';
import { newTotpSecret } from '../../apps/notifications/src/operators/totp';
import { RecordBook } from '../../apps/notifications/src/record/record-book';
import { notifications } from '../../apps/notifications/test/notifications-harness';
import { namedOperator } from '../../apps/notifications/test/named-operators';

let provider: TestOidcProvider;
let infra: IsolatedInfra;
let owner: ServiceUnderTest;
let browser: Browser;

beforeAll(async () => {
  const port = await freePort();
  const site = `http://127.0.0.1:${port}`;
  provider = await startOidcProvider(`${site}/operators/sign-in/oidc/callback`);
  infra = await isolatedInfra({
    PUBLIC_BASE_URL: site,
    OPERATOR_OIDC_ISSUER: provider.issuer,
    OPERATOR_OIDC_CLIENT_ID: provider.clientId,
    OPERATOR_OIDC_CLIENT_SECRET: provider.clientSecret,
    OPERATOR_OIDC_NAME: 'Example Org',
  });
  owner = await startService(notifications, infra.env, port);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await owner?.close();
  await infra?.cleanup();
  await provider?.close();
});

const notice = (page: Page) => page.locator('.notice').first().innerText();
const heading = (page: Page) => page.getByRole('heading', { level: 1 }).innerText();
const hasSession = async (page: Page) =>
  (await page.context().cookies()).some((cookie) => cookie.name === SESSION_COOKIE);

/** From CoCoMo's sign-in page to the provider's, signing in there as `login`; the answer of CoCoMo's callback. */
async function signInAtProvider(page: Page, login: string) {
  await page.goto(`${owner.url}/operators/sign-in?return=/operators/account`);
  await page.getByRole('button', { name: 'Sign in with Example Org' }).click();
  await page.waitForURL((url) => url.origin === provider.issuer);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('the provider checks its own passwords');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  const [back] = await Promise.all([
    page.waitForResponse((response) => response.url().includes('/operators/sign-in/oidc/callback')),
    page.getByRole('button', { name: 'Continue' }).click(),
  ]);
  await page.waitForLoadState();
  return back;
}

const recordOf = async (email: string) =>
  (await owner.app.get(RecordBook).page({ person: email, limit: 10, page: 1 })).items;

it('a provider’s user lands signed in as the operator with the same email, and the sign-in is on the record', async () => {
  const operator = await namedOperator(owner, ['reviewer']);
  const { page, errors } = await openWatchedPage(browser);
  const back = await signInAtProvider(page, operator.email.toUpperCase());
  expect(back.status()).toBe(303);
  expect(new URL(page.url()).pathname).toBe('/operators/account');
  expect(await page.locator('body').innerText()).toContain(operator.email);
  expect(await hasSession(page)).toBe(true);
  // The session is a session like a password's: it opens the operator's pages and the API.
  const cookie = (await page.context().cookies()).find((one) => one.name === SESSION_COOKIE)!;
  const me = await request(owner.url)
    .get('/api/operators/me')
    .set('cookie', `${SESSION_COOKIE}=${cookie.value}`)
    .expect(200);
  expect(me.body).toMatchObject({ id: operator.id, roles: ['reviewer'] });
  expect(await recordOf(operator.email)).toEqual([
    expect.objectContaining({ action: 'signed-in', actorId: operator.id, subject: 'oidc' }),
  ]);
  expect(errors).toEqual([]);
  await page.context().close();
});

it('an email no operator has is refused with a clear page, signs nobody in, and is on the record', async () => {
  const { page } = await openWatchedPage(browser);
  const back = await signInAtProvider(page, 'nobody-here@example.org');
  expect(back.status()).toBe(403);
  expect(await heading(page)).toBe('Sign in');
  expect(await notice(page)).toBe(
    'Your organisation signed you in, but no CoCoMo operator has the email it gave. Admins make the accounts: ask one to make yours with that email, or sign in with your password.',
  );
  expect(await hasSession(page)).toBe(false);
  expect(await recordOf('nobody-here@example.org')).toEqual([
    expect.objectContaining({ action: 'sign-in-refused', actorId: null, subject: 'no-account' }),
  ]);
  await page.context().close();
});

it('an email the provider has not verified names no operator', async () => {
  const operator = await namedOperator(owner, ['viewer']);
  const { page } = await openWatchedPage(browser);
  expect((await signInAtProvider(page, `unverified:${operator.email}`)).status()).toBe(403);
  expect(await notice(page)).toMatch(/^Your organisation signed you in, but has not verified your email/);
  expect(await hasSession(page)).toBe(false);
  await page.context().close();
});

it('a disabled operator is refused after the provider as after a password', async () => {
  const operator = await namedOperator(owner, ['viewer']);
  await owner.app.get(OperatorAccounts).change(operator.id, { disabled: true });
  const { page } = await openWatchedPage(browser);
  expect((await signInAtProvider(page, operator.email)).status()).toBe(403);
  expect(await notice(page)).toBe('This operator account is disabled. Ask an admin to enable it again.');
  expect(await hasSession(page)).toBe(false);
  expect(await recordOf(operator.email)).toEqual([
    expect.objectContaining({ action: 'sign-in-refused', subject: 'disabled' }),
  ]);
  await page.context().close();
});

it('an answer with another state than the browser’s own sign-in is refused, and signs nobody in', async () => {
  const { page } = await openWatchedPage(browser);
  await page.goto(`${owner.url}/operators/sign-in`);
  await page.getByRole('button', { name: 'Sign in with Example Org' }).click();
  await page.waitForURL((url) => url.origin === provider.issuer);
  const answer = await page.goto(`${owner.url}/operators/sign-in/oidc/callback?code=forged&state=forged`);
  expect(answer!.status()).toBe(400);
  expect(await notice(page)).toBe(
    'This answer from Example Org does not belong to a sign-in started in this browser, or it is too old. Sign in again.',
  );
  expect(await hasSession(page)).toBe(false);
  await page.context().close();
  // A browser that started nothing is refused the same way.
  const bare = await request(owner.url).get('/operators/sign-in/oidc/callback?code=forged&state=forged');
  expect(bare.status).toBe(400);
  expect(String(bare.headers['set-cookie'] ?? '')).not.toContain(`${SESSION_COOKIE}=`);
});

it('the sign-in page with the organisation’s button passes axe on a phone', async () => {
  // Axe is injected as a script, so this page bypasses the CSP (the flows above keep it, form-action included).
  const { page } = await openWatchedPage(browser, { bypassCSP: true, viewport: { width: 375, height: 800 } });
  await page.goto(`${owner.url}/operators/sign-in`);
  await page.getByRole('button', { name: 'Sign in with Example Org' }).waitFor();
  expect(await seriousAxeFindings(page)).toEqual([]);
  await page.context().close();
});

it('the button is refused without the sign-in page’s own token (another site cannot start it)', async () => {
  const started = await request(owner.url).post('/operators/sign-in/oidc').type('form').send({ return: '/' });
  expect(started.status).toBe(403);
  expect(started.headers.location).toBeUndefined();
});

it('an operator with a second factor is asked for its code after the provider, as after a password', async () => {
  const operator = await namedOperator(owner, ['dispatcher']);
  const secret = newTotpSecret();
  const account = (await owner.app.get(OperatorAccounts).byId(operator.id))!;
  const earlier = TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() - 30_000 });
  expect(await owner.app.get(SecondFactors).enrol(account, secret, earlier)).toHaveLength(10);
  const { page } = await openWatchedPage(browser);
  expect((await signInAtProvider(page, operator.email)).status()).toBe(200);
  expect(await heading(page)).toBe('Your code');
  expect(await hasSession(page)).toBe(false);
  await page.getByLabel(/^Code/).fill(TOTP.generate({ secret: Secret.fromBase32(secret) }));
  await Promise.all([
    page.waitForURL(/\/operators\/account$/),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  expect(await hasSession(page)).toBe(true);
  expect(await recordOf(operator.email)).toEqual([
    expect.objectContaining({ action: 'signed-in', actorId: operator.id, subject: 'oidc' }),
  ]);
  await page.context().close();
});
