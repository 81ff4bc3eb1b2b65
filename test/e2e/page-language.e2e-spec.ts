// Which language a page speaks, on every page of every service: `?lang=` (a mail's link, the switcher), then the
// switcher's cookie, then the browser's Accept-Language, then English; the switcher itself, in Chromium, with
// and without its script, keeping the page's path and query; and the API's problems, each with its code, in the
// language the client asks for (English when it asks for none).
import request from 'supertest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openWatchedPage } from '@cocomo/testing';
import { aSpace, startDirectory, type DirectoryUnderTest } from '../../apps/directory/test/directory-harness';

let directory: DirectoryUnderTest;
let browser: Browser;
/** A page of the shared views (the error page of a space that is not listed) and a link's page. */
const MISSING = '/map/spaces/00000000-0000-4000-8000-000000000000';
const BROKEN_LINK = '/actions/spaces/v1.not.valid';

beforeAll(async () => {
  directory = await startDirectory({ MAP_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await directory?.stop();
});

const HEADINGS: Record<string, string> = {
  en: 'This page does not exist',
  es: 'Esta página no existe',
  de: 'Diese Seite gibt es nicht',
  fr: 'Cette page n’existe pas',
  hi: 'यह पेज मौजूद नहीं है',
};

it.each([
  ['?lang= first', `${MISSING}?lang=es`, 'cocomo_lang=de', 'fr', 'es'],
  ['then the switcher’s cookie', MISSING, 'cocomo_lang=de', 'fr-CH, fr;q=0.9', 'de'],
  ['a ?lang= no page speaks is none', `${MISSING}?lang=tlh`, 'cocomo_lang=de', 'fr', 'de'],
  ['then Accept-Language', MISSING, '', 'fr-CH, fr;q=0.9, en;q=0.5', 'fr'],
  ['then English', MISSING, '', '', 'en'],
])('a page speaks %s', async (_rule, path, cookie, acceptLanguage, locale) => {
  const asking = request(directory.url).get(path).set('accept', 'text/html');
  if (cookie) asking.set('cookie', cookie);
  if (acceptLanguage) asking.set('accept-language', acceptLanguage);
  const { text, headers } = await asking.expect(404);
  expect(text).toContain(`<html lang="${locale}" dir="ltr">`);
  expect(text).toContain(`<h1>${HEADINGS[locale]}</h1>`);
  expect(headers.vary).toMatch(/Accept-Language/);
  expect(headers.vary).toMatch(/Cookie/);
});

it('keeps a ?lang= the reader asked for in the switcher’s cookie for a year, on every path', async () => {
  const { headers } = await request(directory.url).get(`${BROKEN_LINK}?lang=hi`).expect(400);
  const cookie = String(headers['set-cookie']);
  expect(cookie).toMatch(/^cocomo_lang=hi;/);
  expect(cookie).toMatch(/Max-Age=31536000/);
  expect(cookie).toMatch(/Path=\//);
  expect(cookie).toMatch(/SameSite=Lax/);
  const unknown = await request(directory.url).get(`${BROKEN_LINK}?lang=tlh`).expect(400);
  expect(unknown.headers['set-cookie']).toBeUndefined();
});

it('keeps its button for the keyboard, whose arrows only step through the languages', async () => {
  const { page, errors } = await openWatchedPage(browser, { locale: 'en-GB' });
  try {
    await page.goto(`${directory.url}${BROKEN_LINK}`);
    const change = page.getByRole('button', { name: 'Change' });
    await page.locator('#language-choice').focus();
    await page.keyboard.press('ArrowDown');
    await change.waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await change.click();
    await page.getByRole('heading', { name: 'Este enlace no es válido' }).waitFor();
    expect(errors).toEqual([]);
  } finally {
    await page.context().close();
  }
});

it.each([
  ['with its script', true],
  ['without a script', false],
])(
  'switches the language of a link’s page %s, keeping its path and query, and remembers it',
  async (_how, javaScriptEnabled) => {
    const { page, errors } = await openWatchedPage(browser, { locale: 'en-GB', javaScriptEnabled });
    try {
      await page.goto(`${directory.url}${BROKEN_LINK}?from=mail`);
      await page.getByRole('heading', { name: 'This link is not valid' }).waitFor();
      await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
      // With its script, a language picked is shown at once; without, the button sends it.
      if (!javaScriptEnabled) await page.getByRole('button', { name: 'Change' }).click();
      await page.getByRole('heading', { name: 'Este enlace no es válido' }).waitFor();
      const address = new URL(page.url());
      expect(address.pathname).toBe(BROKEN_LINK);
      expect(address.searchParams.get('from')).toBe('mail');
      expect(address.searchParams.get('lang')).toBe('es');
      expect(await page.getAttribute('html', 'lang')).toBe('es');
      expect(await page.locator('#language-choice').inputValue()).toBe('es');
      // Another page, without ?lang=: the cookie speaks.
      await page.goto(`${directory.url}${MISSING}`);
      await page.getByRole('heading', { name: HEADINGS.es }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  },
);

it('lets a page whose query is checked strictly take ?lang= as well', async () => {
  const { text } = await request(directory.url)
    .get('/map/register?lang=de')
    .set('accept', 'text/html')
    .expect(200);
  expect(text).toContain('<html lang="de" dir="ltr">');
  const api = await request(directory.url).get('/api/spaces?lang=de&q=Hall').expect(200);
  expect(api.body.items).toEqual(expect.any(Array));
});

it('offers every language in its own name, each option marked with its language', async () => {
  const { text } = await request(directory.url).get(MISSING).set('accept', 'text/html').expect(404);
  for (const [locale, name] of [
    ['en', 'English'],
    ['es', 'Español'],
    ['hi', 'हिन्दी'],
    ['pt-BR', 'Português (Brasil)'],
    ['fr', 'Français'],
    ['de', 'Deutsch'],
  ])
    expect(text).toContain(
      `<option value="${locale}" lang="${locale}"${locale === 'en' ? ' selected' : ''}>${name}</option>`,
    );
});

describe('the problems of a refused request', () => {
  const refused = (acceptLanguage?: string) => {
    const asking = request(directory.url)
      .post('/api/spaces')
      .send(
        aSpace({
          timezone: 'Mars/Olympus',
          country: 'India',
          capacity: 2.5,
          host: { name: '', email: 'not-an-address' },
          extra: true,
        }),
      );
    if (acceptLanguage) asking.set('accept-language', acceptLanguage);
    return asking.expect(400);
  };
  const byField = (
    problems: { field: string; code: string; problem: string }[],
  ): Record<string, { code: string; problem: string }> =>
    Object.fromEntries(problems.map(({ field, ...rest }) => [field, rest]));

  it('are in English, word for word as before, for a client that asks for no language', async () => {
    const { body, headers } = await refused();
    expect(headers.vary).toMatch(/Accept-Language/);
    expect(byField(body.problems)).toEqual({
      country: {
        code: 'invalid_country',
        problem: 'must be an ISO 3166-1 alpha-2 country code in capitals, such as DE or IN',
      },
      timezone: { code: 'unknown_zone', problem: 'must be an IANA time zone, such as Europe/Berlin' },
      capacity: { code: 'not_an_integer', problem: 'must be a whole number' },
      'host.name': { code: 'required', problem: 'must not be empty' },
      'host.email': { code: 'invalid_email', problem: 'must be an email address' },
      extra: { code: 'unknown_field', problem: 'is not a known field' },
    });
  });

  it.each([
    [
      'es-MX, es;q=0.9',
      {
        timezone: 'debe ser una zona horaria IANA, como Europe/Berlin',
        'host.name': 'no puede estar vacío',
        'host.email': 'debe ser una dirección de correo',
        extra: 'no es un campo conocido',
      },
    ],
    [
      'hi-IN',
      {
        timezone: 'IANA समय क्षेत्र होना चाहिए, जैसे Europe/Berlin',
        'host.name': 'ख़ाली नहीं हो सकता',
        'host.email': 'ईमेल पता होना चाहिए',
        extra: 'कोई जाना-पहचाना फ़ील्ड नहीं है',
      },
    ],
  ])('are in the language of Accept-Language %s, with the same codes', async (acceptLanguage, words) => {
    const english = byField((await refused()).body.problems);
    const problems = byField((await refused(acceptLanguage)).body.problems);
    expect(Object.keys(problems).sort()).toEqual(Object.keys(english).sort());
    for (const [field, { code }] of Object.entries(english)) expect(problems[field].code).toBe(code);
    for (const [field, problem] of Object.entries(words)) expect(problems[field].problem).toBe(problem);
  });
});
