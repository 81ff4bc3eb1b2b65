// Across services, through real email: an organizer's request reaches the host as a mail over SMTP; the
// host presses the Accept link found in that mail; the organizer's confirmation arrives with its calendar file.
import request from 'supertest';
import { approvedSpaceInBerlin, askForASpaceInBerlin, HOST, ORGANIZER } from './berlin-request';
import { linkIn } from './link-pages';
import { startSystemOverMail, type SystemOverMail } from './system-over-mail';

let system: SystemOverMail;

beforeAll(async () => {
  system = await startSystemOverMail();
});
afterAll(async () => {
  await system?.stop();
});

it('the host accepts from the mail; the organizer gets the confirmation with a calendar file', async () => {
  const { bookings, directory, smtp } = system;
  await approvedSpaceInBerlin(directory);
  await askForASpaceInBerlin(bookings);

  const asked = await smtp.mailTo(HOST, /Rust meetup/);
  const accept = linkIn(asked, 'Accept');
  await request(bookings.url).get(accept).expect(200);
  await request(bookings.url).post(accept).type('form').send({ choice: 'confirm' }).expect(200);

  const confirmed = await smtp.mailTo(ORGANIZER, /confirm/i);
  const calendar = confirmed.parsed?.attachments.find((file) => /calendar/.test(file.contentType));
  expect(calendar?.content.toString()).toMatch(/BEGIN:VEVENT[\s\S]*SUMMARY:Rust meetup/);
});
