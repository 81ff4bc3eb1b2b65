// The seed's metrics, computed from the records of spaces and bookings for one period and, optionally, one
// country. Each function answers one metric; docs/metrics.md gives their definitions next to the seed's words.
import type { BookingRecord } from './booking-record';
import { declines } from './host-answers';
import { inCountry, ratio, sum, within, type MetricsScope } from './metric-scope';
import type { SpaceRecord } from './space-record';
import { seriesStability } from './series-stability';

export type { MetricsScope };

/** A venue change this close to the event's start is a late one. */
export const LATE_VENUE_CHANGE_MS = 72 * 3_600_000;

/** Bookings held whose event started in the period, in the scope's country. */
export function heldEvents(bookings: BookingRecord[], scope: MetricsScope): BookingRecord[] {
  return bookings.filter(
    (b) => b.state === 'held' && b.report && within(b.eventStart, scope) && inCountry(b.country, scope),
  );
}

export function registeredSpaces(spaces: SpaceRecord[], scope: MetricsScope) {
  const listed = spaces.filter(
    (s) =>
      s.approvedAt !== null &&
      Date.parse(s.approvedAt) < scope.to.getTime() &&
      (s.retiredAt === null || Date.parse(s.retiredAt) >= scope.to.getTime()) &&
      inCountry(s.country, scope),
  );
  const byCountry: Record<string, number> = {};
  for (const space of listed) {
    const country = space.country ?? 'unknown';
    byCountry[country] = (byCountry[country] ?? 0) + 1;
  }
  return {
    total: listed.length,
    free: listed.filter((s) => s.pricingModel === 'free').length,
    paid: listed.filter((s) => s.pricingModel === 'paid').length,
    byCountry,
    approvedInPeriod: listed.filter((s) => within(s.approvedAt, scope)).length,
  };
}

function requestedIn(bookings: BookingRecord[], scope: MetricsScope): BookingRecord[] {
  return bookings.filter((b) => within(b.requestedAt, scope) && inCountry(b.country, scope));
}

export function availabilityRequests(bookings: BookingRecord[], scope: MetricsScope): number {
  return requestedIn(bookings, scope).length;
}

export function eventsConducted(bookings: BookingRecord[], scope: MetricsScope): number {
  return heldEvents(bookings, scope).length;
}

export function conductedRatio(bookings: BookingRecord[], scope: MetricsScope) {
  const requested = requestedIn(bookings, scope);
  const held = requested.filter((b) => b.state === 'held').length;
  return { requested: requested.length, held, ratio: ratio(held, requested.length) };
}

export interface MoneySaved {
  saved: number;
  marketCost: number;
  paid: number;
  events: number;
}

export function moneySaved(bookings: BookingRecord[], scope: MetricsScope) {
  const byCurrency: Record<string, MoneySaved> = {};
  let withoutMarketRate = 0;
  for (const booking of heldEvents(bookings, scope)) {
    const report = booking.report!;
    if (report.marketCost === null || !report.currency) {
      withoutMarketRate++;
      continue;
    }
    const entry = (byCurrency[report.currency] ??= { saved: 0, marketCost: 0, paid: 0, events: 0 });
    entry.marketCost += report.marketCost;
    entry.paid += report.amountPaid;
    entry.saved += report.marketCost - report.amountPaid;
    entry.events++;
  }
  for (const entry of Object.values(byCurrency)) {
    for (const key of ['saved', 'marketCost', 'paid'] as const)
      entry[key] = Math.round(entry[key] * 100) / 100;
  }
  return { byCurrency, eventsWithoutMarketRate: withoutMarketRate };
}

/**
 * `previousOf` finds an event's previous one among all bookings: a community's previous event may lie before
 * the period or in another country.
 */
export function stability(
  bookings: BookingRecord[],
  scope: MetricsScope,
  previousOf: PreviousHeldEvent = previousHeldEvents(bookings),
) {
  let withPrevious = 0;
  let sameSpace = 0;
  for (const booking of heldEvents(bookings, scope)) {
    const previous = previousOf(booking);
    if (!previous) continue;
    withPrevious++;
    if (previous.spaceId === booking.spaceId) sameSpace++;
  }
  const lateVenueChanges = bookings
    .filter((b) => within(b.eventStart, scope) && inCountry(b.country, scope))
    .flatMap((b) =>
      b.venueChanges.filter(
        (change) => Date.parse(b.eventStart) - Date.parse(change.at) <= LATE_VENUE_CHANGE_MS,
      ),
    ).length;
  return {
    eventsWithPrevious: withPrevious,
    sameSpaceAsPrevious: sameSpace,
    repeatVenueShare: ratio(sameSpace, withPrevious),
    lateVenueChanges,
  };
}

/**
 * For a held booking, the community's held event that started last before it (of several starting at that
 * moment, the first in `bookings`' order); each community's events are sorted once, then searched by halves.
 */
export type PreviousHeldEvent = (booking: BookingRecord) => BookingRecord | undefined;

export function previousHeldEvents(bookings: BookingRecord[]): PreviousHeldEvent {
  const byCommunity = new Map<string, { start: number; booking: BookingRecord }[]>();
  for (const booking of bookings) {
    if (booking.state !== 'held') continue;
    const events = byCommunity.get(booking.community) ?? [];
    events.push({ start: Date.parse(booking.eventStart), booking });
    byCommunity.set(booking.community, events);
  }
  // Array.prototype.sort is stable: events starting together keep the order they came in.
  for (const events of byCommunity.values()) events.sort((a, b) => a.start - b.start);
  return (booking) => {
    const events = byCommunity.get(booking.community) ?? [];
    const start = Date.parse(booking.eventStart);
    let low = 0;
    let high = events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (events[middle].start < start) low = middle + 1;
      else high = middle;
    }
    if (low === 0) return undefined;
    let first = low - 1;
    while (first > 0 && events[first - 1].start === events[low - 1].start) first--;
    return events[first].booking;
  };
}

function attendanceOf(held: BookingRecord[]) {
  const ageGroups: Record<string, number> = {};
  for (const booking of held) {
    for (const [group, count] of Object.entries(booking.report!.ageGroups)) {
      ageGroups[group] = (ageGroups[group] ?? 0) + count;
    }
  }
  const attendance = sum(held.map((b) => b.report!.attendance));
  const newcomers = sum(held.map((b) => b.report!.newcomers));
  return {
    events: held.length,
    attendance,
    newcomers,
    newcomerShare: ratio(newcomers, attendance),
    ageGroups,
  };
}

/** Growth as a share of the previous period's value: 0.25 is a quarter more; null without a previous value. */
const growth = (now: number, before: number) => ratio(now - before, before);

export function diversity(bookings: BookingRecord[], scope: MetricsScope) {
  const current = attendanceOf(heldEvents(bookings, scope));
  if (scope.from === null) return { ...current, growth: null };
  const length = scope.to.getTime() - scope.from.getTime();
  const previousScope = { ...scope, from: new Date(scope.from.getTime() - length), to: scope.from };
  const previous = attendanceOf(heldEvents(bookings, previousScope));
  return {
    ...current,
    growth: {
      previousPeriod: { from: previousScope.from.toISOString(), to: previousScope.to.toISOString() },
      events: growth(current.events, previous.events),
      attendance: growth(current.attendance, previous.attendance),
      newcomers: growth(current.newcomers, previous.newcomers),
    },
  };
}

/** The middle value; the mean of the two middle ones for an even count. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function readiness(bookings: BookingRecord[], scope: MetricsScope) {
  const asks = bookings
    .flatMap((b) => b.asks)
    .filter((a) => within(a.at, scope) && inCountry(a.country, scope));
  const answers = asks.flatMap((a) => (a.answer ? [a.answer] : []));
  const accepted = answers.filter((a) => a.accepted).length;
  const hours = median(answers.map((a) => a.hoursToAnswer));
  return {
    hostsAsked: asks.length,
    answered: answers.length,
    responseRate: ratio(answers.length, asks.length),
    medianHoursToAnswer: hours === null ? null : Math.round(hours * 100) / 100,
    accepted,
    acceptanceRate: ratio(accepted, answers.length),
  };
}

export function protocols(bookings: BookingRecord[], scope: MetricsScope) {
  const here = bookings.filter((b) => inCountry(b.country, scope));
  const count = (pick: (b: BookingRecord) => string[]) =>
    here.flatMap(pick).filter((at) => within(at, scope)).length;
  const cancelled = here.filter((b) => b.cancelled && within(b.cancelled.at, scope));
  return {
    lateDenials: count((b) => b.lateDenials),
    fallbackRescues: count((b) => b.rescues),
    escalations: count((b) => b.escalations),
    unplaced: count((b) => b.unplaced),
    cancellations: {
      organizer: cancelled.filter((b) => b.cancelled!.by === 'organizer').length,
      operator: cancelled.filter((b) => b.cancelled!.by === 'operator').length,
    },
  };
}

export function freeShare(bookings: BookingRecord[], scope: MetricsScope) {
  const held = heldEvents(bookings, scope);
  const free = held.filter((b) => b.pricingModel === 'free').length;
  const paid = held.filter((b) => b.pricingModel === 'paid').length;
  return { free, paid, share: ratio(free, free + paid) };
}

/**
 * The first and the last moment of a booking that any metric here looks at: its request, its event's start,
 * its hosts' asks and answers, its venue changes, the protocols' steps and its cancellation. A period that holds
 * none of them, nor the period of the same length before it (which diversity compares with), does not count
 * the booking in any metric, except as an earlier event in stability (see `previousOf`).
 */
export function momentsSpan(booking: BookingRecord): { first: number; last: number } {
  const moments = [
    booking.requestedAt,
    booking.eventStart,
    ...booking.asks.flatMap((ask) => [ask.at, ask.answer?.at]),
    ...booking.venueChanges.map((change) => change.at),
    ...booking.lateDenials,
    ...booking.rescues,
    ...booking.escalations,
    ...booking.unplaced,
    ...(booking.offersTaken ?? []).map((taken) => taken.at),
    booking.cancelled?.at,
  ]
    .map((iso) => (iso ? Date.parse(iso) : Number.NaN))
    .filter((time) => !Number.isNaN(time));
  return { first: Math.min(...moments), last: Math.max(...moments) };
}

/** `previousOf` may be given when it was made from all bookings once for many periods. */
export function seedMetrics(
  spaces: SpaceRecord[],
  bookings: BookingRecord[],
  scope: MetricsScope,
  previousOf: PreviousHeldEvent = previousHeldEvents(bookings),
) {
  return {
    period: { from: scope.from?.toISOString() ?? null, to: scope.to.toISOString() },
    country: scope.country,
    registeredSpaces: registeredSpaces(spaces, scope),
    availabilityRequests: availabilityRequests(bookings, scope),
    eventsConducted: eventsConducted(bookings, scope),
    conductedRatio: conductedRatio(bookings, scope),
    moneySaved: moneySaved(bookings, scope),
    stability: stability(bookings, scope, previousOf),
    seriesStability: seriesStability(bookings, scope),
    diversity: diversity(bookings, scope),
    readiness: readiness(bookings, scope),
    declines: declines(bookings, scope),
    protocols: protocols(bookings, scope),
    freeShare: freeShare(bookings, scope),
  };
}

export type SeedMetrics = ReturnType<typeof seedMetrics>;
