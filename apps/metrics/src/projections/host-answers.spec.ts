import { booking } from '../../test/booking-events';
import { foldBooking, type BookingRecord } from './booking-record';
import { declines } from './host-answers';
import type { MetricsScope } from './metric-scope';

const stories = [
  // Closed then, with two other times; the organizer takes one.
  booking('b1', { requestedAt: '2026-03-02T10:00:00.000Z', spaceId: 's1' })
    .requested()
    .asked()
    .declined(5, { reason: 'closed', offers: 2 })
    .offerTaken(3),
  // Too many people, nothing offered; the next space declines without a word, and offers one time.
  booking('b2', { requestedAt: '2026-03-03T10:00:00.000Z', spaceId: 's1' })
    .requested()
    .asked()
    .declined(2, { reason: 'too_many_people' })
    .at('s2')
    .asked()
    .declined(4, { offers: 1 }),
  // In India: another reason.
  booking('b3', { requestedAt: '2026-03-04T10:00:00.000Z', spaceId: 's3', country: 'IN' })
    .requested()
    .asked()
    .declined(1, { reason: 'other' })
    .unplaced(),
  // A decline from before reasons were asked, and an accept: neither has a reason.
  booking('b4', { requestedAt: '2026-03-05T10:00:00.000Z' }).requested().asked().answered(false, 2),
  booking('b5', { requestedAt: '2026-03-06T10:00:00.000Z' }).requested().asked().answered(true, 2),
  // Declined in February: outside March.
  booking('b6', { requestedAt: '2026-02-02T10:00:00.000Z' })
    .requested()
    .asked()
    .declined(1, { reason: 'not_a_fit', offers: 3 }),
];
const bookings: BookingRecord[] = stories.map((story) => foldBooking(story.events)!);

const march: MetricsScope = {
  from: new Date('2026-03-01T00:00:00Z'),
  to: new Date('2026-04-01T00:00:00Z'),
  country: null,
};

describe('declines: readiness beyond yes or no', () => {
  it.each<[string, MetricsScope, ReturnType<typeof declines>]>([
    [
      'counts the declines of the period by reason, the times offered and those taken',
      march,
      {
        declined: 5,
        byReason: { closed: 1, too_many_people: 1, not_a_fit: 0, other: 1, unsaid: 2 },
        withOffers: 2,
        offersMade: 3,
        offersTaken: 1,
        takenShare: 0.3333,
      },
    ],
    [
      'counts a decline in the country of the space that declined',
      { ...march, country: 'IN' },
      {
        declined: 1,
        byReason: { closed: 0, too_many_people: 0, not_a_fit: 0, other: 1, unsaid: 0 },
        withOffers: 0,
        offersMade: 0,
        offersTaken: 0,
        takenShare: null,
      },
    ],
    [
      'counts since the beginning without a start of the period',
      { ...march, from: null },
      {
        declined: 6,
        byReason: { closed: 1, too_many_people: 1, not_a_fit: 1, other: 1, unsaid: 2 },
        withOffers: 3,
        offersMade: 6,
        offersTaken: 1,
        takenShare: 0.1667,
      },
    ],
  ])('%s', (_rule, scope, expected) => {
    expect(declines(bookings, scope)).toEqual(expected);
  });

  it('reads records folded before offered times existed', () => {
    const { offersTaken: _none, ...old } = bookings[0];
    expect(declines([old as BookingRecord], march).offersTaken).toBe(0);
  });
});
