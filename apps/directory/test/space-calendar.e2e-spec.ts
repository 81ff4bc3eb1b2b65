// A space's public calendar, /api/spaces/:id/calendar.ics: kept from the booking events (never from the bookings'
// tables), busy times and titles only, with an ETag that answers 304 while nothing changed; named by SpaceAPI.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  bookingCancelled,
  bookingConfirmed,
  bookingLateDenial,
  bookingRescued,
  type BookingStep,
  type Envelope,
  type MessageDefinition,
} from '@cocomo/contracts';
import { BullMqClient } from '@cocomo/messaging';
import { readCalendar } from '@cocomo/testing';
import { approvedSpace, startDirectory, type DirectoryUnderTest } from './directory-harness';

let directory: DirectoryUnderTest;
let hall: string;
let loft: string;

beforeAll(async () => {
  directory = await startDirectory();
  hall = await approvedSpace(directory, { name: 'Kreuzberg Hall', timezone: 'Europe/Berlin' });
  loft = await approvedSpace(directory, { name: 'Neukölln Loft', timezone: 'Europe/Berlin' });
});
afterAll(async () => {
  await directory?.stop();
});

const nextYear = new Date().getUTCFullYear() + 1;

function step(
  definition: MessageDefinition,
  bookingId: string,
  bookingVersion: number,
  change: Partial<BookingStep> = {},
): Envelope<BookingStep> {
  return {
    id: randomUUID(),
    name: definition.name,
    version: definition.version,
    occurredAt: new Date().toISOString(),
    payload: {
      bookingId,
      community: 'Berlin Rust',
      eventTitle: 'Rust night',
      at: new Date(Date.UTC(nextYear, 0, 1, 0, bookingVersion)).toISOString(),
      eventStart: `${nextYear}-03-20T18:00:00.000Z`,
      eventEnd: `${nextYear}-03-20T21:00:00.000Z`,
      bookingVersion,
      ...change,
    },
  };
}

async function calendarOf(spaceId: string, count: number) {
  for (let attempt = 0; ; attempt++) {
    const response = await request(directory.url).get(`/api/spaces/${spaceId}/calendar.ics`).expect(200);
    const read = readCalendar(response.text);
    if (read.events.length === count || attempt === 100) return { response, read };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it('shows the times a space is booked with their titles, no people, at the space’s zone, and answers 304 while unchanged', async () => {
  const client = directory.app.get(BullMqClient);
  const rust = randomUUID();
  const go = randomUUID();
  await client.deliver([
    step(bookingConfirmed, rust, 3, { spaceId: hall }),
    step(bookingConfirmed, go, 2, {
      spaceId: hall,
      eventTitle: 'Go & pizza',
      eventStart: `${nextYear}-04-02T17:00:00.000Z`,
      eventEnd: `${nextYear}-04-02T20:00:00.000Z`,
    }),
  ]);
  const { response, read } = await calendarOf(hall, 2);
  expect(response.headers['content-type']).toMatch(/^text\/calendar/);
  expect(read.method).toBeNull();
  expect(read.name).toBe('Kreuzberg Hall (CoCoMo)');
  expect(
    read.events.map((event) => [event.summary, event.start.toISOString(), event.zone, event.sequence]),
  ).toEqual([
    ['Rust night', `${nextYear}-03-20T18:00:00.000Z`, 'Europe/Berlin', 3],
    ['Go & pizza', `${nextYear}-04-02T17:00:00.000Z`, 'Europe/Berlin', 2],
  ]);
  // Nobody's name or address: no organizer, no attendee, no mail address, not the community.
  expect(response.text).not.toMatch(/ORGANIZER|ATTENDEE|mailto:|@example|Berlin Rust/i);
  for (const event of read.events) expect(event).toMatchObject({ organizer: null, attendees: [] });

  const etag = response.headers.etag as string;
  expect(etag).toMatch(/^"[\w-]+"$/);
  await request(directory.url)
    .get(`/api/spaces/${hall}/calendar.ics`)
    .set('If-None-Match', etag)
    .expect(304)
    .expect((answer) => expect(answer.text ?? '').toBe(''));
  await request(directory.url)
    .get(`/api/spaces/${hall}/calendar.ics`)
    .set('If-None-Match', `"other", W/${etag}`)
    .expect(304);

  // Cancelled: the time is free again, and the old ETag no longer matches.
  await client.deliver([step(bookingCancelled, go, 4)]);
  const after = await calendarOf(hall, 1);
  expect(after.read.events.map((event) => event.summary)).toEqual(['Rust night']);
  await request(directory.url).get(`/api/spaces/${hall}/calendar.ics`).set('If-None-Match', etag).expect(200);
});

it('moves a booking to the space that rescued it, and a step arriving late never undoes a newer one', async () => {
  const client = directory.app.get(BullMqClient);
  const meetup = randomUUID();
  const title = 'Late denial night';
  await client.deliver([step(bookingConfirmed, meetup, 2, { spaceId: loft, eventTitle: title })]);
  await calendarOf(loft, 1);
  await client.deliver([
    step(bookingLateDenial, meetup, 5, { spaceId: loft, eventTitle: title }),
    step(bookingRescued, meetup, 7, { spaceId: hall, eventTitle: title }),
    // Older than the rescue: changes nothing.
    step(bookingConfirmed, meetup, 4, { spaceId: loft, eventTitle: title }),
  ]);
  const hallCalendar = await calendarOf(hall, 2);
  expect(hallCalendar.read.events.find((event) => event.summary === title)?.sequence).toBe(7);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect((await calendarOf(loft, 0)).read.events).toEqual([]);
});

it('is named in the SpaceAPI export, and answers 404 for a space that is not listed', async () => {
  const { body } = await request(directory.url).get(`/api/spaces/${hall}/spaceapi.json`).expect(200);
  expect(body.feeds).toEqual({
    calendar: { type: 'ical', url: expect.stringMatching(new RegExp(`/api/spaces/${hall}/calendar\\.ics$`)) },
  });
  await request(directory.url).get(`/api/spaces/${randomUUID()}/calendar.ics`).expect(404);
  await request(directory.url).get(`/api/spaces/not-a-space/calendar.ics`).expect(400);
});
