// People's data in their own hands, across the four services and through real mail: a host and organizers ask
// for their data on the "my data" page, open the mailed link (which changes nothing), download the copy and
// have their data erased. After an erasure no text or JSON column of any schema holds the person's email; the
// seed's metrics are what they were (an erasure of someone with nothing open); and what was open ends with the
// usual mails: a host's space is retired (its event goes to the fallback protocol), an organizer's open request
// is cancelled (the host asked is told). The pages work in Chromium at 375 px.
import request from 'supertest';
import { DateTime } from 'luxon';
import { Pool } from 'pg';
import type { Browser } from 'playwright-core';
import { launchBrowser, openWatchedPage, seriousAxeFindings, type ReceivedMail } from '@cocomo/testing';
import { approvedSpace, operator } from '../../apps/directory/test/directory-harness';
import {
  deliveryRow,
  sendCommands,
  verifyCommand,
} from '../../apps/notifications/test/notifications-harness';
import { linkIn, openLink, submit } from './link-pages';
import { columnsHolding, eventually } from './personal-data-search';
import { startSystemOverMail, type SystemOverMail } from './system-over-mail';

let system: SystemOverMail;
let pool: Pool;
let browser: Browser;
const ZONE = 'Europe/Berlin';
const ASHA = 'asha.host@example.org';
const BRUNO = 'bruno.host@example.org';
const OLGA = 'olga.organizer@example.org';
const MEI = 'mei.organizer@example.org';
let kiez: string;
let spree: string;

beforeAll(async () => {
  system = await startSystemOverMail({}, { metrics: true });
  pool = new Pool({ connectionString: system.infra.env.DATABASE_URL, max: 2 });
  browser = await launchBrowser();
  const berlin = { city: 'Berlin', country: 'DE', timezone: ZONE, capacity: 60, amenities: ['wifi'] };
  kiez = await approvedSpace(system.directory, {
    ...berlin,
    name: 'Kiez Commons',
    latitude: 52.52,
    longitude: 13.405,
    host: { name: 'Asha', email: ASHA },
  });
  spree = await approvedSpace(system.directory, {
    ...berlin,
    name: 'Spree Loft',
    latitude: 52.51,
    longitude: 13.41,
    host: { name: 'Bruno', email: BRUNO },
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await pool?.end();
  await system?.stop();
});

/** Asks a space for an event in `days` days; the booking's id. */
async function ask(organizer: { name: string; email: string }, spaceId: string, title: string, days: number) {
  const start = DateTime.now().setZone(ZONE).plus({ days }).set({ hour: 18, minute: 0, second: 0 });
  const { body } = await request(system.bookings.url)
    .post('/api/bookings')
    .send({
      organizer: { ...organizer, community: `${organizer.name}'s Rust group` },
      event: { title, start: start.toISO(), end: start.plus({ hours: 3 }).toISO(), expectedAttendees: 30 },
      spaceId,
      near: { latitude: 52.52, longitude: 13.405, radiusKm: 1 },
    })
    .expect(201);
  return body.id as string;
}

const stateOf = async (id: string): Promise<string> =>
  (await request(system.bookings.url).get(`/api/bookings/${id}`).set(operator).expect(200)).body.state;

/** A digest of every row of every table of the services' schemas: equal digests, nothing changed. */
async function everything(): Promise<string> {
  const { rows: tables } = await pool.query<{ table_schema: string; table_name: string }>(
    `select table_schema, table_name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema in ('directory', 'bookings', 'notifications', 'metrics')
      order by 1, 2`,
  );
  const digests: string[] = [];
  for (const { table_schema, table_name } of tables) {
    const { rows } = await pool.query(
      `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as d from "${table_schema}"."${table_name}" t`,
    );
    digests.push(`${table_schema}.${table_name}:${rows[0].d}`);
  }
  return digests.join('\n');
}

/** The seed's metrics over a fixed period (the default one ends now, and so changes by itself). */
const metrics = async () =>
  (
    await request(system.metrics!.url)
      .get('/api/metrics?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z')
      .expect(200)
  ).body;

/** The metrics once two reads a second apart agree: every event in flight has been counted. */
async function settledMetrics(): Promise<unknown> {
  let last = JSON.stringify(await metrics());
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = JSON.stringify(await metrics());
    if (now === last) return JSON.parse(now);
    last = now;
  }
}

/** Asks for the link on the "my data" page, as a person does; the path of the link mailed. */
async function dataLinkOf(email: string): Promise<string> {
  const asked = await request(system.notifications.url).post('/my-data').type('form').send({ email });
  expect(asked.status).toBe(200);
  expect(asked.text).toContain('Look in your mailbox');
  const mail: ReceivedMail = await system.mailTo(email, /^Your data on CoCoMo$/);
  const line = /^See your data:\n(http:\/\/\S+\/my-data\/[\w.-]+)$/m.exec(mail.text ?? '');
  if (!line) throw new Error(`no link in: ${mail.text}`);
  return new URL(line[1]).pathname;
}

async function erase(path: string): Promise<void> {
  const page = await openLink(system.notifications.url, path);
  expect(page.status).toBe(200);
  const refused = await submit(system.notifications.url, page);
  expect(refused.status).toBe(400);
  expect(refused.html).toContain('Tick the box');
  const erased = await submit(system.notifications.url, page, { understood: 'yes' });
  expect(erased.status).toBe(200);
  expect(erased.html).toContain('Your data is being erased');
  // The link erases once.
  expect((await submit(system.notifications.url, page, { understood: 'yes' })).status).toBe(409);
}

let confirmedAtKiez: string;
let olgaAtSpree: string;
let meiAtSpree: string;

it('sets the scene: Olga holds Kiez Commons and waits for Spree Loft; Mei cancelled long ago', async () => {
  confirmedAtKiez = await ask({ name: 'Olga', email: OLGA }, kiez, 'Kiez night', 12);
  const asked = await system.mailTo(ASHA, /^Can Kiez Commons host Kiez night\?$/);
  expect(
    (await submit(system.bookings.url, await openLink(system.bookings.url, linkIn(asked, 'Accept')))).status,
  ).toBe(200);
  await eventually(async () => (await stateOf(confirmedAtKiez)) === 'confirmed', 'Olga confirmed at Kiez');
  olgaAtSpree = await ask({ name: 'Olga', email: OLGA }, spree, 'Spree night', 20);
  meiAtSpree = await ask({ name: 'Mei', email: MEI }, spree, 'Spree evening', 25);
  const cancel = await system.mailTo(MEI, /^We asked Spree Loft to host Spree evening$/);
  expect(
    (
      await submit(
        system.bookings.url,
        await openLink(system.bookings.url, linkIn(cancel, 'Cancel the request')),
      )
    ).status,
  ).toBe(200);
  await eventually(async () => (await stateOf(meiAtSpree)) === 'cancelled', 'Mei cancelled');
}, 90_000);

it('answers the "my data" page the same whether or not CoCoMo knows the email, and mails only the known', async () => {
  const unknown = await request(system.notifications.url)
    .post('/my-data')
    .type('form')
    .send({ email: 'nobody.here@example.org' });
  const known = await request(system.notifications.url).post('/my-data').type('form').send({ email: MEI });
  expect(unknown.status).toBe(200);
  expect(unknown.text.replace('nobody.here@example.org', MEI)).toBe(known.text);
  await system.mailTo(MEI, /^Your data on CoCoMo$/);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(system.smtp.mails.filter((mail) => mail.to.includes('nobody.here@example.org'))).toEqual([]);
  const bad = await request(system.notifications.url)
    .post('/my-data')
    .type('form')
    .send({ email: 'not-an-email' });
  expect(bad.status).toBe(400);
  expect(bad.text).toContain('must be an email address');
});

it('limits the links one email is sent an hour', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) {
    statuses.push(
      (
        await request(system.notifications.url)
          .post('/my-data')
          .type('form')
          .send({ email: 'limit.me@example.org' })
      ).status,
    );
  }
  expect(statuses).toEqual([200, 200, 200, 429]);
});

it('a copy holds what every service keeps of an organizer, and opening the link or the copy changes nothing', async () => {
  const path = await dataLinkOf(OLGA);
  await settledMetrics();
  const before = await everything();
  const page = await request(system.notifications.url).get(path).expect(200);
  expect(page.text).toContain(OLGA);
  const copy = await request(system.notifications.url).get(`${path}/copy.json`).expect(200);
  expect(copy.headers['content-disposition']).toMatch(/attachment/);
  expect(copy.body.email).toBe(OLGA);
  const of = (service: string) =>
    copy.body.services.find((held: { service: string }) => held.service === service);
  expect(
    of('bookings')
      .records.booking.map((booking: { id: string }) => booking.id)
      .sort(),
  ).toEqual([confirmedAtKiez, olgaAtSpree].sort());
  expect(of('notifications').records.delivery.length).toBeGreaterThan(2);
  expect(
    of('notifications').records.delivery.every((mail: { recipient: string }) => mail.recipient === OLGA),
  ).toBe(true);
  expect(JSON.stringify(of('notifications'))).not.toContain('"actions"');
  // No other organizer's data, and no other person's links.
  expect(copy.text).not.toContain(MEI);
  expect(await everything()).toBe(before);
}, 60_000);

it("a host's copy holds their space from the directory, what it was asked from bookings and its registration from the metrics", async () => {
  const path = await dataLinkOf(ASHA);
  const copy = await request(system.notifications.url).get(`${path}/copy.json`).expect(200);
  const of = (service: string) =>
    copy.body.services.find((held: { service: string }) => held.service === service);
  expect(of('directory').records.space.map((space: { id: string }) => space.id)).toEqual([kiez]);
  expect(
    of('bookings').records.booking_asked_of_their_space.map((booking: { id: string }) => booking.id),
  ).toEqual([confirmedAtKiez]);
  expect(of('metrics').records.event_log.map((event: { name: string }) => event.name)).toContain(
    'space.registered',
  );
});

it("erasing someone with nothing open keeps every count: the seed's metrics are equal before and after", async () => {
  expect(await columnsHolding(pool, MEI)).not.toEqual([]);
  const path = await dataLinkOf(MEI);
  const before = await settledMetrics();
  await erase(path);
  await eventually(async () => (await columnsHolding(pool, MEI)).length === 0, 'Mei erased everywhere');
  expect(await columnsHolding(pool, MEI)).toEqual([]);
  expect(await settledMetrics()).toEqual(before);
  // What was kept of her booking is still there, under the placeholder.
  const { body } = await request(system.bookings.url)
    .get(`/api/bookings/${meiAtSpree}`)
    .set(operator)
    .expect(200);
  expect(body.state).toBe('cancelled');
  expect(JSON.stringify(body)).toMatch(/Erased person/);
}, 90_000);

it('erasing a host retires their space as a withdrawal does: the event there goes to the fallback protocol', async () => {
  const path = await dataLinkOf(ASHA);
  await erase(path);
  await eventually(async () => (await stateOf(confirmedAtKiez)) !== 'confirmed', 'the Kiez booking moved on');
  await system.mailTo(OLGA, /^Kiez Commons can no longer host Kiez night$/);
  const space = await request(system.directory.url).get(`/api/spaces/${kiez}`).set(operator).expect(200);
  expect(space.body.status).toBe('retired');
  await eventually(async () => (await columnsHolding(pool, ASHA)).length === 0, 'Asha erased everywhere');
  expect(await columnsHolding(pool, ASHA)).toEqual([]);
}, 90_000);

it('erasing an organizer cancels their open requests as they would, and the host asked is told', async () => {
  const path = await dataLinkOf(OLGA);
  await erase(path);
  await eventually(async () => (await stateOf(olgaAtSpree)) === 'cancelled', 'Spree night cancelled');
  await system.mailTo(BRUNO, /^Cancelled: Spree night at Spree Loft$/);
  await eventually(async () => (await columnsHolding(pool, OLGA)).length === 0, 'Olga erased everywhere');
  expect(await columnsHolding(pool, OLGA)).toEqual([]);
  // A mail to her still on its way from a service that had not heard of the erasure is dropped on arrival.
  const late = verifyCommand({ to: { email: OLGA, name: 'Olga' } });
  const control = verifyCommand({ to: { email: 'zoe.host@example.org', name: 'Zoe' } });
  await sendCommands(system.notifications, late, control);
  await eventually(
    async () => (await deliveryRow(system.notifications, control.notificationId)) !== undefined,
    'a mail to Zoe',
  );
  expect(await deliveryRow(system.notifications, late.notificationId)).toBeUndefined();
  // No mail asked after the erasure reaches her: the page answers as for anyone, and mails nothing.
  const mailsBefore = system.smtp.mails.filter((mail) => mail.to.includes(OLGA)).length;
  await request(system.notifications.url).post('/my-data').type('form').send({ email: OLGA }).expect(200);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(system.smtp.mails.filter((mail) => mail.to.includes(OLGA)).length).toBe(mailsBefore);
}, 90_000);

it('the pages work on a phone (375 px), in Chromium', async () => {
  const path = await dataLinkOf(BRUNO);
  for (const url of [`${system.notifications.url}/my-data`, `${system.notifications.url}${path}`]) {
    const { page, errors } = await openWatchedPage(browser, {
      viewport: { width: 375, height: 740 },
      bypassCSP: true,
    });
    await page.goto(url);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await seriousAxeFindings(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }
  // The form works with the keyboard and a press, as a person uses it.
  const { page } = await openWatchedPage(browser, { viewport: { width: 375, height: 740 } });
  await page.goto(`${system.notifications.url}${path}`);
  await page.getByRole('button', { name: 'Erase my data' }).click();
  await page.waitForLoadState();
  expect(await page.locator('.field-problem').textContent()).toContain('Tick the box');
  await page.getByLabel(/I understand/).check();
  await page.getByRole('button', { name: 'Erase my data' }).click();
  await page.waitForLoadState();
  expect(await page.locator('h1').textContent()).toContain('Your data is being erased');
  await page.context().close();
  await eventually(async () => (await columnsHolding(pool, BRUNO)).length === 0, 'Bruno erased everywhere');
}, 90_000);
