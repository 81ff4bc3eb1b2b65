// A protocol's steps that follow one another by timers run on time: the reconfirmation, the event's end and
// the report request each set the next timer while handling a timer, and each leaves at its commit. The sweep
// and the relay's poll are set to ten minutes, so a step that waited for them would not come at all here.
import request from 'supertest';
import { isolatedInfra, startService, type IsolatedInfra, type ServiceUnderTest } from '@cocomo/testing';
import { directoryApp } from '../../directory/src/directory.module';
import { approvedSpace, operator } from '../../directory/test/directory-harness';
import { bookingsDefinition, BookingsModule } from '../src/bookings.module';
import { mailsOf } from './bookings-harness';

let infra: IsolatedInfra;
let directory: ServiceUnderTest;
let bookings: ServiceUnderTest;

beforeAll(async () => {
  infra = await isolatedInfra({
    TIMER_SWEEP_INTERVAL: '10m',
    OUTBOX_POLL_INTERVAL: '10m',
    BOOKING_RECONFIRM_BEFORE: '1s',
    BOOKING_REPORT_AFTER: '1s',
  });
  directory = await startService(directoryApp, infra.env);
  bookings = await startService({ ...bookingsDefinition, module: BookingsModule.forRoot }, infra.env);
  await approvedSpace(directory, {
    city: 'São Paulo',
    country: 'BR',
    timezone: 'America/Sao_Paulo',
    capacity: 30,
    latitude: -23.55,
    longitude: -46.63,
    host: { name: 'Bruna', email: 'bruna@example.org' },
  });
});
afterAll(async () => {
  await bookings?.close();
  await directory?.close();
  await infra?.cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('asks for the report a second after a short event ends, through three timers in a row', async () => {
  const start = Date.now() + 4000;
  const end = start + 2000;
  const created = await request(bookings.url)
    .post('/api/bookings')
    .send({
      organizer: { name: 'Caio', email: 'caio@example.org', community: 'SP Gophers' },
      event: {
        title: 'Go night',
        start: new Date(start).toISOString(),
        end: new Date(end).toISOString(),
        expectedAttendees: 12,
      },
      near: { latitude: -23.55, longitude: -46.63, radiusKm: 10 },
    })
    .expect(201);
  const id: string = created.body.id;
  const [asked] = (await mailsOf(bookings, id)).filter((mail) => mail.template === 'booking-host-request');
  const accept = new URL(asked.actions.find((action) => action.label === 'Accept')!.url).pathname;
  await request(bookings.url).post(accept).type('form').send({ choice: 'confirm' }).expect(200);

  // confirmed → reconfirming (1 s before the start) → awaiting_report (the end) → report request (1 s later).
  const due = end + 1000;
  let reportAskedAt: number | undefined;
  while (reportAskedAt === undefined && Date.now() < due + 8000) {
    await sleep(100);
    const mails = await mailsOf(bookings, id);
    if (mails.some((mail) => mail.template === 'booking-organizer-report-request'))
      reportAskedAt = Date.now();
  }
  expect(reportAskedAt).toBeDefined();
  expect(reportAskedAt! - due).toBeLessThan(2000);
  const booking = (await request(bookings.url).get(`/api/bookings/${id}`).set(operator).expect(200)).body;
  expect(booking.history.map((step: { to: string }) => step.to)).toEqual(
    expect.arrayContaining(['confirmed', 'reconfirming', 'awaiting_report']),
  );
});
