// A space's public profile: the events it hosted reach the directory as booking.held, once however often the
// message comes, and show on /map/spaces/:id (reached from the map's popup) and /api/spaces/:id/hosted-events.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Browser } from 'playwright-core';
import { bookingHeld, type BookingHeld, type Envelope } from '@cocomo/contracts';
import { BullMqClient } from '@cocomo/messaging';
import { launchBrowser, openWatchedPage } from '@cocomo/testing';
import {
  aSpace,
  approvedSpace,
  operator,
  startDirectory,
  type DirectoryUnderTest,
} from './directory-harness';

const SCRIPT_COMMUNITY = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">';
const SCRIPT_TITLE = '<img src=x onerror="window.__pwned=3"> & <b>bold</b>';

let directory: DirectoryUnderTest;
let browser: Browser;
let hall: string;

beforeAll(async () => {
  directory = await startDirectory({ MAP_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png' });
  hall = await approvedSpace(directory, {
    name: 'Kreuzberg Hall',
    city: 'Berlin',
    country: 'DE',
    timezone: 'Europe/Berlin',
    latitude: 52.4986,
    longitude: 13.4033,
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await directory?.stop();
});

function held(spaceId: string, change: Partial<BookingHeld> = {}): Envelope<BookingHeld> {
  return {
    id: randomUUID(),
    name: bookingHeld.name,
    version: bookingHeld.version,
    occurredAt: new Date().toISOString(),
    payload: {
      bookingId: randomUUID(),
      community: 'Berlin Rust',
      eventTitle: 'Rust night',
      at: new Date().toISOString(),
      // 23:30 UTC is already the next day in Berlin: the page shows the space's own date.
      eventStart: '2026-10-14T23:30:00.000Z',
      eventEnd: '2026-10-15T02:00:00.000Z',
      spaceId,
      country: 'DE',
      pricingModel: 'free',
      attendance: 42,
      newcomers: 7,
      ageGroups: { '25to34': 42 },
      amountPaid: 0,
      marketCost: 300,
      currency: 'EUR',
      ...change,
    },
  };
}

async function hostedEvents(spaceId: string, count: number) {
  for (let attempt = 0; ; attempt++) {
    const { body } = await request(directory.url).get(`/api/spaces/${spaceId}/hosted-events`).expect(200);
    if (body.events >= count || attempt === 100) return body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it('keeps each hosted event once, however often booking.held arrives, and tells its totals', async () => {
  const client = directory.app.get(BullMqClient);
  const first = held(hall);
  const second = held(hall, {
    community: 'Go Berlin',
    eventTitle: 'Go & pizza',
    eventStart: '2026-11-02T17:00:00.000Z',
    eventEnd: '2026-11-02T20:00:00.000Z',
    attendance: 18,
    newcomers: 9,
  });
  await client.deliver([first, second]);
  await client.deliver([first]);
  // The same booking told again under another message id: still one event.
  await client.deliver([{ ...first, id: randomUUID() }]);
  const body = await hostedEvents(hall, 2);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(await hostedEvents(hall, 2)).toEqual(body);
  expect(body).toEqual({
    events: 2,
    attendance: 60,
    newcomers: 16,
    items: [
      {
        title: 'Go & pizza',
        community: 'Go Berlin',
        eventStart: '2026-11-02T17:00:00.000Z',
        eventEnd: '2026-11-02T20:00:00.000Z',
        attendance: 18,
        newcomers: 9,
      },
      {
        title: 'Rust night',
        community: 'Berlin Rust',
        eventStart: '2026-10-14T23:30:00.000Z',
        eventEnd: '2026-10-15T02:00:00.000Z',
        attendance: 42,
        newcomers: 7,
      },
    ],
  });
});

it('records an event told without its title, as messages sent before the title was added are', async () => {
  const client = directory.app.get(BullMqClient);
  const older = await approvedSpace(directory, { name: 'Older Room' });
  await client.deliver([held(older, { eventTitle: undefined })]);
  const body = await hostedEvents(older, 1);
  expect(body.items).toEqual([expect.objectContaining({ title: null, community: 'Berlin Rust' })]);
  const { text } = await request(directory.url).get(`/map/spaces/${older}`).expect(200);
  expect(text).toContain('<span class="untitled">untitled</span>');
});

it('leaves a booking.held without a space aside, and records the next one', async () => {
  const client = directory.app.get(BullMqClient);
  const other = await approvedSpace(directory, { name: 'Aside Room' });
  await client.deliver([held(other, { spaceId: undefined }), held(other, { attendance: 5, newcomers: 1 })]);
  const body = await hostedEvents(other, 1);
  expect(body).toMatchObject({ events: 1, attendance: 5, newcomers: 1 });
});

it('is public for listed spaces only; operators may see any space, and a bad id is named', async () => {
  const { body } = await request(directory.url)
    .post('/api/spaces')
    .send(aSpace({ name: 'Unlisted' }))
    .expect(201);
  await request(directory.url).get(`/map/spaces/${body.id}`).expect(404);
  await request(directory.url).get(`/api/spaces/${body.id}/hosted-events`).expect(404);
  await request(directory.url).get(`/api/spaces/${body.id}/hosted-events`).set(operator).expect(200);
  await request(directory.url).get(`/map/spaces/${randomUUID()}`).expect(404);
  const bad = await request(directory.url).get('/map/spaces/not-a-space').expect(400);
  expect(bad.headers['content-type']).toMatch(/json/);
});

it('shows the profile in Chromium, from the map popup, with the dates in the space zone and text kept as text', async () => {
  const scripted = await approvedSpace(directory, {
    name: 'Script Hall',
    city: 'Munich',
    country: 'DE',
    timezone: 'Europe/Berlin',
    latitude: 48.1351,
    longitude: 11.582,
  });
  await directory.app
    .get(BullMqClient)
    .deliver([held(scripted, { community: SCRIPT_COMMUNITY, eventTitle: SCRIPT_TITLE })]);
  await hostedEvents(scripted, 1);
  await hostedEvents(hall, 2);

  const { page, errors } = await openWatchedPage(browser, { locale: 'en-US' });
  try {
    await page.goto(`${directory.url}/map#space=${hall}`);
    await page.locator('.leaflet-popup-content', { hasText: 'Kreuzberg Hall' }).waitFor();
    await page.locator('.leaflet-popup-content a', { hasText: 'Events hosted here' }).click();
    await page.waitForURL(`**/map/spaces/${hall}`);
    expect(await page.locator('h1').innerText()).toBe('Kreuzberg Hall');
    expect((await page.locator('.profile-summary').innerText()).replace(/\s+/g, ' ')).toBe(
      '2 events for 60 people, 16 newcomers among them.',
    );
    const rows = await page.locator('.hosted-events tbody tr').allInnerTexts();
    expect(rows.map((row) => row.replace(/\s+/g, ' ').trim())).toEqual([
      '2 November 2026 Go & pizza Go Berlin 18 9',
      '15 October 2026 Rust night Berlin Rust 42 7',
    ]);

    await page.goto(`${directory.url}/map/spaces/${scripted}`);
    const cells = page.locator('.hosted-events tbody td');
    expect(await cells.nth(1).innerText()).toBe(SCRIPT_TITLE);
    expect(await cells.nth(2).innerText()).toBe(SCRIPT_COMMUNITY);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
  } finally {
    await page.context().close();
  }
});

it('says so when a space has no reported events yet', async () => {
  const quiet = await approvedSpace(directory, { name: 'Quiet Room' });
  const { text } = await request(directory.url).get(`/map/spaces/${quiet}`).expect(200);
  expect(text).toContain('No events reported here yet.');
});
