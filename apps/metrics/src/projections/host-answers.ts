// Readiness of spaces beyond yes or no: why hosts decline, how often they offer another time instead, and how
// often organizers take one. Pure, over the booking records, like the seed's metrics beside it.
import { DECLINE_REASONS, type DeclineReason } from '@cocomo/contracts';
import type { BookingRecord } from './booking-record';
import { inCountry, ratio, within, type MetricsScope } from './metric-scope';

export type DeclineReasons = Record<DeclineReason | 'unsaid', number>;

/**
 * Over the declines answered during the period (by the country of the host's space): how many, by reason (a
 * host who gave none, and declines from before reasons were asked, are `unsaid`), how many offered other
 * times and how many times they offered; and the offered times organizers took during the period.
 */
export function declines(bookings: BookingRecord[], scope: MetricsScope) {
  const declined = bookings
    .flatMap((booking) => booking.asks)
    .filter((ask) => ask.answer && !ask.answer.accepted && within(ask.answer.at, scope))
    .filter((ask) => inCountry(ask.country, scope))
    .map((ask) => ask.answer!);
  const byReason = Object.fromEntries(
    [...DECLINE_REASONS, 'unsaid'].map((reason) => [reason, 0]),
  ) as DeclineReasons;
  for (const answer of declined) byReason[answer.reason ?? 'unsaid']++;
  const offersMade = declined.reduce((total, answer) => total + (answer.offers ?? 0), 0);
  const offersTaken = bookings
    // Records folded before offered times existed have none.
    .flatMap((booking) => booking.offersTaken ?? [])
    .filter((taken) => within(taken.at, scope) && inCountry(taken.country, scope)).length;
  return {
    declined: declined.length,
    byReason,
    withOffers: declined.filter((answer) => (answer.offers ?? 0) > 0).length,
    offersMade,
    offersTaken,
    takenShare: ratio(offersTaken, offersMade),
  };
}
