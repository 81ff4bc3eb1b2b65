import type { BookingRecord } from './booking-record';
import type { MetricsScope } from './metric-scope';
import { seriesStability } from './series-stability';

const scope: MetricsScope = {
  from: new Date('2027-01-01T00:00:00Z'),
  to: new Date('2028-01-01T00:00:00Z'),
  country: null,
};

/** A date of series `seriesId` asked of space s1, the `month`-th month of 2027, where it ended as `state` at `spaceId`. */
function date(
  seriesId: string | null,
  month: number,
  state: BookingRecord['state'],
  spaceId: string | null,
  change: Partial<BookingRecord> = {},
): BookingRecord {
  const start = new Date(Date.UTC(2027, month - 1, 9, 18)).toISOString();
  return {
    bookingId: `${seriesId}-${month}`,
    community: 'Berlin Rust',
    requestedAt: '2026-12-01T10:00:00.000Z',
    eventStart: start,
    eventEnd: start,
    country: 'DE',
    pricingModel: 'free',
    spaceId,
    state,
    asks: [],
    venueChanges: [],
    lateDenials: [],
    rescues: [],
    escalations: [],
    unplaced: [],
    offersTaken: [],
    cancelled: null,
    report: null,
    series: seriesId ? { seriesId, spaceId: 's1', date: start.slice(0, 10) } : null,
    ...change,
  };
}

/** A venue change `hours` before the date's start, from s1 to s2. */
const changedBefore = (month: number, hours: number) => ({
  venueChanges: [
    {
      at: new Date(Date.UTC(2027, month - 1, 9, 18) - hours * 3_600_000).toISOString(),
      from: 's1',
      to: 's2',
    },
  ],
});

describe('the stability of series', () => {
  it('counts the dates held at the space the series was asked of, late venue changes and how long it lasted', () => {
    const bookings = [
      date('x', 1, 'held', 's1'),
      date('x', 2, 'held', 's1'),
      date('x', 3, 'held', 's2', changedBefore(3, 24)),
      date('x', 4, 'held', 's1'),
      date('x', 5, 'held', 's2'),
      date('x', 6, 'cancelled', 's2'),
      date(null, 7, 'held', 's1', changedBefore(7, 12)),
      date(null, 8, 'not_held', 's2'),
    ];
    const figures = seriesStability(bookings, scope);
    expect(figures).toMatchObject({
      series: 1,
      dates: 6,
      heldAtItsSpace: 3,
      heldElsewhere: 2,
      shareHeldAtItsSpace: 0.5,
      lateVenueChanges: 1,
      singleEvents: { events: 2, held: 1, lateVenueChanges: 1 },
    });
    // From 9 January to 9 May 2027: 17.1 weeks.
    expect(figures.eachSeries).toEqual([expect.objectContaining({ seriesId: 'x', weeksHeld: 17.1 })]);
    expect(figures.averageWeeksHeld).toBe(17.1);
  });

  it.each<[string, Partial<BookingRecord>, number]>([
    ['a venue change weeks before the date is not late', changedBefore(2, 24 * 20), 0],
    ['one the day before is', changedBefore(2, 24), 1],
  ])('%s', (_name, change, late) => {
    expect(seriesStability([date('x', 2, 'held', 's2', change)], scope).lateVenueChanges).toBe(late);
  });

  it('keeps communities apart, and counts only the dates in the period and the country', () => {
    const bookings = [
      date('x', 1, 'held', 's1'),
      date('x', 2, 'held', 's2'),
      date('y', 1, 'held', 's1', { community: 'Pune Python' }),
      date('y', 2, 'held', 's1', { community: 'Pune Python', country: 'IN' }),
      { ...date('x', 3, 'held', 's1'), eventStart: '2028-02-01T18:00:00.000Z' },
    ];
    const figures = seriesStability(bookings, scope);
    expect(figures.byCommunity).toEqual([
      expect.objectContaining({ community: 'Berlin Rust', series: 1, dates: 2, shareHeldAtItsSpace: 0.5 }),
      expect.objectContaining({ community: 'Pune Python', series: 1, dates: 2, shareHeldAtItsSpace: 1 }),
    ]);
    const inGermany = seriesStability(bookings, { ...scope, country: 'DE' });
    expect(inGermany).toMatchObject({ series: 2, dates: 3 });
  });

  it('has nothing to divide by without a series', () => {
    expect(seriesStability([date(null, 1, 'held', 's1')], scope)).toMatchObject({
      series: 0,
      shareHeldAtItsSpace: null,
      averageWeeksHeld: null,
    });
  });
});
