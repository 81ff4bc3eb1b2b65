import { problemsOf } from '@cocomo/platform';
import { bookingRequestSchema } from './booking-request.dto';

const now = new Date('2026-12-01T10:00:00Z');
const schema = bookingRequestSchema(() => now);

function aRequest(change: Record<string, unknown> = {}, event: Record<string, unknown> = {}) {
  return {
    organizer: { name: 'Priya', email: 'priya@example.org', community: 'Pune Python' },
    event: {
      title: 'Monthly meetup',
      description: 'Talks and pizza',
      start: '2027-01-15T18:00:00+05:30',
      end: '2027-01-15T21:00:00+05:30',
      expectedAttendees: 40,
      needs: ['Projector', 'wifi', 'projector'],
      ...event,
    },
    near: { latitude: 18.52, longitude: 73.85, radiusKm: 10 },
    ...change,
  };
}

const problems = (input: unknown) => {
  const result = schema.safeParse(input);
  return result.success ? [] : problemsOf(result.error).map((problem) => problem.field);
};

describe('a booking request', () => {
  it('is accepted with a place to look, its times read with their offset', () => {
    const result = schema.parse(aRequest());
    expect(result.event.start.toISOString()).toBe('2027-01-15T12:30:00.000Z');
    expect(result.event.needs).toEqual(['projector', 'wifi']);
  });

  it('is in English unless the organizer chose a language CoCoMo speaks', () => {
    expect(schema.parse(aRequest()).locale).toBe('en');
    expect(schema.parse(aRequest({ locale: 'hi' })).locale).toBe('hi');
  });

  it('may name a space instead of a place to look', () => {
    expect(problems(aRequest({ near: undefined, spaceId: '6f1c1f2e-8a0b-4c1d-9e2f-3a4b5c6d7e8f' }))).toEqual(
      [],
    );
  });

  it.each([
    ['a start in the past', {}, { start: '2026-11-30T18:00:00Z' }, 'event.start'],
    ['an end before the start', {}, { end: '2027-01-15T17:00:00+05:30' }, 'event.end'],
    ['an end at the start', {}, { end: '2027-01-15T18:00:00+05:30' }, 'event.end'],
    ['an event of three weeks', {}, { end: '2027-02-05T18:00:00+05:30' }, 'event.end'],
    ['a time without offset', {}, { start: '2027-01-15T18:00:00' }, 'event.start'],
    ['a date that does not exist', {}, { start: '2027-02-30T18:00:00Z' }, 'event.start'],
    ['no space and no place', { near: undefined }, {}, 'near'],
    ['a space id that is not an id', { spaceId: 'the big hall' }, {}, 'spaceId'],
    ['no attendees', {}, { expectedAttendees: 0 }, 'event.expectedAttendees'],
    ['an unknown field', { budget: 100 }, {}, 'budget'],
    ['an organizer without email', { organizer: { name: 'P', community: 'C' } }, {}, 'organizer.email'],
    ['a radius of zero', { near: { latitude: 1, longitude: 1, radiusKm: 0 } }, {}, 'near.radiusKm'],
    ['a language CoCoMo does not speak', { locale: 'tlh' }, {}, 'locale'],
  ])('is refused with %s, naming the field', (_case, change, event, field) => {
    expect(problems(aRequest(change, event))).toContain(field);
  });
});
