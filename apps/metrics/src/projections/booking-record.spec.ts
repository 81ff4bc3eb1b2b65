import { booking } from '../../test/booking-events';
import { foldBooking } from './booking-record';

describe('foldBooking', () => {
  it('gives the same record whatever order the events arrived in', () => {
    const { events } = booking('b1').requested().asked().answered(true, 5).held();
    expect(foldBooking([...events].reverse())).toEqual(foldBooking(events));
  });

  it.each([
    ['a request still looking for a host', booking('b').requested().asked(), 'seeking'],
    ['a host who accepts confirms it', booking('b').requested().asked().answered(true, 2), 'confirmed'],
    [
      'a late denial starts the fallback',
      booking('b').requested().asked().answered(true, 2).lateDenial(),
      'seeking_fallback',
    ],
    [
      'a rescue confirms it again',
      booking('b').requested().asked().answered(true, 2).lateDenial().at('s2').rescued(),
      'confirmed',
    ],
    [
      'no host left leaves it unplaced',
      booking('b').requested().asked().answered(false, 2).unplaced(),
      'unplaced',
    ],
    ['a cancellation ends it', booking('b').requested().asked().cancelled('organizer'), 'cancelled'],
    ['a report that it was held', booking('b').requested().asked().answered(true, 2).held(), 'held'],
    [
      'a report that it was not held',
      booking('b').requested().asked().answered(true, 2).notHeld(),
      'not_held',
    ],
  ])('%s', (_, story, state) => {
    expect(foldBooking(story.events)?.state).toBe(state);
  });

  it('records a venue change when another space takes the booking over', () => {
    const story = booking('b', { spaceId: 's1' }).requested().asked().answered(true, 2).lateDenial();
    story.at('s2', 'FR', 'paid').rescued();
    const record = foldBooking(story.events)!;
    expect(record.venueChanges).toEqual([{ at: expect.any(String), from: 's1', to: 's2' }]);
    expect([record.spaceId, record.country, record.pricingModel]).toEqual(['s2', 'FR', 'paid']);
  });

  it('takes the country of the first space asked while no space has taken the booking', () => {
    const story = booking('b', { country: 'IN' }).requested().asked().at('s2', 'LK').asked();
    expect(foldBooking(story.events)?.country).toBe('IN');
  });

  it('pairs each host answer with the ask it answers', () => {
    const record = foldBooking(booking('b').requested().asked().answered(false, 7).events)!;
    expect(record.asks).toEqual([
      expect.objectContaining({
        spaceId: 'space-1',
        answer: expect.objectContaining({ accepted: false, hoursToAnswer: 7 }),
      }),
    ]);
  });

  it('ignores events that are not about bookings', () => {
    expect(
      foldBooking([{ name: 'space.approved', occurredAt: '2026-01-01T00:00:00Z', payload: {} }]),
    ).toBeUndefined();
  });

  it("keeps a decline's reason and the times it offered, and the offered time taken", () => {
    const story = booking('b', { spaceId: 's1' })
      .requested()
      .asked()
      .declined(3, { reason: 'closed', offers: 2 });
    const record = foldBooking(story.offerTaken(1, '3.2').events)!;
    expect(record.asks[0].answer).toEqual(
      expect.objectContaining({ accepted: false, reason: 'closed', offers: 2 }),
    );
    expect(record.offersTaken).toEqual([{ at: expect.any(String), spaceId: 's1', country: 'DE' }]);
    expect([record.state, record.spaceId]).toEqual(['confirmed', 's1']);
  });
});
