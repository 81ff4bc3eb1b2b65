// Calendars through real mail: the host's acceptance reaches both people with an invitation (METHOD:REQUEST,
// organizer and host, the space's zone) and a private calendar link; the organizer's cancellation, pressed from
// the mail, reaches both with METHOD:CANCEL for the same uid at a higher sequence. Meanwhile the space's public
// calendar shows the booked time with its title only, and lets it go.
import request from 'supertest';
import { readCalendar, type ReceivedMail } from '@cocomo/testing';
import { approvedSpaceInBerlin, askForASpaceInBerlin, HOST, ORGANIZER } from './berlin-request';
import { linkIn, openLink, submit } from './link-pages';
import { startSystemOverMail, type SystemOverMail } from './system-over-mail';

let system: SystemOverMail;

beforeAll(async () => {
  system = await startSystemOverMail();
});
afterAll(async () => {
  await system?.stop();
});

const calendarOf = (mail: ReceivedMail) => {
  const file = mail.parsed?.attachments.find((part) => /calendar|ics/.test(part.contentType));
  if (!file) throw new Error(`no calendar file in "${mail.subject}"`);
  return readCalendar(file.content.toString('utf8'));
};
const calendarLinkIn = (mail: ReceivedMail) => {
  const link = /(http:\/\/\S+\/api\/bookings\/calendars\/[\w.~-]+)$/m.exec(mail.text ?? '');
  if (!link) throw new Error(`no calendar link in: ${mail.text}`);
  // The mail links to the calendar's page; the calendar itself is beside it.
  return `${new URL(link[1]).pathname}.ics`;
};

async function publicCalendar(spaceId: string, events: number) {
  for (let attempt = 0; ; attempt++) {
    const answer = await request(system.directory.url).get(`/api/spaces/${spaceId}/calendar.ics`).expect(200);
    if (readCalendar(answer.text).events.length === events || attempt === 100) return answer.text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('invites both people on acceptance and takes the event out of their calendars on cancellation', async () => {
  const { bookings, directory, mailTo } = system;
  const space = await approvedSpaceInBerlin(directory);
  const created = await askForASpaceInBerlin(bookings);
  const bookingId: string = created.body.id;

  const asked = await mailTo(HOST, /Rust meetup/);
  await submit(bookings.url, await openLink(bookings.url, linkIn(asked, 'Accept')));

  const organizerTold = await mailTo(ORGANIZER, /^Confirmed/);
  const hostTold = await mailTo(HOST, /^Confirmed/);
  const invitations = [organizerTold, hostTold].map(calendarOf);
  for (const invitation of invitations) {
    expect(invitation.method).toBe('REQUEST');
    expect(invitation.events).toEqual([
      expect.objectContaining({
        uid: `${bookingId}@cocomo`,
        summary: 'Rust meetup',
        status: 'CONFIRMED',
        organizer: { email: ORGANIZER, name: 'Olga' },
        attendees: [{ email: HOST, name: 'Hanna' }],
        zone: 'Europe/Berlin',
      }),
    ]);
    // Twelve days ahead, as asked (calendars keep whole seconds).
    expect(Math.abs(invitation.events[0].start.getTime() - (Date.now() + 12 * 86_400_000))).toBeLessThan(
      60_000,
    );
  }
  const requested = invitations[0].events[0].sequence;

  // The space's public calendar: the time and the title, nobody's name or address.
  const busy = await publicCalendar(space, 1);
  expect(readCalendar(busy).events[0]).toMatchObject({
    summary: 'Rust meetup',
    organizer: null,
    attendees: [],
  });
  expect(busy).not.toMatch(/Olga|Hanna|@example\.org|mailto:/i);

  // Each person's private calendar, from the link in their mail, holds the same event.
  const organizerFeed = calendarLinkIn(organizerTold);
  const hostFeed = calendarLinkIn(hostTold);
  for (const feed of [organizerFeed, hostFeed]) {
    const events = readCalendar((await request(bookings.url).get(feed).expect(200)).text).events;
    expect(events.map((event) => [event.uid, event.sequence])).toEqual([[`${bookingId}@cocomo`, requested]]);
  }

  // The organizer cancels from the confirmation.
  await submit(bookings.url, await openLink(bookings.url, linkIn(organizerTold, 'Cancel the request')));
  const hostCancelled = await mailTo(HOST, /cancel/i);
  const organizerCancelled = await mailTo(ORGANIZER, /cancel/i);
  for (const mail of [hostCancelled, organizerCancelled]) {
    const cancellation = calendarOf(mail);
    expect(cancellation.method).toBe('CANCEL');
    expect(cancellation.events).toEqual([
      expect.objectContaining({ uid: `${bookingId}@cocomo`, status: 'CANCELLED' }),
    ]);
    expect(cancellation.events[0].sequence).toBeGreaterThan(requested);
  }
  expect(readCalendar((await request(bookings.url).get(organizerFeed).expect(200)).text).events).toEqual([]);
  expect(readCalendar((await request(bookings.url).get(hostFeed).expect(200)).text).events).toEqual([]);
  expect(readCalendar(await publicCalendar(space, 0)).events).toEqual([]);
});
