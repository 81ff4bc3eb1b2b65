// Stability of recurring series, beside single events: how many of a series' dates were held at the space
// asked for the whole series, how often a date changed its space late, and how long series last (from the
// first date to the last one held). Learnt from booking.requested naming each date's series; pure.
import type { BookingRecord } from './booking-record';
import { inCountry, ratio, within, type MetricsScope } from './metric-scope';
import { LATE_VENUE_CHANGE_MS } from './seed-metrics';

const WEEK_MS = 7 * 86_400_000;

const lateChanges = (booking: BookingRecord) =>
  booking.venueChanges.filter(
    (change) => Date.parse(booking.eventStart) - Date.parse(change.at) <= LATE_VENUE_CHANGE_MS,
  ).length;

export interface SeriesFigures {
  seriesId: string;
  community: string;
  dates: number;
  /** Dates held at the space the series was asked of. */
  heldAtItsSpace: number;
  heldElsewhere: number;
  shareHeldAtItsSpace: number | null;
  lateVenueChanges: number;
  /** Weeks from the first date to the last date held; 0 with one date held or none. */
  weeksHeld: number;
}

/** Each series with a date in the period (and the country), and the figures of its dates there. */
export function seriesFigures(bookings: BookingRecord[], scope: MetricsScope): SeriesFigures[] {
  const bySeries = new Map<string, BookingRecord[]>();
  for (const booking of bookings) {
    if (!booking.series || !within(booking.eventStart, scope) || !inCountry(booking.country, scope)) continue;
    bySeries.set(booking.series.seriesId, [...(bySeries.get(booking.series.seriesId) ?? []), booking]);
  }
  return [...bySeries].map(([seriesId, dates]) => {
    const seriesSpace = dates[0].series!.spaceId;
    const held = dates
      .filter((date) => date.state === 'held')
      .map((date) => Date.parse(date.eventStart))
      .sort((a, b) => a - b);
    const atItsSpace = dates.filter((date) => date.state === 'held' && date.spaceId === seriesSpace).length;
    return {
      seriesId,
      community: dates[0].community,
      dates: dates.length,
      heldAtItsSpace: atItsSpace,
      heldElsewhere: held.length - atItsSpace,
      shareHeldAtItsSpace: ratio(atItsSpace, dates.length),
      lateVenueChanges: dates.reduce((total, date) => total + lateChanges(date), 0),
      weeksHeld: held.length > 1 ? Math.round(((held.at(-1)! - held[0]) / WEEK_MS) * 10) / 10 : 0,
    };
  });
}

type Totals = Omit<SeriesFigures, 'seriesId' | 'community' | 'weeksHeld'> & { series: number };

function totals(figures: SeriesFigures[]): Totals {
  const add = (key: 'dates' | 'heldAtItsSpace' | 'heldElsewhere' | 'lateVenueChanges') =>
    figures.reduce((total, one) => total + one[key], 0);
  return {
    series: figures.length,
    dates: add('dates'),
    heldAtItsSpace: add('heldAtItsSpace'),
    heldElsewhere: add('heldElsewhere'),
    shareHeldAtItsSpace: ratio(add('heldAtItsSpace'), add('dates')),
    lateVenueChanges: add('lateVenueChanges'),
  };
}

/** The series of the period, in all and per community, and the single events beside them. */
export function seriesStability(bookings: BookingRecord[], scope: MetricsScope) {
  const figures = seriesFigures(bookings, scope);
  const communities = [...new Set(figures.map((one) => one.community))].sort();
  const singles = bookings.filter(
    (booking) => !booking.series && within(booking.eventStart, scope) && inCountry(booking.country, scope),
  );
  const held = singles.filter((booking) => booking.state === 'held').length;
  return {
    ...totals(figures),
    averageWeeksHeld:
      figures.length === 0
        ? null
        : Math.round((figures.reduce((total, one) => total + one.weeksHeld, 0) / figures.length) * 10) / 10,
    byCommunity: communities.map((community) => ({
      community,
      ...totals(figures.filter((one) => one.community === community)),
    })),
    eachSeries: figures,
    singleEvents: {
      events: singles.length,
      held,
      lateVenueChanges: singles.reduce((total, booking) => total + lateChanges(booking), 0),
    },
  };
}
