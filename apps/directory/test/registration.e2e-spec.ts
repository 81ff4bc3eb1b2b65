// The page where a host lists a space (/map/register), in Chromium: reached from the map, it names every problem
// beside its field and stores nothing, then registers the space as typed and tells the host where the
// confirmation mail went; the directory asks for that mail.
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openWatchedPage } from '@cocomo/testing';
import { mailsAskedFor, operator, startDirectory, type DirectoryUnderTest } from './directory-harness';

let directory: DirectoryUnderTest;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  directory = await startDirectory({ MAP_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await directory?.stop();
});
beforeEach(async () => {
  ({ page, errors } = await openWatchedPage(browser, { locale: 'en-GB', timezoneId: 'Asia/Kolkata' }));
});
afterEach(async () => {
  await page.context().close();
});

const stored = async (name: string) =>
  (
    await request(directory.url)
      .get('/api/spaces')
      .query({ q: name, status: 'unverified' })
      .set(operator)
      .expect(200)
  ).body.items as Record<string, unknown>[];

const problemBeside = (field: string) => page.locator(`[data-problem-for="${field}"]`);
const problemList = async () =>
  (await page.locator('#problem-list li').allInnerTexts()).map((text) => text.trim());

async function fillTheSpace(): Promise<void> {
  await page.fill('input[name="name"]', 'Kochi Makers');
  await page.check('input[name="kind"][value="hackerspace"]');
  await page.fill('textarea[name="description"]', 'Two rooms & a projector; ring the bell "twice".');
  await page.fill('input[name="capacity"]', '35');
  await page.check('input[name="amenities"][value="wifi"]');
  await page.check('input[name="amenities"][value="projector"]');
  await page.fill('input[name="otherAmenities"]', '3D-printer, , parking ');
  await page.fill('input[name="address"]', '1 Marine Drive');
  await page.fill('input[name="city"]', 'Kochi');
  await page.selectOption('select[name="country"]', 'IN');
  await page.fill('input[name="host.name"]', 'Anu');
  await page.fill('input[name="host.email"]', 'anu@example.org');
}

it('is linked from the map, names every problem beside its field, and stores nothing', async () => {
  await page.goto(`${directory.url}/map`);
  await page.click('a.masthead-action');
  await page.waitForURL('**/map/register');
  expect(await page.locator('h1').innerText()).toBe('List your space');
  // The person's own time zone is chosen for them.
  expect(await page.inputValue('select[name="timezone"]')).toBe('Asia/Kolkata');

  await page.fill('input[name="name"]', 'Half Filled Hall');
  await page.check('input[name="pricing.model"][value="paid"]');
  await page.fill('input[name="pricing.amount"]', '500');
  await page.selectOption('select[name="pricing.currency"]', 'INR');
  await page.click('button[type="submit"]');
  await page.locator('#problems').waitFor();

  expect(await page.locator('#problems-intro').innerText()).toMatch(
    /^Nothing was saved: \d+ things need fixing\.$/,
  );
  const listed = await problemList();
  expect(listed).toEqual(
    expect.arrayContaining([
      'Kind of space: is required',
      'Street address: must not be empty',
      'Country: is required',
      'Latitude: is required',
      'Capacity: is required',
      'Your email: must be an email address',
    ]),
  );
  expect(listed.some((text) => text.startsWith('Name:'))).toBe(false);
  expect(await problemBeside('name').isVisible()).toBe(false);
  expect(await problemBeside('address').isVisible()).toBe(true);
  expect(await problemBeside('address').innerText()).toBe('must not be empty');
  expect(await page.getAttribute('input[name="host.email"]', 'aria-invalid')).toBe('true');
  // A problem in the list takes the person to its field.
  await page.locator('#problem-list a', { hasText: 'Street address' }).click();
  expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('address');

  expect(await stored('Half Filled Hall')).toEqual([]);

  // With the rest filled in, what is left: the market rate a paid space needs, and the two promises.
  await fillTheSpace();
  await page.fill('input[name="name"]', 'Half Filled Hall');
  await page.fill('input[name="latitude"]', '9.9');
  await page.fill('input[name="longitude"]', '76.2');
  await page.click('button[type="submit"]');
  await page.locator('#problems-intro', { hasText: '3 things' }).waitFor();
  // In the order of the form: the price before the host's promises.
  expect(await problemList()).toEqual([
    'Market rate: is required for a paid space: what renting it would cost (it feeds the money-saved metric)',
    'Supporting FOSS: must be ticked: CoCoMo lists spaces that support FOSS and FOSS events',
    'The pledge: must be ticked: hosts pledge not to commercialise FOSS activities',
  ]);
  expect(await problemBeside('marketRate').innerText()).toMatch(/^is required for a paid space/);
  expect(await problemBeside('address').isVisible()).toBe(false);
  expect(await stored('Half Filled Hall')).toEqual([]);
  expect(errors).toEqual([]);
});

it('registers the space as typed, with the place picked on the map, and says where the mail went', async () => {
  await page.goto(`${directory.url}/map/register`);
  await fillTheSpace();
  // The place: a click on the map gives coordinates; typed ones are sent as typed.
  await page.locator('#pick-map').click({ position: { x: 200, y: 100 } });
  expect(await page.inputValue('input[name="latitude"]')).toMatch(/^-?\d+\.\d{5}$/);
  await page.fill('input[name="latitude"]', '9.97');
  await page.fill('input[name="longitude"]', '76.28');
  await page.check('input[name="pricing.model"][value="paid"]');
  await page.fill('input[name="pricing.amount"]', '500');
  await page.selectOption('select[name="pricing.currency"]', 'INR');
  await page.selectOption('select[name="pricing.per"]', 'event');
  await page.fill('input[name="marketRate.amount"]', '6000');
  await page.selectOption('select[name="marketRate.currency"]', 'INR');
  await page.check('input[name="eligibility.supportsFoss"]');
  await page.check('input[name="eligibility.nonCommercialPledge"]');
  await page.click('button[type="submit"]');

  await page.locator('#done').waitFor();
  expect(await page.locator('#done-text').innerText()).toMatch(/^We have sent a mail to anu@example\.org\. /);
  expect(await page.locator('#register').isVisible()).toBe(false);

  const [space] = await stored('Kochi Makers');
  expect(space).toMatchObject({
    name: 'Kochi Makers',
    kind: 'hackerspace',
    description: 'Two rooms & a projector; ring the bell "twice".',
    capacity: 35,
    amenities: ['wifi', 'projector', '3d-printer', 'parking'],
    address: '1 Marine Drive',
    city: 'Kochi',
    country: 'IN',
    timezone: 'Asia/Kolkata',
    latitude: 9.97,
    longitude: 76.28,
    pricing: { model: 'paid', amount: 500, currency: 'INR', per: 'event' },
    marketRate: { amount: 6000, currency: 'INR', per: 'day' },
    status: 'unverified',
  });
  const asked = await mailsAskedFor(directory);
  expect(asked.some((mail) => mail.template === 'space-verify' && mail.to.email === 'anu@example.org')).toBe(
    true,
  );
  expect(errors).toEqual([]);
});

it('sends a free space without its price, and without a market rate when none is given', async () => {
  await page.goto(`${directory.url}/map/register`);
  await fillTheSpace();
  await page.fill('input[name="name"]', 'Kochi Free Room');
  await page.fill('input[name="latitude"]', '9.98');
  await page.fill('input[name="longitude"]', '76.29');
  // A price typed, then the space made free again: the price is not sent.
  await page.check('input[name="pricing.model"][value="paid"]');
  await page.fill('input[name="pricing.amount"]', '500');
  await page.check('input[name="pricing.model"][value="free"]');
  expect(await page.locator('#paid-price').isVisible()).toBe(false);
  await page.check('input[name="eligibility.supportsFoss"]');
  await page.check('input[name="eligibility.nonCommercialPledge"]');
  await page.click('button[type="submit"]');
  await page.locator('#done').waitFor();
  const [space] = await stored('Kochi Free Room');
  expect(space.pricing).toEqual({ model: 'free' });
  expect(space.marketRate ?? null).toBeNull();
  expect(errors).toEqual([]);
});

it("asks the host's language, the browser's first, and writes every mail about the space in it", async () => {
  await page.context().close();
  ({ page, errors } = await openWatchedPage(browser, { locale: 'es-ES', timezoneId: 'Asia/Kolkata' }));
  await page.goto(`${directory.url}/map/register`);
  expect(await page.inputValue('select[name="locale"]')).toBe('es');
  await fillTheSpace();
  await page.fill('input[name="name"]', 'Casa del Software');
  await page.fill('input[name="host.email"]', 'lucia@example.org');
  await page.fill('input[name="latitude"]', '9.97');
  await page.fill('input[name="longitude"]', '76.28');
  await page.check('input[name="eligibility.supportsFoss"]');
  await page.check('input[name="eligibility.nonCommercialPledge"]');
  await page.click('button[type="submit"]');
  await page.locator('#done').waitFor();

  const verify = (await mailsAskedFor(directory)).find((mail) => mail.to.email === 'lucia@example.org');
  expect(verify).toMatchObject({ template: 'space-verify', locale: 'es' });
  expect(verify?.actions[0]).toMatchObject({ label: 'Confirmar mi dirección de correo' });
  expect(new URL(verify!.actions[0].url).searchParams.get('lang')).toBe('es');
  expect(errors).toEqual([]);
});

it.each([
  ['?lang= over the cookie and the browser', '/map/register?lang=hi', 'cocomo_lang=fr', 'hi'],
  ["the switcher's cookie over the browser", '/map/register', 'cocomo_lang=fr', 'fr'],
  ['the browser when neither says', '/map/register', '', 'de'],
])('proposes the language %s', async (_rule, path, cookie, locale) => {
  const { text } = await request(directory.url)
    .get(path)
    .set('cookie', cookie)
    .set('accept-language', 'de-DE,de;q=0.9')
    .expect(200);
  expect(text).toContain(`<option value="${locale}" lang="${locale}" selected>`);
});
