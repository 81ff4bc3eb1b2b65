// Every page in the pseudo-locale en-XA (English, every letter accented and each message longer), in Chromium at
// 375 px: a text a person sees that is not accented came from outside the catalogue, and a button, label or field
// whose words overflow its box would overflow in a longer language too. Each page is a test of its own, so a
// failure names the page and the words. Data is allowed as it is: the fixtures' names and places, numbers,
// dates, addresses, codes and the brand.
import request from 'supertest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openWatchedPage, startService, type ServiceUnderTest } from '@cocomo/testing';
import { LOCALE_NAMES, SUPPORTED_LOCALES } from '@cocomo/i18n';
import { ActionLinks } from '@cocomo/links';
import { metricsApp } from '../../apps/metrics/src/metrics.module';
import {
  SUMMARY_OPT_OUT,
  SUMMARY_OPT_OUT_PATH,
} from '../../apps/directory/src/profile/host-summaries.service';
import {
  PERSONAL_DATA,
  PERSONAL_DATA_PATH,
} from '../../apps/notifications/src/personal-data/personal-data.service';
import { namedOperator, OPERATOR_PASSWORD, postSignIn } from '../../apps/notifications/test/named-operators';
import { mailsAskedFor, verificationPath } from '../../apps/directory/test/directory-harness';
import {
  aSpace,
  approvedSpace,
  bookingLink,
  operator,
  press,
  startSystem,
  type SystemUnderTest,
} from '../security/security-harness';

process.env.I18N_PSEUDO_LOCALE = '1';

let system: SystemUnderTest;
let metrics: ServiceUnderTest;
let browser: Browser;
const TOKEN = 'test-operator-token';

/** What the fixtures write, which pages show as data. */
const HALL = {
  name: 'Accessible Hall',
  city: 'Berlin',
  country: 'DE',
  timezone: 'Europe/Berlin',
  latitude: 52.5,
  longitude: 13.4,
  capacity: 60,
  amenities: ['wifi', 'projector'],
  host: { name: 'Ada', email: 'ada@example.org' },
};
const ORGANIZER = { name: 'Olga', email: 'olga@example.org', community: 'Berlin Rust' };
const DATA = [
  'CoCoMo',
  'Connected Communities',
  HALL.name,
  'Waiting Hall',
  'Wim',
  'Pune Hackerspace',
  'A room with a projector and good coffee.',
  '12 FC Road',
  'Pune',
  'Ada',
  'Olga',
  'Berlin Rust',
  'Rust night',
  'Rust weekly',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Berlin',
  'wifi',
  'projector',
  // The map's attribution, and named operators' fixtures: names such as "admin admi", roles, a token "test".
  'Leaflet',
  'OpenStreetMap',
  'admin',
  'admi',
  'test',
];

interface Fixtures {
  hall: string;
  pending: string;
  asked: string;
  series: string;
  cookie: string;
}
let fixtures: Fixtures;

beforeAll(async () => {
  system = await startSystem({ MAP_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png' }, { notifications: true });
  metrics = await startService(metricsApp, system.infra.env);
  const hall = await approvedSpace(system.directory, HALL);
  const waiting = await request(system.directory.url)
    .post('/api/spaces')
    .send(aSpace({ name: 'Waiting Hall', host: { name: 'Wim', email: 'wim@example.org' } }))
    .expect(201);
  const start = (days: number) => new Date(Date.now() + days * 86_400_000);
  const ask = async (days: number, title: string, recurrence?: object) =>
    (
      await request(system.bookings.url)
        .post('/api/bookings')
        .send({
          spaceId: hall,
          organizer: ORGANIZER,
          event: {
            title,
            start: start(days).toISOString(),
            end: new Date(start(days).getTime() + 7_200_000).toISOString(),
            expectedAttendees: 30,
          },
          ...(recurrence ? { recurrence } : {}),
        })
        .expect(201)
    ).body.id as string;
  const admin = await namedOperator(system.notifications!, ['admin']);
  const signedIn = await postSignIn(system.notifications!.url, {
    email: admin.email,
    password: OPERATOR_PASSWORD,
  });
  fixtures = {
    hall,
    pending: waiting.body.id,
    asked: await ask(20, 'Rust night'),
    series: await ask(40, 'Rust weekly', { frequency: 'weekly', count: 3 }),
    cookie: String(signedIn.headers['set-cookie']).split(';')[0],
  };
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await metrics?.close();
  await system?.stop();
});

type Where = { url: string; operator?: boolean; cookie?: string };
const at = (service: ServiceUnderTest, path: string, more: Omit<Where, 'url'> = {}): Where => ({
  url: `${service.url}${path}`,
  ...more,
});
const signed = (service: ServiceUnderTest, subject: string, action: string, recipient: string) =>
  service.app.get(ActionLinks).sign({ subject, action, recipient }, new Date(Date.now() + 3_600_000)).token;

/** Every page, by name: where it is once the fixtures exist. */
const PAGES: [string, () => Promise<Where>][] = [
  ['the map', async () => at(system.directory, '/map')],
  ['the form that lists a space', async () => at(system.directory, '/map/register')],
  ["a space's profile", async () => at(system.directory, `/map/spaces/${fixtures.hall}`)],
  [
    "a host's confirmation link",
    async () => at(system.directory, await verificationPath(system.directory, fixtures.pending)),
  ],
  ['a link that is not valid (directory)', async () => at(system.directory, '/actions/spaces/v1.not.valid')],
  [
    'the page of a space not listed (404)',
    async () => at(system.directory, '/map/spaces/00000000-0000-4000-8000-000000000000'),
  ],
  ['the page of an address not valid (400)', async () => at(system.directory, '/map/spaces/not-a-space')],
  ['the review page', async () => at(system.directory, '/review', { operator: true })],
  [
    "the yearly summary's opt-out link",
    async () =>
      at(
        system.directory,
        `${SUMMARY_OPT_OUT_PATH}/${signed(system.directory, fixtures.hall, SUMMARY_OPT_OUT, HALL.host.email)}`,
      ),
  ],
  ['the page that mails a manage link', async () => at(system.directory, '/map/manage')],
  [
    'the manage page',
    async () => {
      const approved = (await mailsAskedFor(system.directory)).find(
        (mail) => mail.template === 'space-approved' && mail.to.email === HALL.host.email,
      );
      return at(system.directory, new URL((approved!.data.manage as { url: string }).url).pathname);
    },
  ],
  ['the page that mails your own data', async () => at(system.notifications!, '/my-data')],
  [
    "your own data's link",
    async () =>
      at(
        system.notifications!,
        `${PERSONAL_DATA_PATH}/${signed(system.notifications!, PERSONAL_DATA, PERSONAL_DATA, HALL.host.email)}`,
      ),
  ],
  ['the request form', async () => at(system.bookings, '/request')],
  ['the request form for a space', async () => at(system.bookings, `/request?space=${fixtures.hall}`)],
  ...(['Accept', 'Decline'] as const).map((label): [string, () => Promise<Where>] => [
    `the host's ${label} link`,
    async () =>
      at(system.bookings, await bookingLink(system.bookings, fixtures.asked, 'booking-host-request', label)),
  ]),
  ...(['Cancel the request', 'Follow your request'] as const).map((label): [string, () => Promise<Where>] => [
    `the organizer's ${label} link`,
    async () =>
      at(
        system.bookings,
        await bookingLink(system.bookings, fixtures.asked, 'booking-organizer-host-asked', label),
      ),
  ]),
  ...(['Accept all dates', 'Choose dates', 'Decline the series'] as const).map(
    (label): [string, () => Promise<Where>] => [
      `the host's ${label} link of a series`,
      async () =>
        at(
          system.bookings,
          await bookingLink(system.bookings, fixtures.series, 'booking-host-series-request', label),
        ),
    ],
  ),
  [
    "the organizer's Cancel the series link",
    async () =>
      at(
        system.bookings,
        await bookingLink(
          system.bookings,
          fixtures.series,
          'booking-organizer-series-asked',
          'Cancel the series',
        ),
      ),
  ],
  [
    'a link already used',
    async () => {
      const accept = await bookingLink(system.bookings, fixtures.asked, 'booking-host-request', 'Accept');
      await press(system.bookings, accept);
      return at(system.bookings, accept);
    },
  ],
  ['the open bookings page', async () => at(system.bookings, '/bookings', { operator: true })],
  ['a link that is not valid (bookings)', async () => at(system.bookings, '/actions/v1.not.valid')],
  ['the sign-in page', async () => at(system.notifications!, '/operators/sign-in')],
  [
    'the sign-in page after a session ended',
    async () => at(system.notifications!, '/operators/sign-in?ended'),
  ],
  [
    'the account page',
    async () => at(system.notifications!, '/operators/account', { cookie: fixtures.cookie }),
  ],
  [
    'the second factor page',
    async () => at(system.notifications!, '/operators/account/second-factor', { cookie: fixtures.cookie }),
  ],
  ['the record', async () => at(system.notifications!, '/operators/record', { cookie: fixtures.cookie })],
  ['the mailbox', async () => at(system.notifications!, '/mailbox')],
  [
    'a mail in the mailbox',
    async () => {
      const { body } = await request(system.notifications!.url)
        .get('/api/notifications')
        .set(operator)
        .expect(200);
      return at(system.notifications!, `/mailbox/${body.items[0].id}`);
    },
  ],
  [
    'the dashboard',
    async () => at(metrics, '/dashboard?from=2026-01-01&to=2026-06-30&interval=month', { operator: true }),
  ],
];

function inPseudoLocale(url: string): string {
  const address = new URL(url);
  address.searchParams.set('lang', 'en-XA');
  return address.toString();
}

/** Words that are data: the fixtures', the regions' names Intl writes, months and weekdays (dates). */
function dataWords(): RegExp[] {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  // A page in en-XA names countries as English does, British or American.
  const countries = ['en-GB', 'en'].flatMap((english) => {
    const regions = new Intl.DisplayNames([english], { type: 'region' });
    return [...letters].flatMap((a) =>
      [...letters].map((b) => regions.of(a + b)).filter((name): name is string => !!name && name.length > 2),
    );
  });
  // Languages: each in its own name in the language fields, and in English in a sentence about a host's mails.
  const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
  const languages = SUPPORTED_LOCALES.flatMap((locale) => [LOCALE_NAMES[locale], languageNames.of(locale)!]);
  // Currencies in the price fields, "EUR — Euro": their codes and English names, as Intl writes them.
  const currencies = ['en-GB', 'en'].flatMap((english) => {
    const names = new Intl.DisplayNames([english], { type: 'currency' });
    return Intl.supportedValuesOf('currency').flatMap((code) => [code, names.of(code)!]);
  });
  const months = [...Array(12).keys()].flatMap((month) =>
    ['long', 'short'].map((style) =>
      new Intl.DateTimeFormat('en-GB', { month: style as 'long' }).format(new Date(Date.UTC(2027, month, 1))),
    ),
  );
  const days = [...Array(7).keys()].flatMap((day) =>
    ['long', 'short'].map((style) =>
      new Intl.DateTimeFormat('en-GB', { weekday: style as 'long' }).format(
        new Date(Date.UTC(2027, 0, 3 + day)),
      ),
    ),
  );
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [
    /[\w.+-]+@[\w.-]+/g, // e-mail addresses
    /https?:\/\/\S+/g,
    /\b[0-9a-f]{8}-[0-9a-f-]{27}\b/gi, // ids
    /\b[A-Z][A-Za-z_-]*(?:\/[A-Za-z0-9_ +-]+)+/g, // time zones: Europe/Berlin, America/Argentina/Buenos Aires
    /\b(?:UTC|GMT|EUR|INR|USD|en-XA|am|pm)\b/gi,
    new RegExp(
      `(?:${[...DATA, ...countries, ...languages, ...currencies]
        .sort((a, b) => b.length - a.length)
        .map(escape)
        .join('|')})`,
      'g',
    ),
    // Dates as Intl writes them in English ("Tuesday, 22 December 2026 at 19:00").
    new RegExp(`\\b(?:${[...months, ...days, 'at'].map(escape).join('|')})\\b`, 'g'),
  ];
}

describe('every page in the pseudo-locale', () => {
  const allowed = dataWords();

  it.each(PAGES)('%s', async (_name, where) => {
    const { url, operator: asOperator, cookie } = await where();
    const { page } = await openWatchedPage(browser, {
      viewport: { width: 375, height: 740 },
      locale: 'en-GB',
      timezoneId: 'Europe/Berlin',
      ...(asOperator ? { httpCredentials: { username: 'operator', password: TOKEN } } : {}),
      ...(cookie ? { extraHTTPHeaders: { cookie } } : {}),
    });
    try {
      await page.goto(inPseudoLocale(url));
      await page.waitForLoadState('networkidle');
      expect(await page.getAttribute('html', 'lang')).toBe('en-XA');
      const texts = await page.evaluate(() => {
        const found: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const parent = node.parentElement;
          const text = node.textContent?.trim();
          if (!parent || !text) continue;
          // Not words a person reads: scripts' templates, code, the switcher's languages in their own names,
          // and what a page marks as not to be translated (a mail as it was sent, the record's own words).
          if (parent.closest('script, style, template, noscript, code, #language-choice, [translate="no"]'))
            continue;
          // An option shows where its list does.
          const box = parent.closest('select') ?? parent;
          const style = getComputedStyle(box);
          if (style.visibility === 'hidden' || style.display === 'none' || !box.getClientRects().length)
            continue;
          if (parent.closest('[hidden]')) continue;
          found.push(text);
        }
        return found;
      });
      const untranslated = texts.filter((text) => {
        const rest = allowed.reduce((left, pattern) => left.replace(pattern, ' '), text);
        return /[A-Za-z]{2,}/.test(rest);
      });
      const overflowing = await page.evaluate(() =>
        Array.from(
          document.querySelectorAll('button, a.button, .masthead-action, label, input, select, textarea'),
        )
          .filter((element) => (element as HTMLElement).getClientRects().length > 0)
          .filter((element) => element.scrollWidth > element.clientWidth + 1)
          .map(
            (element) =>
              `<${element.tagName.toLowerCase()}> ${(element.textContent ?? '').trim().slice(0, 80)}`,
          ),
      );
      expect({ untranslated: [...new Set(untranslated)], overflowing }).toEqual({
        untranslated: [],
        overflowing: [],
      });
    } finally {
      await page.context().close();
    }
  });
});
