// The private calendars: the confirmations give the organizer and the host a signed link to a calendar of their
// events with the details the mails carry; GET changes nothing and answers 304 while unchanged; renewing a link
// mails the new one to its owner and makes every earlier link answer 410.
import request from 'supertest';
import { EntityManager } from '@mikro-orm/postgresql';
import type { NotifyEmail } from '@cocomo/contracts';
import {
  isolatedInfra,
  readCalendar,
  startService,
  type IsolatedInfra,
  type ServiceUnderTest,
} from '@cocomo/testing';
import { directoryApp } from '../../directory/src/directory.module';
import { approvedSpace, operator } from '../../directory/test/directory-harness';
import { bookingsDefinition, BookingsModule } from '../src/bookings.module';
import { translate } from '@cocomo/i18n';
import { mailsOf } from './bookings-harness';

let infra: IsolatedInfra;
let directory: ServiceUnderTest;
let bookings: ServiceUnderTest;
let hall: string;

beforeAll(async () => {
  infra = await isolatedInfra();
  directory = await startService(directoryApp, infra.env);
  bookings = await startService({ ...bookingsDefinition, module: BookingsModule.forRoot }, infra.env);
  hall = await approvedSpace(directory, {
    name: 'Feed Hall',
    city: 'Berlin',
    country: 'DE',
    timezone: 'Europe/Berlin',
    capacity: 80,
    latitude: 52.52,
    longitude: 13.405,
    host: { name: 'Hanna', email: 'hanna@example.org' },
  });
});
afterAll(async () => {
  await bookings?.close();
  await directory?.close();
  await infra?.cleanup();
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function confirmedBooking(organizer: { name: string; email: string }, title: string, day: number) {
  const created = await request(bookings.url)
    .post('/api/bookings')
    .send({
      organizer: { ...organizer, community: 'Berlin Rust' },
      event: { title, start: inDays(day), end: inDays(day + 0.1), expectedAttendees: 40, needs: [] },
      spaceId: hall,
    })
    .expect(201);
  const id: string = created.body.id;
  const asked = (await mailsOf(bookings, id)).find((mail) => mail.template === 'booking-host-request')!;
  const accept = new URL(asked.actions.find((action) => action.label === 'Accept')!.url).pathname;
  await request(bookings.url).post(accept).type('form').send({ choice: 'accept' }).expect(200);
  return id;
}

const linkIn = (mail: NotifyEmail | undefined, label: string) => {
  const url = mail?.actions.find((action) => action.label === label)?.url;
  if (!url) throw new Error(`no "${label}" in ${mail?.template}`);
  return new URL(url).pathname;
};

async function renewalMails(): Promise<NotifyEmail[]> {
  const rows: { payload: NotifyEmail }[] = await bookings.app
    .get(EntityManager)
    .fork()
    .execute(
      `select "payload" from "bookings"."outbox_message"
       where "name" = 'notify.email' and "payload"->>'template' = 'calendar-renewed' order by "occurred_at"`,
    );
  return rows.map((row) => row.payload);
}

it('gives the organizer and the host a calendar of their events, with the details their mails carry', async () => {
  const olga = { name: 'Olga', email: 'olga@example.org' };
  const first = await confirmedBooking(olga, 'Rust night', 10);
  const other = await confirmedBooking({ name: 'Ole', email: 'ole@example.org' }, 'Go night', 12);
  const mails = await mailsOf(bookings, first);
  const organizerPage = linkIn(
    mails.find((mail) => mail.template === 'booking-organizer-confirmed'),
    translate('en', 'mails:actions.calendar-organizer'),
  );
  const hostPage = linkIn(
    mails.find((mail) => mail.template === 'booking-host-confirmed'),
    translate('en', 'mails:actions.calendar-host'),
  );
  // The mails link to a page that gives the address to subscribe to, and changes nothing.
  const page = await request(bookings.url).get(organizerPage).set('Accept', 'text/html').expect(200);
  expect(page.headers['content-type']).toMatch(/^text\/html/);
  const organizerLink = `${organizerPage}.ics`;
  const hostLink = `${hostPage}.ics`;
  expect(page.text).toContain(`${organizerLink}</code>`);
  expect(page.text).toContain(`action="${organizerPage.split('/').pop()}/renew"`);

  const own = await request(bookings.url).get(organizerLink).expect(200);
  expect(own.headers['content-type']).toMatch(/^text\/calendar/);
  expect(own.headers['cache-control']).toBe('private, no-cache');
  const organizerCalendar = readCalendar(own.text);
  // Only Olga's event, as her invitation has it: same uid and sequence, organizer and host, the space's zone.
  expect(organizerCalendar.events).toEqual([
    expect.objectContaining({
      uid: `${first}@cocomo`,
      summary: 'Rust night',
      organizer: { email: 'olga@example.org', name: 'Olga' },
      attendees: [{ email: 'hanna@example.org', name: 'Hanna' }],
      zone: 'Europe/Berlin',
      location: expect.stringContaining('Feed Hall') as string,
    }),
  ]);
  const invitation = mails.find((mail) => mail.template === 'booking-organizer-confirmed')!.calendar!;
  expect(organizerCalendar.events[0].sequence).toBe(invitation.sequence);

  const hosted = readCalendar((await request(bookings.url).get(hostLink).expect(200)).text);
  expect(hosted.events.map((event) => event.uid).sort()).toEqual(
    [`${first}@cocomo`, `${other}@cocomo`].sort(),
  );

  // Unchanged: 304 for the ETag; GET changed nothing, so the same text again.
  const again = await request(bookings.url)
    .get(organizerLink)
    .set('If-None-Match', own.headers.etag)
    .expect(304);
  expect(again.text ?? '').toBe('');
  expect((await request(bookings.url).get(organizerLink).expect(200)).text).toBe(own.text);

  // Cancelled: the event leaves the organizer's calendar and the host's.
  await request(bookings.url)
    .post(`/api/bookings/${first}/cancel`)
    .set(operator)
    .send({ reason: 'The speaker fell ill' })
    .expect(200);
  expect(readCalendar((await request(bookings.url).get(organizerLink).expect(200)).text).events).toEqual([]);
  expect(readCalendar((await request(bookings.url).get(hostLink).expect(200)).text).events).toHaveLength(1);
});

it('renews a link by mail to its owner; every earlier link then answers 410, a forged one 404', async () => {
  const id = await confirmedBooking({ name: 'Rita', email: 'rita@example.org' }, 'Renewal night', 14);
  const mails = await mailsOf(bookings, id);
  const hostPage = linkIn(
    mails.find((mail) => mail.template === 'booking-host-confirmed'),
    translate('en', 'mails:actions.calendar-host'),
  );
  const hostLink = `${hostPage}.ics`;
  await request(bookings.url).get(hostLink).expect(200);
  // Links made a second apart, so that the renewal (whole seconds) tells them apart.
  await new Promise((resolve) => setTimeout(resolve, 1100));

  const renewed = await request(bookings.url).post(`${hostPage}/renew`).expect(202);
  // The new link goes to the host's address, never into the answer to whoever pressed.
  expect(JSON.stringify(renewed.body)).not.toContain('/api/bookings/calendars/');
  const [mail] = (await renewalMails()).filter((sent) => sent.to.email === 'hanna@example.org');
  expect(mail).toMatchObject({ template: 'calendar-renewed', data: { whose: 'host' } });
  const newLink = `${linkIn(mail, 'Subscribe to your calendar')}.ics`;
  expect(newLink).not.toBe(hostLink);

  const gone = await request(bookings.url).get(hostLink).expect(410);
  expect(gone.text).not.toMatch(/Renewal night|hanna@/);
  await request(bookings.url).get(hostPage).expect(410);
  await request(bookings.url).post(`${hostPage}/renew`).expect(410);
  // A person pressing the page's button (a second later again) gets a page saying where the new link went.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const pressed = await request(bookings.url)
    .post(`${linkIn(mail, 'Subscribe to your calendar')}/renew`)
    .set('Accept', 'text/html')
    .expect(202);
  expect(pressed.text).toContain('A new calendar link is on its way');
  await request(bookings.url).get(newLink).expect(410);
  const [, newest] = (await renewalMails()).filter((sent) => sent.to.email === 'hanna@example.org');
  const newestLink = `${linkIn(newest, 'Subscribe to your calendar')}.ics`;
  const now = readCalendar((await request(bookings.url).get(newestLink).expect(200)).text);
  expect(now.events.map((event) => event.summary)).toContain('Renewal night');

  // A token that is not one, or a signed link of another kind (the organizer's status link), opens nothing.
  await request(bookings.url).get('/api/bookings/calendars/not-a-token-at-all.ics').expect(404);
  const follow = new URL(
    mails
      .find((mail) => mail.template === 'booking-organizer-confirmed')!
      .actions.find((action) => action.label === 'Follow your request')!.url,
  );
  await request(bookings.url)
    .get(`/api/bookings/calendars/${follow.searchParams.get('token')}.ics`)
    .expect(404);
  await request(bookings.url)
    .get(`${newLink.replace(/.{6}\.ics$/, 'AAAAAA.ics')}`)
    .expect(404);
});

it("names an organizer's calendar in their language, and mails a renewed link in the page's", async () => {
  const created = await request(bookings.url)
    .post('/api/bookings')
    .send({
      organizer: { name: 'Sara', email: 'sara@example.org', community: 'Madrid Rust' },
      event: {
        title: 'Noche de Rust',
        start: inDays(21),
        end: inDays(21.1),
        expectedAttendees: 30,
        needs: [],
      },
      spaceId: hall,
      locale: 'es',
    })
    .expect(201);
  const id: string = created.body.id;
  const asked = (await mailsOf(bookings, id)).find((mail) => mail.template === 'booking-host-request')!;
  const accept = new URL(asked.actions.find((action) => action.label === 'Accept')!.url).pathname;
  await request(bookings.url).post(accept).type('form').send({ choice: 'accept' }).expect(200);
  const confirmed = (await mailsOf(bookings, id)).find(
    (mail) => mail.template === 'booking-organizer-confirmed',
  );
  const page = linkIn(confirmed, translate('es', 'mails:actions.calendar-organizer'));
  const feed = await request(bookings.url).get(`${page}.ics`).expect(200);
  expect(feed.text).toContain('X-WR-CALNAME:Tus eventos (CoCoMo)');

  await new Promise((resolve) => setTimeout(resolve, 1100));
  await request(bookings.url)
    .post(`${page}/renew`)
    .set('Accept', 'text/html')
    .set('Accept-Language', 'es')
    .expect(202);
  const [renewal] = (await renewalMails()).filter((sent) => sent.to.email === 'sara@example.org');
  expect(renewal).toMatchObject({ template: 'calendar-renewed', locale: 'es' });
  expect(renewal.actions[0].label).toBe(translate('es', 'mails:actions.calendar-subscribe'));
});
