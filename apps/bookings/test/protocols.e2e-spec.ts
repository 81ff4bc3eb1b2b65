// The seed's protocols with short delays: a silent host is reminded then escalated; a late denial near the
// start asks several spaces at once and the first to accept wins; a cancellation reaches everyone and stops
// the timers; operators cancel and assign by hand.
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
const spaces: string[] = [];

beforeAll(async () => {
  infra = await isolatedInfra({
    BOOKING_REMINDER_AFTER: '500ms',
    BOOKING_ESCALATE_AFTER: '1500ms',
    BOOKING_REPORT_AFTER: '300ms',
    BOOKING_RECONFIRM_BEFORE: '1h',
    TIMER_SWEEP_INTERVAL: '1s',
  });
  directory = await startService(directoryApp, infra.env);
  bookings = await startService({ ...bookingsDefinition, module: BookingsModule.forRoot }, infra.env);
  for (let i = 0; i < 5; i++) {
    const body = {
      id: await approvedSpace(directory, {
        name: `Berlin Space ${i}`,
        city: 'Berlin',
        country: 'DE',
        timezone: 'Europe/Berlin',
        latitude: 52.52 + i * 0.01,
        longitude: 13.405,
        capacity: 50,
        host: { name: `Host ${i}`, email: `host${i}@example.org` },
      }),
    };
    spaces.push(body.id);
  }
});
afterAll(async () => {
  await bookings?.close();
  await directory?.close();
  await infra?.cleanup();
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function requestSpace(startInDays: number, community = 'Berlin Rust'): Promise<string> {
  const { body } = await request(bookings.url)
    .post('/api/bookings')
    .send({
      organizer: { name: 'Olga', email: 'olga@example.org', community },
      event: {
        title: 'Meetup',
        start: inDays(startInDays),
        end: inDays(startInDays + 0.1),
        expectedAttendees: 30,
      },
      near: { latitude: 52.52, longitude: 13.405, radiusKm: 20 },
    })
    .expect(201);
  return body.id;
}

async function link(bookingId: string, template: string, to: string, label: string): Promise<string> {
  const mails = (await mailsOf(bookings, bookingId)).filter(
    (mail) => mail.template === template && mail.to.email === to,
  );
  const url = mails[mails.length - 1]?.actions.find((action) => action.label === label)?.url;
  if (!url) throw new Error(`no "${label}" in ${template} to ${to}`);
  return new URL(url).pathname;
}

const press = (path: string) => request(bookings.url).post(path).type('form').send({ choice: 'confirm' });
const booking = async (id: string) =>
  (await request(bookings.url).get(`/api/bookings/${id}`).set(operator)).body;
const hostOf = (spaceId: string) => `host${spaces.indexOf(spaceId)}@example.org`;

async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, withinMs = 8000): Promise<T> {
  const deadline = Date.now() + withinMs;
  let value = await probe();
  while (!ok(value) && Date.now() < deadline) {
    await sleep(100);
    value = await probe();
  }
  return value;
}

it('reminds a silent host, then escalates to the operators and asks the next space', async () => {
  const id = await requestSpace(20, 'Silent Test');
  const first = (await booking(id)).asked[0];
  const templates = async () =>
    (await mailsOf(bookings, id)).map((mail) => `${mail.template} ${mail.to.email}`);
  const reminded = await until(templates, (list) => list.includes(`booking-host-reminder ${hostOf(first)}`));
  expect(reminded).toContain(`booking-host-reminder ${hostOf(first)}`);
  const escalated = await until(booking.bind(null, id), (b) => b.asked[0] && b.asked[0] !== first);
  expect(escalated.state).toBe('pending_host');
  expect(await templates()).toEqual(
    expect.arrayContaining([
      'booking-operators-host-silent operators@cocomo.localhost',
      `booking-host-released ${hostOf(first)}`,
      `booking-host-request ${hostOf(escalated.asked[0])}`,
    ]),
  );
  // The operators' mail is for the dispatchers of the space's country (OPERATOR_EMAIL when there is none).
  const silent = (await mailsOf(bookings, id)).find(
    (mail) => mail.template === 'booking-operators-host-silent',
  );
  expect(silent).toMatchObject({
    operators: { role: 'dispatcher', country: expect.stringMatching(/^[A-Z]{2}$/) },
  });
  // The reminder link of the silent host no longer acts.
  expect((await press(await link(id, 'booking-host-request', hostOf(first), 'Accept'))).status).toBe(409);
});

it('rescues a late denial near the start by asking three spaces at once; the first to accept wins', async () => {
  const id = await requestSpace(1, 'Urgent Test');
  const first = (await booking(id)).asked[0];
  await press(await link(id, 'booking-host-request', hostOf(first), 'Accept')).expect(200);
  expect((await booking(id)).state).toBe('confirmed');

  await press(await link(id, 'booking-host-confirmed', hostOf(first), 'Withdraw')).expect(200);
  const seeking = await booking(id);
  expect(seeking.state).toBe('seeking_fallback');
  expect(seeking.asked).toHaveLength(3);
  // The host who withdrew gets the event out of their calendar: a CANCEL of the invitation they had.
  const mails = await mailsOf(bookings, id);
  const invited = mails.find((mail) => mail.template === 'booking-host-confirmed')!.calendar!;
  const withdrawn = mails.find((mail) => mail.template === 'booking-host-withdrawn');
  expect(withdrawn?.to.email).toBe(hostOf(first));
  expect(withdrawn?.calendar).toMatchObject({
    method: 'CANCEL',
    uid: invited.uid,
    attendees: [{ email: hostOf(first) }],
  });
  expect(withdrawn!.calendar!.sequence).toBeGreaterThan(invited.sequence);
  const [b, c] = seeking.asked;
  const [pressB, pressC] = await Promise.all([
    press(await link(id, 'booking-host-request', hostOf(b), 'Accept')),
    press(await link(id, 'booking-host-request', hostOf(c), 'Accept')),
  ]);
  expect([pressB.status, pressC.status].sort()).toEqual([200, 409]);
  const rescued = await booking(id);
  expect(rescued.state).toBe('confirmed');
  const winner = pressB.status === 200 ? b : c;
  expect(rescued.spaceId).toBe(winner);
  const templates = (await mailsOf(bookings, id)).map((mail) => `${mail.template} ${mail.to.email}`);
  expect(templates).toEqual(
    expect.arrayContaining([
      'booking-organizer-late-denial olga@example.org',
      'booking-operators-late-denial operators@cocomo.localhost',
      'booking-organizer-fallback-asked olga@example.org',
      `booking-host-released ${hostOf(winner === b ? c : b)}`,
      `booking-host-released ${hostOf(seeking.asked[2])}`,
    ]),
  );
});

it('an organizer who cancels reaches the host, and every timer of the booking stops', async () => {
  const id = await requestSpace(20, 'Cancel Test');
  const first = (await booking(id)).asked[0];
  await press(await link(id, 'booking-host-request', hostOf(first), 'Accept')).expect(200);
  await press(await link(id, 'booking-organizer-confirmed', 'olga@example.org', 'Cancel the request')).expect(
    200,
  );
  expect((await booking(id)).state).toBe('cancelled');
  expect((await mailsOf(bookings, id)).map((mail) => `${mail.template} ${mail.to.email}`)).toContain(
    `booking-host-cancelled ${hostOf(first)}`,
  );
  const [{ pending }] = await bookings.app
    .get(EntityManager)
    .fork()
    .execute(
      `select count(*)::int as "pending" from "bookings"."timer"
       where "subject" = ? and "fired_at" is null and "stopped_at" is null`,
      [id],
    );
  expect(pending).toBe(0);
});

it('lets operators cancel an open request and assign a space to an unplaced one', async () => {
  await request(bookings.url).post(`/api/bookings/${spaces[0]}/cancel`).send({ reason: 'x' }).expect(401);
  const open = await requestSpace(30, 'Operator Test');
  const cancelled = await request(bookings.url)
    .post(`/api/bookings/${open}/cancel`)
    .set(operator)
    .send({ reason: 'Duplicate request' })
    .expect(200);
  expect(cancelled.body.state).toBe('cancelled');
  await request(bookings.url)
    .post(`/api/bookings/${open}/cancel`)
    .set(operator)
    .send({ reason: 'again' })
    .expect(409);

  const lonely = await request(bookings.url)
    .post('/api/bookings')
    .send({
      organizer: { name: 'Olga', email: 'olga@example.org', community: 'Assign Test' },
      event: { title: 'Meetup', start: inDays(40), end: inDays(40.1), expectedAttendees: 30 },
      spaceId: spaces[4],
    })
    .expect(201);
  await press(await link(lonely.body.id, 'booking-host-request', hostOf(spaces[4]), 'Decline')).expect(200);
  expect((await booking(lonely.body.id)).state).toBe('unplaced');
  const assigned = await request(bookings.url)
    .post(`/api/bookings/${lonely.body.id}/assign`)
    .set(operator)
    .send({ spaceId: spaces[3] })
    .expect(200);
  expect(assigned.body).toMatchObject({ state: 'confirmed', spaceId: spaces[3] });
});

it('after the event asks the organizer for a report, refuses a bad one, and records the event as held', async () => {
  const start = new Date(Date.now() + 2500);
  const created = await request(bookings.url)
    .post('/api/bookings')
    .send({
      organizer: { name: 'Olga', email: 'olga@example.org', community: 'Report Test' },
      event: {
        title: 'Short sprint',
        start: start.toISOString(),
        end: new Date(start.getTime() + 1000).toISOString(),
        expectedAttendees: 30,
      },
      near: { latitude: 52.52, longitude: 13.405, radiusKm: 20 },
    })
    .expect(201);
  const id: string = created.body.id;
  const host = hostOf((await booking(id)).asked[0]);
  await press(await link(id, 'booking-host-request', host, 'Accept')).expect(200);

  const waiting = await until(
    () => mailsOf(bookings, id),
    (mails) => mails.some((mail) => mail.template === 'booking-organizer-report-request'),
  );
  expect(waiting.map((mail) => mail.template)).toContain('booking-organizer-report-request');
  expect((await booking(id)).state).toBe('awaiting_report');
  const form = await link(id, 'booking-organizer-report-request', 'olga@example.org', 'Report on the event');
  const page = await request(bookings.url).get(form).expect(200);
  expect(page.text).toContain('name="attendance"');
  expect(page.text).toContain("If it was, the space's public page will list the event's title");

  const bad = await request(bookings.url)
    .post(form)
    .type('form')
    .send({ held: 'yes', attendance: '5', newcomers: '9' });
  expect(bad.status).toBe(400);
  expect(bad.text).toContain('<li>Newcomers cannot be more than the people who came</li>');
  expect(bad.text).toMatch(/name="newcomers"[^>]*value="9" aria-invalid="true"/);
  // In the reader's language, each beside its field: the held question was left out, the amount is negative.
  const badInGerman = await request(bookings.url)
    .post(form)
    .set('Cookie', 'cocomo_lang=de')
    .type('form')
    .send({ attendance: '5', amountPaid: '-2' });
  expect(badInGerman.status).toBe(400);
  expect(badInGerman.text).toContain('<li>Sagen Sie, ob die Veranstaltung stattgefunden hat</li>');
  expect(badInGerman.text).toContain(
    '<span class="field-problem">Geben Sie den bezahlten Betrag als Zahl an, 0 oder mehr</span>',
  );
  expect(badInGerman.text).toMatch(/name="amountPaid"[^>]*value="-2" aria-invalid="true"/);
  expect((await booking(id)).state).toBe('awaiting_report');

  await request(bookings.url)
    .post(form)
    .type('form')
    .send({ held: 'yes', attendance: '28', newcomers: '6', amountPaid: '0', age_25to34: '20' })
    .expect(200);
  expect((await booking(id)).state).toBe('held');
  const [held] = await bookings.app
    .get(EntityManager)
    .fork()
    .execute(
      `select "payload" from "bookings"."outbox_message" where "name" = 'booking.held' and "payload"->>'bookingId' = ?`,
      [id],
    );
  expect(held.payload).toMatchObject({
    eventTitle: 'Short sprint',
    attendance: 28,
    newcomers: 6,
    amountPaid: 0,
    marketCost: 8000,
    currency: 'INR',
    ageGroups: { '25to34': 20 },
  });
  await request(bookings.url).post(form).type('form').send({ held: 'no' }).expect(409);
});

it('asks the host "still on?" before the start: yes keeps it, "can\'t host" is a late denial', async () => {
  const soon = async (community: string) => {
    const start = new Date(Date.now() + 3_600_000 + 2000);
    const { body } = await request(bookings.url)
      .post('/api/bookings')
      .send({
        organizer: { name: 'Olga', email: 'olga@example.org', community },
        event: {
          title: 'Soon',
          start: start.toISOString(),
          end: new Date(start.getTime() + 3_600_000).toISOString(),
          expectedAttendees: 30,
        },
        near: { latitude: 52.52, longitude: 13.405, radiusKm: 20 },
      })
      .expect(201);
    const host = hostOf((await booking(body.id)).asked[0]);
    await press(await link(body.id, 'booking-host-request', host, 'Accept')).expect(200);
    return { id: body.id as string, host };
  };
  const kept = await soon('Reconfirm Yes');
  const denied = await soon('Reconfirm No');
  // The space confirmed for the first is busy at that time, so the second was offered another.
  expect(denied.host).not.toBe(kept.host);
  for (const { id } of [kept, denied]) {
    expect(
      (
        await until(
          () => booking(id),
          (b) => b.state === 'reconfirming',
        )
      ).state,
    ).toBe('reconfirming');
  }
  await press(await link(kept.id, 'booking-host-reconfirm', kept.host, 'Still on')).expect(200);
  expect((await booking(kept.id)).state).toBe('confirmed');
  await press(await link(denied.id, 'booking-host-reconfirm', denied.host, "Can't host")).expect(200);
  const fallback = await booking(denied.id);
  expect(fallback.state).toBe('seeking_fallback');
  expect(fallback.asked.length).toBeGreaterThan(1);
});
