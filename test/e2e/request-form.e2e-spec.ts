// The page where an organizer asks for a space (/request?space=<id>), in Chromium behind the router as people
// reach it: from a space's profile, it shows the space, names every problem beside its field and sends nothing,
// then asks for the space with the times read in the space's time zone, and says who was asked.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import { EntityManager } from '@mikro-orm/postgresql';
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
import { bookingsApp } from '../../apps/bookings/src/bookings.module';
import { approvedSpace, mailsAskedFor, operator } from '../../apps/directory/test/directory-harness';
import { openLink, submit } from './link-pages';

const root = path.resolve(__dirname, '../..');
let infra: IsolatedInfra;
let directory: ServiceUnderTest;
let bookings: ServiceUnderTest;
let router: ChildProcess;
let base: string;
let browser: Browser;
let page: Page;
let errors: string[];
let hall: string;

/** Next year's dates: in Berlin, 10 March is winter time (UTC+1) and 1 July summer time (UTC+2). */
const year = new Date().getUTCFullYear() + 1;

beforeAll(async () => {
  if (!existsSync(path.join(root, 'dist/libs/config/src/index.js'))) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const ports = {
    ROUTER_PORT: String(await freePort()),
    DIRECTORY_PORT: String(await freePort()),
    BOOKINGS_PORT: String(await freePort()),
  };
  base = `http://127.0.0.1:${ports.ROUTER_PORT}`;
  infra = await isolatedInfra({
    ...ports,
    PUBLIC_BASE_URL: base,
    MAP_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png',
  });
  directory = await startService(directoryApp, infra.env, Number(ports.DIRECTORY_PORT));
  bookings = await startService(bookingsApp, infra.env, Number(ports.BOOKINGS_PORT));
  router = spawn(process.execPath, [path.join(root, 'deploy/local/router.mjs')], {
    env: { ...process.env, ...infra.variables, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  for (let attempt = 0; ; attempt++) {
    const up = await request(base)
      .get('/request')
      .then((response) => response.status === 200)
      .catch(() => false);
    if (up) break;
    if (attempt === 100) throw new Error('the router did not come up');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  hall = await approvedSpace(directory, {
    name: 'Kreuzberg Hall',
    city: 'Berlin',
    country: 'DE',
    timezone: 'Europe/Berlin',
    latitude: 52.4986,
    longitude: 13.4033,
    capacity: 80,
    amenities: ['wifi', 'projector'],
  });
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  if (router && router.exitCode === null) {
    const exited = new Promise((resolve) => router.once('exit', resolve));
    router.kill();
    await exited;
  }
  await bookings?.close();
  await directory?.close();
  await infra?.cleanup();
});
beforeEach(async () => {
  // A visitor from another zone: the times typed are the space's, whatever the browser's zone.
  ({ page, errors } = await openWatchedPage(browser, { locale: 'en-US', timezoneId: 'America/New_York' }));
});
afterEach(async () => {
  await page.context().close();
});

const requested = async () =>
  (await request(bookings.url).get('/api/bookings').set(operator).expect(200)).body.items as {
    id: string;
    spaceId: string | null;
    asked: string[];
    organizer: Record<string, string>;
    event: Record<string, unknown>;
  }[];
/** The place the booking asks to look near, as it is stored with what it needs; null when none. */
const placeAsked = async (id: string) => {
  const [row]: { near: unknown }[] = await bookings.app
    .get(EntityManager)
    .fork()
    .execute(`select "needs"->'near' as "near" from "bookings"."booking" where "id" = ?`, [id]);
  return row.near;
};
const problemList = async () =>
  (await page.locator('#problem-list li').allInnerTexts()).map((text) => text.trim());

async function fillTheRequest(title: string, day: string): Promise<void> {
  await page.fill('input[name="event.title"]', title);
  await page.fill('textarea[name="event.description"]', 'Talks, then hacking; we bring pizza.');
  await page.fill('input[name="event.start"]', `${day}T18:00`);
  await page.fill('input[name="event.end"]', `${day}T21:30`);
  await page.fill('input[name="event.expectedAttendees"]', '30');
  await page.check('input[name="needs"][value="wifi"]');
  await page.fill('input[name="otherNeeds"]', 'Microphone');
  await page.fill('input[name="organizer.name"]', 'Olga');
  await page.fill('input[name="organizer.email"]', 'olga@example.org');
  await page.fill('input[name="organizer.community"]', 'Berlin Rust');
}

it('is reached from the space profile, names every problem beside its field, and sends nothing', async () => {
  await page.goto(`${base}/map/spaces/${hall}`);
  await page.click('a.ask');
  await page.waitForURL(`**/request?space=${hall}`);
  await page.locator('#space-name', { hasText: 'You are asking Kreuzberg Hall' }).waitFor();
  expect(await page.locator('#space-facts').innerText()).toBe(
    'Berlin · up to 80 people · free for FOSS events · wifi, projector',
  );
  expect(await page.locator('#zone-hint').innerText()).toBe(
    "Times are the space's local times (Europe/Berlin).",
  );

  await page.fill('input[name="event.start"]', `${year}-03-10T18:00`);
  await page.fill('input[name="event.end"]', `${year}-03-10T17:00`);
  await page.fill('input[name="event.expectedAttendees"]', '30');
  await page.click('button[type="submit"]');
  await page.locator('#problems').waitFor();
  // In the order of the form, though the system names the organizer first.
  expect(await problemList()).toEqual([
    'Title: must not be empty',
    'Ends: must be after the start',
    'Your name: must not be empty',
    'Your email: must be an email address',
    'Your community: must not be empty',
  ]);
  expect(await page.locator('[data-problem-for="event.title"]').innerText()).toBe('must not be empty');
  expect(await page.getAttribute('input[name="organizer.email"]', 'aria-invalid')).toBe('true');

  // With the rest filled in, the times are judged: the end before the start.
  await fillTheRequest('Rust night', `${year}-03-10`);
  await page.fill('input[name="event.end"]', `${year}-03-10T17:00`);
  await page.click('button[type="submit"]');
  await page.locator('#problem-list li', { hasText: 'Ends' }).waitFor();
  expect(await problemList()).toEqual(['Ends: must be after the start']);
  expect(await page.locator('[data-problem-for="event.title"]').isVisible()).toBe(false);
  expect(await requested()).toEqual([]);
  expect(errors).toEqual([]);
});

it("asks for the space with the times in the space's zone, and the nearby ones after it", async () => {
  await page.goto(`${base}/request?space=${hall}`);
  await page.locator('#request').waitFor();
  await fillTheRequest('Rust night <b>winter</b>', `${year}-03-10`);
  await page.fill('input[name="radiusKm"]', '15');
  await page.click('button[type="submit"]');
  await page.locator('#done').waitFor();
  expect(await page.locator('#done-text').innerText()).toBe(
    "We have asked Kreuzberg Hall's host. Every step reaches you at olga@example.org, with a link to follow the request or cancel it.",
  );

  const [winter] = (await requested()).filter(
    (booking) => booking.event.title === 'Rust night <b>winter</b>',
  );
  expect(winter).toMatchObject({
    asked: [hall],
    organizer: { name: 'Olga', email: 'olga@example.org', community: 'Berlin Rust' },
    event: {
      description: 'Talks, then hacking; we bring pizza.',
      start: `${year}-03-10T17:00:00.000Z`,
      end: `${year}-03-10T20:30:00.000Z`,
      expectedAttendees: 30,
      needs: ['wifi', 'microphone'],
    },
  });
  expect(await placeAsked(winter.id)).toEqual({ latitude: 52.4986, longitude: 13.4033, radiusKm: 15 });

  // In summer Berlin is two hours ahead; without "ask nearby" only the space itself is asked.
  await page.goto(`${base}/request?space=${hall}`);
  await page.locator('#request').waitFor();
  await fillTheRequest('Rust night summer', `${year}-07-01`);
  await page.uncheck('input[name="askNearby"]');
  await page.click('button[type="submit"]');
  await page.locator('#done').waitFor();
  const [summer] = (await requested()).filter((booking) => booking.event.title === 'Rust night summer');
  expect(summer.event).toMatchObject({
    start: `${year}-07-01T16:00:00.000Z`,
    end: `${year}-07-01T19:30:00.000Z`,
  });
  expect(await placeAsked(summer.id)).toBeNull();
  expect(errors).toEqual([]);
});

it('asks for a monthly series: its details show, a series without an end is named, then every date is asked', async () => {
  await page.goto(`${base}/request?space=${hall}`);
  await page.locator('#request').waitFor();
  // The 2nd Tuesday of March next year, then monthly: the last one, in June, is in summer time.
  const day = new Date(Date.UTC(year, 2, 1));
  const secondTuesday = 1 + ((2 - day.getUTCDay() + 7) % 7) + 7;
  await fillTheRequest('Rust monthly', `${year}-03-${String(secondTuesday).padStart(2, '0')}`);
  expect(await page.locator('#repeat-details').isVisible()).toBe(false);
  await page.selectOption('select[name="repeat"]', 'monthly-weekday');
  expect(await page.locator('#repeat-details').isVisible()).toBe(true);
  expect(await page.locator('#shorter-months').isVisible()).toBe(false);
  await page.click('button[type="submit"]');
  await page.locator('#problems').waitFor();
  expect(await problemList()).toEqual([
    'Or until: a series needs an end: give the last date (until) or the number of dates (count)',
  ]);
  expect(await page.getAttribute('input[name="repeatUntil"]', 'aria-invalid')).toBe('true');

  await page.fill('input[name="repeatCount"]', '4');
  await page.click('button[type="submit"]');
  await page.locator('#done').waitFor();
  expect(await page.locator('#done-text').innerText()).toBe(
    "We have asked Kreuzberg Hall's host for the 4 dates of your series in one message. Every step reaches you at olga@example.org, with a link to follow the series.",
  );
  const series = (await requested()).filter((booking) => booking.event.title === 'Rust monthly');
  // Each a 2nd Tuesday at 18:00 in Berlin: 17:00 UTC in winter, 16:00 UTC once the clocks have changed.
  expect(series.map((booking) => booking.event.start)).toEqual(
    [
      [2, 17],
      [3, 16],
      [4, 16],
      [5, 16],
    ].map(([month, hour]) => {
      const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
      const date = 1 + ((2 - first + 7) % 7) + 7;
      return new Date(Date.UTC(year, month, date, hour)).toISOString();
    }),
  );
  expect(series.every((booking) => booking.asked.length === 0)).toBe(true);
  expect(errors).toEqual([]);
});

it("asks for any suitable space near a place picked on the map, in the visitor's own time zone", async () => {
  await page.goto(`${base}/request`);
  await page.locator('#near-intro').waitFor();
  expect(await page.locator('#zone-hint').innerText()).toBe('Times are your local times (America/New York).');
  expect(await page.locator('input[name="askNearby"]').count()).toBe(0);
  await page.locator('#pick-map').click({ position: { x: 200, y: 100 } });
  expect(await page.inputValue('input[name="nearLatitude"]')).toMatch(/^-?\d+\.\d{5}$/);

  // Without coordinates the place is named as the problem.
  await page.fill('input[name="nearLatitude"]', '');
  await fillTheRequest('Rust night anywhere', `${year}-02-10`);
  await page.click('button[type="submit"]');
  await page.locator('#problems').waitFor();
  expect(await problemList()).toEqual(['Latitude: is required']);

  await page.fill('input[name="nearLatitude"]', '52.50');
  await page.fill('input[name="nearLongitude"]', '13.40');
  await page.fill('input[name="nearRadiusKm"]', '5');
  await page.click('button[type="submit"]');
  await page.locator('#done').waitFor();
  expect(await page.locator('#done-text').innerText()).toMatch(
    /^We have asked the best-suited space near the place you picked\. Every step reaches you at olga@example\.org/,
  );
  const [anywhere] = (await requested()).filter((booking) => booking.event.title === 'Rust night anywhere');
  // 18:00 in New York in February is 23:00 UTC.
  expect(anywhere).toMatchObject({
    asked: [hall],
    event: { start: `${year}-02-10T23:00:00.000Z`, end: `${year}-02-11T02:30:00.000Z` },
  });
  expect(await placeAsked(anywhere.id)).toEqual({ latitude: 52.5, longitude: 13.4, radiusKm: 5 });
  expect(errors).toEqual([]);
});

it('says so, with the way to the map, when the chosen space is not listed', async () => {
  await page.goto(`${base}/request?space=00000000-0000-4000-8000-000000000000`);
  await page.locator('#no-space').waitFor();
  expect(await page.locator('#no-space-text').innerText()).toBe('That space is not on the map (any more).');
  expect(await page.locator('#no-space a').getAttribute('href')).toBe('/map');
  expect(await page.locator('#request').isVisible()).toBe(false);
  expect(errors).toEqual([]);
});

it('warns at once when the space is closed then, and offers the nearest spaces open and free then', async () => {
  await approvedSpace(directory, {
    name: 'Neukölln Loft',
    city: 'Berlin',
    country: 'DE',
    timezone: 'Europe/Berlin',
    latitude: 52.4811,
    longitude: 13.4354,
    capacity: 80,
    host: { name: 'Nia', email: 'nia@example.org' },
  });
  // The hall's host closes it for a day, through their manage page.
  const approved = (await mailsAskedFor(directory)).find(
    (mail) => mail.template === 'space-approved' && mail.data.spaceName === 'Kreuzberg Hall',
  );
  const manage = await openLink(
    directory.url,
    new URL((approved!.data.manage as { url: string }).url).pathname,
    1,
  );
  const closed = {
    'closures.0.from': `${year}-04-10`,
    'closures.0.to': `${year}-04-10`,
    'closures.0.note': 'Fair',
  };
  expect((await submit(directory.url, manage, closed)).status).toBe(303);

  await page.goto(`${base}/request?space=${hall}`);
  await page.locator('#request').waitFor();
  await page.fill('input[name="event.start"]', `${year}-04-10T18:00`);
  await page.fill('input[name="event.end"]', `${year}-04-10T21:00`);
  await page.locator('#space-warning').waitFor();
  expect(await page.locator('#space-warning-text').innerText()).toBe(
    'Kreuzberg Hall is closed on that date. Open and free then, nearby:',
  );
  const nearest = page.locator('#space-nearest a');
  expect(await nearest.allInnerTexts()).toEqual([
    expect.stringMatching(/^Neukölln Loft, Berlin \(\d+(\.\d)? km\)$/),
  ]);
  expect(await nearest.first().getAttribute('href')).toMatch(/^\/request\?space=/);
  await page.fill('input[name="event.start"]', `${year}-04-11T18:00`);
  await page.fill('input[name="event.end"]', `${year}-04-11T21:00`);
  await page.locator('#space-warning').waitFor({ state: 'hidden' });
  expect(errors).toEqual([]);
});

it.each([
  ['a Hindi browser', 'hi-IN'],
  ['a browser writing Devanagari digits', 'hi-IN-u-nu-deva'],
])('in Hindi, from %s, asks for the moment meant in the space’s zone', async (_who, locale) => {
  // The page in Hindi and the browser's own language Hindi, in India: a date input shows the date as the
  // browser writes it (with Devanagari digits for -u-nu-deva), but its value, which the form sends, is ISO 8601.
  await page.context().close();
  ({ page, errors } = await openWatchedPage(browser, { locale, timezoneId: 'Asia/Kolkata' }));
  const digits = await page.evaluate(() => new Intl.NumberFormat().format(2027));
  expect(digits).toBe(locale.endsWith('deva') ? '२,०२७' : '2,027');
  await page.goto(`${base}/request?space=${hall}&lang=hi`);
  await page.locator('#request').waitFor();
  const title = `Rust night ${locale}`;
  const day = `${year}-08-0${locale.endsWith('deva') ? 4 : 3}`;
  await fillTheRequest(title, day);
  await page.selectOption('select[name="locale"]', 'hi');
  expect(await page.inputValue('input[name="event.start"]')).toBe(`${day}T18:00`);
  await page.click('button[type="submit"]');
  await page.locator('#done').waitFor();
  const [asked] = (await requested()).filter((booking) => booking.event.title === title);
  // 18:00 and 21:30 in Berlin in summer (UTC+2), whatever the browser's language, digits and zone.
  expect(asked.event).toMatchObject({ start: `${day}T16:00:00.000Z`, end: `${day}T19:30:00.000Z` });
  expect(errors).toEqual([]);
});
