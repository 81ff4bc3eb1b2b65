// Across services, through real email: an organizer's request reaches the host as a mail over SMTP; the
// host presses the Accept link found in that mail; the organizer's confirmation arrives with its calendar file.
import request from 'supertest';
import {
  freePort,
  isolatedInfra,
  startService,
  TestSmtpServer,
  type IsolatedInfra,
  type ReceivedMail,
  type ServiceUnderTest,
} from '@cocomo/testing';
import { directoryApp } from '../../apps/directory/src/directory.module';
import { approvedSpace } from '../../apps/directory/test/directory-harness';
import { bookingsDefinition, BookingsModule } from '../../apps/bookings/src/bookings.module';
import {
  notificationsDefinition,
  NotificationsModule,
} from '../../apps/notifications/src/notifications.module';

let infra: IsolatedInfra;
let smtp: TestSmtpServer;
let directory: ServiceUnderTest;
let bookings: ServiceUnderTest;
let notifications: ServiceUnderTest;

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  // Links in mails start with PUBLIC_BASE_URL; here the bookings service stands where the router would.
  const bookingsPort = await freePort();
  infra = await isolatedInfra({ SMTP_URL: smtp.url, PUBLIC_BASE_URL: `http://127.0.0.1:${bookingsPort}` });
  directory = await startService(directoryApp, infra.env);
  bookings = await startService(
    { ...bookingsDefinition, module: BookingsModule.forRoot },
    infra.env,
    bookingsPort,
  );
  notifications = await startService(
    { ...notificationsDefinition, module: NotificationsModule.forRoot },
    infra.env,
  );
});
afterAll(async () => {
  await notifications?.close();
  await bookings?.close();
  await directory?.close();
  await smtp?.stop();
  await infra?.cleanup();
});

async function mailTo(address: string, subject: RegExp): Promise<ReceivedMail> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = smtp.mails.find((mail) => mail.to.includes(address) && subject.test(mail.subject ?? ''));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail to ${address} matching ${subject}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function linkIn(mail: ReceivedMail, label: string): string {
  const match = new RegExp(`${label}[^\\n]*\\n?\\s*(http://\\S+/actions/[\\w.-]+)`).exec(mail.text ?? '');
  if (!match) throw new Error(`no "${label}" link in: ${mail.text}`);
  return new URL(match[1]).pathname;
}

it('the host accepts from the mail; the organizer gets the confirmation with a calendar file', async () => {
  await approvedSpace(directory, {
    city: 'Berlin',
    country: 'DE',
    timezone: 'Europe/Berlin',
    latitude: 52.52,
    longitude: 13.405,
    host: { name: 'Hanna', email: 'hanna@example.org' },
  });

  const start = new Date(Date.now() + 12 * 86_400_000);
  await request(bookings.url)
    .post('/api/bookings')
    .send({
      organizer: { name: 'Olga', email: 'olga@example.org', community: 'Berlin Rust' },
      event: {
        title: 'Rust meetup',
        start: start.toISOString(),
        end: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
        expectedAttendees: 30,
      },
      near: { latitude: 52.52, longitude: 13.405, radiusKm: 10 },
    })
    .expect(201);

  const asked = await mailTo('hanna@example.org', /Rust meetup/);
  const accept = linkIn(asked, 'Accept');
  await request(bookings.url).get(accept).expect(200);
  await request(bookings.url).post(accept).type('form').send({ choice: 'confirm' }).expect(200);

  const confirmed = await mailTo('olga@example.org', /confirm/i);
  const calendar = confirmed.parsed?.attachments.find((file) => /calendar/.test(file.contentType));
  expect(calendar?.content.toString()).toMatch(/BEGIN:VEVENT[\s\S]*SUMMARY:Rust meetup/);
});
