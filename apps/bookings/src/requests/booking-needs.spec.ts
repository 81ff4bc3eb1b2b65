import { bookingRequestSchema } from './booking-request.dto';
import { bookingNeeds } from './booking-needs';

const schema = bookingRequestSchema(() => new Date('2026-12-01T10:00:00Z'));
const SPACE = '6f1c1f2e-8a0b-4c1d-9e2f-3a4b5c6d7e8f';
const NEAR = { latitude: 18.52, longitude: 73.85, radiusKm: 10 };

const asked = (place: Record<string, unknown>, needs?: string[]) =>
  schema.parse({
    organizer: { name: 'Priya', email: 'priya@example.org', community: 'Pune Python' },
    event: {
      title: 'Monthly meetup',
      start: '2027-01-15T18:00:00+05:30',
      end: '2027-01-15T21:00:00+05:30',
      expectedAttendees: 40,
      ...(needs ? { needs } : {}),
    },
    ...place,
  });

const common = {
  community: 'Pune Python',
  expectedAttendees: 40,
  start: '2027-01-15T12:30:00.000Z',
  end: '2027-01-15T15:30:00.000Z',
};

describe('what a booking needs, from the request', () => {
  it.each([
    ['a named space', { spaceId: SPACE }, ['Projector'], { ...common, spaceId: SPACE, needs: ['projector'] }],
    ['a place to look near', { near: NEAR }, undefined, { ...common, near: NEAR, needs: [] }],
    [
      'a named space and the place around it',
      { spaceId: SPACE, near: NEAR },
      ['wifi', 'WiFi'],
      { ...common, spaceId: SPACE, near: NEAR, needs: ['wifi'] },
    ],
  ])('keeps %s, the community, the people and the times in UTC', (_what, place, needs, expected) => {
    expect(bookingNeeds(asked(place, needs))).toEqual(expected);
  });

  it('names no space and no place that the request left out', () => {
    const needs = bookingNeeds(asked({ near: NEAR }));
    expect(Object.keys(needs)).not.toContain('spaceId');
    expect(JSON.parse(JSON.stringify(needs))).toEqual(needs);
  });
});
