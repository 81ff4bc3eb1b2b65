// The metrics over time: the period cut into weeks (from Monday, UTC) or calendar months (UTC), one value of a
// metric per slice, and the CSV export of every metric per slice.
import type { BookingRecord } from './booking-record';
import {
  momentsSpan,
  previousHeldEvents,
  seedMetrics,
  type MetricsScope,
  type SeedMetrics,
} from './seed-metrics';
import type { SpaceRecord } from './space-record';

export type Interval = 'week' | 'month';

/** Each metric a time series can show, as one number (or null when it is a ratio of nothing). */
export const SERIES: Record<string, (m: SeedMetrics) => number | null> = {
  registeredSpaces: (m) => m.registeredSpaces.total,
  availabilityRequests: (m) => m.availabilityRequests,
  eventsConducted: (m) => m.eventsConducted,
  conductedRatio: (m) => m.conductedRatio.ratio,
  attendance: (m) => m.diversity.attendance,
  newcomers: (m) => m.diversity.newcomers,
  repeatVenueShare: (m) => m.stability.repeatVenueShare,
  lateVenueChanges: (m) => m.stability.lateVenueChanges,
  hostResponseRate: (m) => m.readiness.responseRate,
  medianHoursToAnswer: (m) => m.readiness.medianHoursToAnswer,
  acceptanceRate: (m) => m.readiness.acceptanceRate,
  lateDenials: (m) => m.protocols.lateDenials,
  fallbackRescues: (m) => m.protocols.fallbackRescues,
  escalations: (m) => m.protocols.escalations,
  unplaced: (m) => m.protocols.unplaced,
  cancellations: (m) => m.protocols.cancellations.organizer + m.protocols.cancellations.operator,
  freeShare: (m) => m.freeShare.share,
  declines: (m) => m.declines.declined,
  offersMade: (m) => m.declines.offersMade,
  offersTaken: (m) => m.declines.offersTaken,
};
export const SERIES_NAMES = Object.keys(SERIES);
/** Money saved has one series per currency: `moneySaved.EUR`. */
export const MONEY_SERIES = /^moneySaved\.([A-Z]{3})$/;

export function isSeriesName(name: string): boolean {
  return Object.hasOwn(SERIES, name) || MONEY_SERIES.test(name);
}

function valueOf(name: string, metrics: SeedMetrics): number | null {
  const money = MONEY_SERIES.exec(name);
  if (money) return metrics.moneySaved.byCurrency[money[1]]?.saved ?? 0;
  return SERIES[name](metrics);
}

/** The start of the week (Monday 00:00 UTC) or month holding `time`. */
export function sliceStart(time: Date, interval: Interval): Date {
  if (interval === 'month') return new Date(Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), 1));
  const day = new Date(Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), time.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
}

export function nextSlice(start: Date, interval: Interval): Date {
  if (interval === 'month') return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  return new Date(start.getTime() + 7 * 86_400_000);
}

/** The slices from the one holding `from` up to the one holding the last instant before `to`. */
export function slices(from: Date, to: Date, interval: Interval): { from: Date; to: Date }[] {
  const result: { from: Date; to: Date }[] = [];
  for (let start = sliceStart(from, interval); start < to; start = nextSlice(start, interval)) {
    result.push({ from: start, to: nextSlice(start, interval) });
  }
  return result;
}

export interface SeriesPoint {
  from: string;
  to: string;
  value: number | null;
}

export function timeseries(
  names: string[],
  spaces: SpaceRecord[],
  bookings: BookingRecord[],
  scope: MetricsScope & { from: Date },
  interval: Interval,
): Record<string, SeriesPoint[]> {
  const series: Record<string, SeriesPoint[]> = Object.fromEntries(names.map((name) => [name, []]));
  // Each slice's metrics are computed from the bookings with a moment in it or in the slice before (see
  // momentsSpan), so that a long series does not go through every booking once per slice.
  const previousOf = previousHeldEvents(bookings);
  const spans = bookings.map(momentsSpan);
  for (const slice of slices(scope.from, scope.to, interval)) {
    const reach = slice.from.getTime() - (slice.to.getTime() - slice.from.getTime());
    const end = slice.to.getTime();
    const concerned = bookings.filter((_, index) => spans[index].last >= reach && spans[index].first < end);
    const metrics = seedMetrics(spaces, concerned, { ...slice, country: scope.country }, previousOf);
    for (const name of names) {
      series[name].push({
        from: slice.from.toISOString(),
        to: slice.to.toISOString(),
        value: valueOf(name, metrics),
      });
    }
  }
  return series;
}

const csvCell = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  // A cell a spreadsheet would run as a formula is quoted with a leading apostrophe.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** One row per slice, one column per series. */
export function seriesCsv(series: Record<string, SeriesPoint[]>): string {
  const names = Object.keys(series);
  const rows = [['from', 'to', ...names].map(csvCell).join(',')];
  const length = names.length ? series[names[0]].length : 0;
  for (let index = 0; index < length; index++) {
    const first = series[names[0]][index];
    rows.push(
      [first.from, first.to, ...names.map((name) => series[name][index].value)].map(csvCell).join(','),
    );
  }
  return `${rows.join('\r\n')}\r\n`;
}
