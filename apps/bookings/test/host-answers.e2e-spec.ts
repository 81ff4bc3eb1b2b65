// An organizer's request runs through the directory's ranking and the hosts' links: a host who declines
// sends the request to the next space; a host who accepts confirms it; with nobody left it is unplaced.
import request from 'supertest';
import { EntityManager } from '@mikro-orm/postgresql';
import { isolatedInfra, startService, type IsolatedInfra, type ServiceUnderTest } from '@cocomo/testing';
import { directoryApp } from '../../directory/src/directory.module';
import { approvedSpace, operator } from '../../directory/test/directory-harness';
import { bookingsDefinition, BookingsModule } from '../src/bookings.module';
import { mailsOf } from './bookings-harness';

let infra: IsolatedInfra;
let directory: ServiceUnderTest;
let bookings: ServiceUnderTest;
let freeSpace: string;
let paidSpace: string;

beforeAll(async () => {
  infra = await isolatedInfra();
  directory = await startService(directoryApp, infra.env);
  bookings = await startService({ ...bookingsDefinition, module: BookingsModule.forRoot }, infra.env);
  const berlin = { city: 'Berlin', country: 'DE', timezone: 'Europe/Berlin', capacity: 60 };
  freeSpace = await approvedSpace(directory, {
    ...berlin,
    name: 'Free Commons',
    latitude: 52.52,
    longitude: 13.405,
    host: { name: 'Fritz', email: 'fritz@example.org' },
  });
  paidSpace = await approvedSpace(directory, {
    ...berlin,
    name: 'Paid Loft',
    latitude: 52.5,
    longitude: 13.4,
    pricing: { model: 'paid', amount: 200, currency: 'EUR', per: 'day' },
    marketRate: { amount: 500, currency: 'EUR', per: 'day' },
    host: { name: 'Petra', email: 'petra@example.org' },
  });
});
afterAll(async () => {
  await bookings?.close();
  await directory?.close();
  await infra?.cleanup();
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

function aRequest(change: Record<string, unknown> = {}) {
  return {
    organizer: { name: 'Olga', email: 'olga@example.org', community: 'Berlin Rust' },
    event: {
      title: 'Rust meetup <3',
      start: inDays(10),
      end: inDays(10.1),
      expectedAttendees: 40,
      needs: ['projector'],
    },
    near: { latitude: 52.52, longitude: 13.405, radiusKm: 20 },
    ...change,
  };
}

async function linkPath(bookingId: string, hostEmail: string, label: 'Accept' | 'Decline'): Promise<string> {
  const asked = (await mailsOf(bookings, bookingId)).filter(
    (mail) => mail.template === 'booking-host-request' && mail.to.email === hostEmail,
  );
  const url = asked[asked.length - 1]?.actions.find((action) => action.label === label)?.url;
  if (!url) throw new Error(`no ${label} link for ${hostEmail}`);
  return new URL(url).pathname;
}

const booking = async (id: string) =>
  (await request(bookings.url).get(`/api/bookings/${id}`).set(operator).expect(200)).body;

it('asks the free space first and tells the organizer; a decline moves on; an accept confirms', async () => {
  const created = await request(bookings.url).post('/api/bookings').send(aRequest()).expect(201);
  expect(created.body).toMatchObject({ state: 'pending_host', spaceId: freeSpace });
  const id: string = created.body.id;
  expect((await mailsOf(bookings, id)).map((mail) => [mail.template, mail.to.email])).toEqual([
    ['booking-host-request', 'fritz@example.org'],
    ['booking-organizer-host-asked', 'olga@example.org'],
  ]);

  // Opening the link shows the request and changes nothing.
  const decline = await linkPath(id, 'fritz@example.org', 'Decline');
  const page = await request(bookings.url).get(decline).expect(200);
  expect(page.text).toContain('Rust meetup &lt;3');
  expect((await booking(id)).asked).toEqual([freeSpace]);

  await request(bookings.url).post(decline).type('form').send({ choice: 'decline' }).expect(200);
  expect(await booking(id)).toMatchObject({ state: 'pending_host', asked: [paidSpace] });
  await request(bookings.url).post(decline).type('form').send({ choice: 'decline' }).expect(409);

  const accept = await linkPath(id, 'petra@example.org', 'Accept');
  const done = await request(bookings.url).post(accept).type('form').send({ choice: 'accept' }).expect(200);
  expect(done.text).toContain('the event is yours');
  const confirmed = await booking(id);
  expect(confirmed).toMatchObject({ state: 'confirmed', spaceId: paidSpace, asked: [] });
  expect(confirmed.history.map((step: { from: string; to: string }) => `${step.from}→${step.to}`)).toEqual([
    'null→requested',
    'requested→pending_host',
    'pending_host→pending_host',
    'pending_host→confirmed',
  ]);
  expect((await mailsOf(bookings, id)).map((mail) => mail.template)).toEqual(
    expect.arrayContaining([
      'booking-organizer-host-declined',
      'booking-organizer-confirmed',
      'booking-host-confirmed',
    ]),
  );

  const confirmation = (await mailsOf(bookings, id)).find(
    (mail) => mail.template === 'booking-organizer-confirmed',
  );
  expect(confirmation?.calendar).toMatchObject({
    uid: `${id}@cocomo`,
    method: 'REQUEST',
    summary: 'Rust meetup <3',
    location: expect.stringContaining('Paid Loft'),
    organizer: { email: expect.stringContaining('@') as string, name: expect.any(String) as string },
    attendees: [{ email: expect.stringContaining('@') as string, name: expect.any(String) as string }],
    timeZone: expect.stringMatching(/^[A-Z][a-z]+\//) as string,
  });
  expect(confirmation?.actions.map((action) => action.label)).toEqual([
    'Cancel the request',
    'Follow your request',
    'Your calendar (subscribe)',
  ]);

  // The organizer follows the request through their own link; it shows this booking only, and acts on nothing.
  const follow = new URL(confirmation!.actions[1].url);
  const own = await request(bookings.url).get(`${follow.pathname}${follow.search}`).expect(200);
  expect(own.body).toMatchObject({ id, state: 'confirmed', spaceId: paidSpace });
  // A browser asking for HTML gets the same facts as a page, the organizer's own text escaped.
  const html = await request(bookings.url)
    .get(`${follow.pathname}${follow.search}`)
    .set('accept', 'text/html,application/xhtml+xml')
    .expect(200);
  expect(html.type).toBe('text/html');
  expect(html.headers['cache-control']).toBe('no-store');
  expect(html.text).toContain('<h1>Rust meetup &lt;3</h1>');
  expect(html.text).toContain('Confirmed: the space expects you.');
  expect(html.text).toMatch(/<dt>Space<\/dt><dd>Paid Loft, /);
  await request(bookings.url).get(`${follow.pathname}${follow.search}`).expect(200);
  await request(bookings.url).get(`/api/bookings/${id}`).expect(401);
  await request(bookings.url).get(`/api/bookings/${id}?token=forged`).expect(401);

  // Every step is published for the metrics, with the host's time to answer.
  const events: {
    name: string;
    payload: { accepted?: boolean; hoursToAnswer?: number; spaceId?: string };
  }[] = await bookings.app
    .get(EntityManager)
    .fork()
    .execute(
      `select "name", "payload" from "bookings"."outbox_message"
         where "name" like 'booking.%' and "payload"->>'bookingId' = ? order by "occurred_at"`,
      [id],
    );
  // Events of one transaction may share a timestamp, so their order within it is not asserted.
  expect(events.map((event) => event.name).sort()).toEqual(
    [
      'booking.requested',
      'booking.host-asked',
      'booking.host-answered',
      'booking.host-asked',
      'booking.host-answered',
      'booking.confirmed',
    ].sort(),
  );
  const answers = events
    .filter((event) => event.name === 'booking.host-answered')
    .map((event) => event.payload);
  expect(answers.map((answer) => [answer.spaceId, answer.accepted])).toEqual([
    [freeSpace, false],
    [paidSpace, true],
  ]);
  expect(answers.every((answer) => answer.hoursToAnswer! >= 0 && answer.hoursToAnswer! < 1)).toBe(true);

  // The host timers stopped; reconfirmation and the end of the event wait.
  const timers: { id: string; stopped: boolean; fired: boolean }[] = await bookings.app
    .get(EntityManager)
    .fork()
    .execute(
      `select "id", "stopped_at" is not null as "stopped", "fired_at" is not null as "fired"
       from "bookings"."timer" where "subject" = ? order by "id"`,
      [id],
    );
  const pending = timers
    .filter((timer) => !timer.stopped && !timer.fired)
    .map((timer) => timer.id.replace(`${id}-`, ''));
  expect(pending.sort()).toEqual(['eventEnd-booking-v4', 'reconfirmation-booking-v4']);
});

it('is unplaced when the last space declines', async () => {
  const created = await request(bookings.url)
    .post('/api/bookings')
    .send(
      aRequest({
        near: undefined,
        spaceId: paidSpace,
        event: { ...aRequest().event, start: inDays(12), end: inDays(12.1) },
      }),
    )
    .expect(201);
  const id: string = created.body.id;
  expect(created.body.spaceId).toBe(paidSpace);
  await request(bookings.url)
    .post(await linkPath(id, 'petra@example.org', 'Decline'))
    .type('form')
    .send({ choice: 'decline' })
    .expect(200);
  expect((await booking(id)).state).toBe('unplaced');
  const templates = (await mailsOf(bookings, id)).map((mail) => mail.template);
  expect(templates).toEqual(
    expect.arrayContaining(['booking-organizer-unplaced', 'booking-operators-unplaced']),
  );
});

it('refuses a request for a space that is unknown or too small, storing nothing', async () => {
  const before = (await request(bookings.url).get('/api/bookings').set(operator).expect(200)).body.items
    .length;
  const unknown = await request(bookings.url)
    .post('/api/bookings')
    .send(aRequest({ near: undefined, spaceId: '6f1c1f2e-8a0b-4c1d-9e2f-3a4b5c6d7e8f' }));
  expect(unknown.status).toBe(400);
  expect(unknown.body.problems[0].field).toBe('spaceId');
  const tooSmall = await request(bookings.url)
    .post('/api/bookings')
    .send(aRequest({ spaceId: freeSpace, event: { ...aRequest().event, expectedAttendees: 500 } }));
  expect(tooSmall.status).toBe(400);
  const past = await request(bookings.url)
    .post('/api/bookings')
    .send(aRequest({ event: { ...aRequest().event, start: inDays(-1) } }));
  expect(past.status).toBe(400);
  expect(past.body.problems.map((p: { field: string }) => p.field)).toContain('event.start');
  expect(
    (await request(bookings.url).get('/api/bookings').set(operator).expect(200)).body.items,
  ).toHaveLength(before);
});

it('a host asked for two events at the same time can accept only one, even pressing both at once', async () => {
  const sameTime = { start: inDays(40), end: inDays(40.1) };
  const ids: string[] = [];
  for (const title of ['First at the loft', 'Second at the loft']) {
    const asked = aRequest({ spaceId: paidSpace });
    Object.assign(asked.event, sameTime, { title });
    const created = await request(bookings.url).post('/api/bookings').send(asked).expect(201);
    expect(created.body.spaceId).toBe(paidSpace);
    ids.push(created.body.id);
  }
  const accepts = await Promise.all(ids.map((id) => linkPath(id, 'petra@example.org', 'Accept')));
  const presses = await Promise.all(
    accepts.map((path) => request(bookings.url).post(path).type('form').send({ choice: 'confirm' })),
  );
  expect(presses.map((press) => press.status).sort()).toEqual([200, 409]);
  const refused = presses.find((press) => press.status === 409)!;
  expect(refused.text).toMatch(/already booked/i);
  const states = await Promise.all(ids.map(async (id) => (await booking(id)).state));
  expect(states.sort()).toEqual(['confirmed', 'pending_host']);
});
