// A host asked for a whole series who stays silent until the escalation: every date goes to the next space, one
// by one as after a decline, and the host's three links no longer act.
import request from 'supertest';
import { isolatedInfra, startService, type IsolatedInfra, type ServiceUnderTest } from '@cocomo/testing';
import { directoryApp } from '../../directory/src/directory.module';
import { approvedSpace, operator } from '../../directory/test/directory-harness';
import { openLink } from '../../../test/e2e/link-pages';
import { bookingsDefinition, BookingsModule } from '../src/bookings.module';
import { mailsOf } from './bookings-harness';

let infra: IsolatedInfra;
let directory: ServiceUnderTest;
let bookings: ServiceUnderTest;
let quiet: string;

beforeAll(async () => {
  infra = await isolatedInfra({ BOOKING_ESCALATE_AFTER: '1s' });
  directory = await startService(directoryApp, infra.env);
  bookings = await startService({ ...bookingsDefinition, module: BookingsModule.forRoot }, infra.env);
  const berlin = { city: 'Berlin', country: 'DE', timezone: 'Europe/Berlin', capacity: 60 };
  quiet = await approvedSpace(directory, {
    ...berlin,
    name: 'Quiet Commons',
    latitude: 52.52,
    longitude: 13.405,
    host: { name: 'Quentin', email: 'quentin@example.org' },
  });
  await approvedSpace(directory, {
    ...berlin,
    name: 'Next Loft',
    latitude: 52.51,
    longitude: 13.41,
    host: { name: 'Nele', email: 'nele@example.org' },
  });
}, 120_000);
afterAll(async () => {
  await bookings?.close();
  await directory?.close();
  await infra?.cleanup();
});

it("a series whose host stays silent goes to the next space date by date, and the host's links stop acting", async () => {
  const start = new Date(Date.now() + 30 * 86_400_000);
  const { body } = await request(bookings.url)
    .post('/api/bookings')
    .send({
      organizer: { name: 'Mira', email: 'mira@example.org', community: 'Berlin Go' },
      event: {
        title: 'Go weekly',
        start: start.toISOString(),
        end: new Date(start.getTime() + 7_200_000).toISOString(),
        expectedAttendees: 30,
      },
      spaceId: quiet,
      near: { latitude: 52.52, longitude: 13.405, radiusKm: 10 },
      recurrence: { frequency: 'weekly', count: 2 },
    })
    .expect(201);
  const [asked] = await mailsOf(bookings, body.id);
  expect(asked.template).toBe('booking-host-series-request');
  const choose = new URL(asked.actions.find((action) => action.label === 'Choose dates')!.url).pathname;
  expect((await openLink(bookings.url, choose)).status).toBe(200);

  const deadline = Date.now() + 30_000;
  const states = async () =>
    Promise.all(
      body.dates.map(
        async (date: { id: string }) =>
          (await request(bookings.url).get(`/api/bookings/${date.id}`).set(operator).expect(200)).body,
      ),
    );
  let seen = await states();
  while (seen.some((date) => date.state === 'requested') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    seen = await states();
  }
  expect(seen.map((date) => date.state)).not.toContain('requested');
  // Each date asked the next space on its own (whose host, as silent here, may have been passed over since).
  for (const date of body.dates) {
    const sent = (await mailsOf(bookings, date.id)).map((mail) => [mail.template, mail.to.email]);
    expect(sent).toContainEqual(['booking-host-request', 'nele@example.org']);
    expect(sent).not.toContainEqual(['booking-host-request', 'quentin@example.org']);
  }
  const page = await openLink(bookings.url, choose);
  expect([page.status, page.heading]).toEqual([409, 'Things have moved on']);
}, 60_000);
