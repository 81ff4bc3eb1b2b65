import { booking } from '../../test/booking-events';
import { foldBooking } from './booking-record';
import { stuckBookings } from './stuck-bookings';

const now = new Date('2026-04-10T00:00:00.000Z');
const DAY = 86_400_000;
const recordOf = (story: ReturnType<typeof booking>) => foldBooking(story.events)!;

describe('stuckBookings', () => {
  it.each([
    ['an escalated booking still without a space', booking('b').requested().asked().escalated(), 'escalated'],
    ['an unplaced booking', booking('b').requested().asked().answered(false, 1).unplaced(), 'unplaced'],
    [
      'a past event with no report long after its end',
      booking('b', { requestedAt: '2026-03-01T10:00:00.000Z' }).requested().asked().answered(true, 1),
      'report-overdue',
    ],
  ])('%s is stuck', (_, story, reason) => {
    expect(stuckBookings([recordOf(story)], now, 3 * DAY)).toEqual([
      expect.objectContaining({ bookingId: 'b', reason }),
    ]);
  });

  it.each([
    [
      'an escalated booking another host then accepted',
      booking('b', { requestedAt: '2026-04-05T10:00:00.000Z' })
        .requested()
        .asked()
        .escalated()
        .at('s2')
        .asked()
        .answered(true, 1),
    ],
    [
      'a future event',
      booking('b', { requestedAt: '2026-04-05T10:00:00.000Z' }).requested().asked().answered(true, 1),
    ],
    [
      'a past event reported as held',
      booking('b', { requestedAt: '2026-03-01T10:00:00.000Z' }).requested().asked().answered(true, 1).held(),
    ],
    ['a cancelled booking', booking('b').requested().asked().escalated().cancelled('operator')],
  ])('%s is not stuck', (_, story) => {
    expect(stuckBookings([recordOf(story)], now, 3 * DAY)).toEqual([]);
  });
});
