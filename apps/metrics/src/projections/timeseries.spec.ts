import fc from 'fast-check';
import { approvedSpace, booking } from '../../test/booking-events';
import { foldBooking } from './booking-record';
import { seedMetrics } from './seed-metrics';
import { foldSpace } from './space-record';
import { isSeriesName, SERIES, seriesCsv, sliceStart, slices, timeseries } from './timeseries';

describe('time series', () => {
  it.each([
    ['2026-03-18T15:00:00Z', 'week', '2026-03-16T00:00:00.000Z'],
    ['2026-03-22T23:59:59Z', 'week', '2026-03-16T00:00:00.000Z'],
    ['2026-03-23T00:00:00Z', 'week', '2026-03-23T00:00:00.000Z'],
    ['2026-03-18T15:00:00Z', 'month', '2026-03-01T00:00:00.000Z'],
  ] as const)('%s falls in the %s starting %s', (time, interval, start) => {
    expect(sliceStart(new Date(time), interval).toISOString()).toBe(start);
  });

  it('cuts a period into the months it touches', () => {
    const cut = slices(new Date('2026-01-15T00:00:00Z'), new Date('2026-03-02T00:00:00Z'), 'month');
    expect(cut.map((slice) => slice.from.toISOString().slice(0, 10))).toEqual([
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
    ]);
  });

  it.each([
    ['eventsConducted', true],
    ['moneySaved.EUR', true],
    ['moneySaved.eur', false],
    ['toString', false],
  ])('%s is a series: %p', (name, known) => {
    expect(isSeriesName(name)).toBe(known);
  });

  it('gives each month its own value, and the CSV one row per month', () => {
    const bookings = [
      booking('b1', { requestedAt: '2026-01-10T10:00:00.000Z' }).requested().asked().answered(true, 1).held(),
      booking('b2', { requestedAt: '2026-03-02T10:00:00.000Z' }).requested().asked().answered(true, 1).held(),
      booking('b3', { requestedAt: '2026-03-03T10:00:00.000Z' }).requested(),
    ].map((story) => foldBooking(story.events)!);
    const spaces = [foldSpace(approvedSpace('s1', { approvedAt: '2026-02-10T00:00:00.000Z' }))!];
    const scope = {
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-04-01T00:00:00Z'),
      country: null,
    };
    const series = timeseries(
      ['availabilityRequests', 'registeredSpaces', 'moneySaved.EUR'],
      spaces,
      bookings,
      scope,
      'month',
    );
    expect(series.availabilityRequests.map((point) => point.value)).toEqual([1, 0, 2]);
    expect(series.registeredSpaces.map((point) => point.value)).toEqual([0, 1, 1]);
    expect(series['moneySaved.EUR'].map((point) => point.value)).toEqual([100, 0, 100]);
    expect(seriesCsv(series).split('\r\n')).toEqual([
      'from,to,availabilityRequests,registeredSpaces,moneySaved.EUR',
      '2026-01-01T00:00:00.000Z,2026-02-01T00:00:00.000Z,1,0,100',
      '2026-02-01T00:00:00.000Z,2026-03-01T00:00:00.000Z,0,1,0',
      '2026-03-01T00:00:00.000Z,2026-04-01T00:00:00.000Z,2,1,100',
      '',
    ]);
  });

  it('gives, slice by slice, the metrics of that slice over all bookings, for any bookings and either interval', () => {
    const spaces = [foldSpace(approvedSpace('s1'))!, foldSpace(approvedSpace('s2', { country: 'IN' }))!];
    const life = fc.record({
      community: fc.constantFrom('A', 'B'),
      space: fc.constantFrom('s1', 's2'),
      requestedDay: fc.integer({ min: 0, max: 90 }),
      daysAhead: fc.integer({ min: 0, max: 60 }),
      steps: fc.array(fc.constantFrom('escalated', 'lateDenial', 'rescued', 'asked'), { maxLength: 3 }),
      end: fc.constantFrom('held', 'notHeld', 'cancelled', 'unplaced', 'open'),
    });
    fc.assert(
      fc.property(
        fc.array(life, { maxLength: 30 }),
        fc.constantFrom('week' as const, 'month' as const),
        fc.constantFrom(null, 'IN'),
        (lives, interval, country) => {
          const records = lives.map((one, index) => {
            const requestedAt = new Date(Date.UTC(2026, 0, 1) + one.requestedDay * 86_400_000).toISOString();
            const eventStart = new Date(Date.parse(requestedAt) + one.daysAhead * 86_400_000).toISOString();
            const story = booking(`b${index}`, { community: one.community, requestedAt, eventStart })
              .at(one.space, one.space === 's2' ? 'IN' : 'DE')
              .requested()
              .asked()
              .answered(true, 2);
            for (const step of one.steps) story[step]();
            if (one.end === 'held') story.held();
            if (one.end === 'notHeld') story.notHeld();
            if (one.end === 'cancelled') story.cancelled('organizer');
            if (one.end === 'unplaced') story.unplaced();
            return foldBooking(story.events)!;
          });
          const scope = {
            from: new Date('2026-02-01T00:00:00Z'),
            to: new Date('2026-05-01T00:00:00Z'),
            country,
          };
          const names = [...Object.keys(SERIES), 'moneySaved.EUR'];
          const series = timeseries(names, spaces, records, scope, interval);
          slices(scope.from, scope.to, interval).forEach((slice, index) => {
            const metrics = seedMetrics(spaces, records, { ...slice, country });
            for (const name of Object.keys(SERIES))
              expect(series[name][index].value).toBe(SERIES[name](metrics));
            expect(series['moneySaved.EUR'][index].value).toBe(metrics.moneySaved.byCurrency.EUR?.saved ?? 0);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
