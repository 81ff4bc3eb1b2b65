// One booking as the metrics see it, folded from its events in the order they happened. Pure: the same events
// give the same record whatever order they arrived in, so a rebuild from the event log gives the same numbers.
import {
  bookingCancelled,
  bookingConfirmed,
  bookingEscalated,
  bookingFallbackStarted,
  bookingHeld,
  bookingHostAnswered,
  bookingHostAsked,
  bookingLateDenial,
  bookingNotHeld,
  bookingOfferTaken,
  bookingRequested,
  bookingRescued,
  bookingUnplaced,
  bookingUnreported,
  type BookingCancelled,
  type BookingHeld,
  type BookingHostAnswered,
  type BookingOfferTaken,
  type BookingRequested,
  type BookingStep,
  type DeclineReason,
  type PricingModel,
} from '@cocomo/contracts';

/** The names of the catalogue's events about bookings begin so: a booking's record is folded from these. */
export const BOOKING_EVENTS = 'booking.';

/** An event as the log keeps it. */
export interface LoggedEvent {
  name: string;
  occurredAt: string;
  payload: unknown;
}

export interface HostAsk {
  spaceId: string;
  country: string | null;
  at: string;
  /** A decline may say why, and how many other times the host offered (answers before these lack them). */
  answer: {
    accepted: boolean;
    hoursToAnswer: number;
    at: string;
    reason?: DeclineReason;
    offers?: number;
  } | null;
}

/** The organizer took a time a declining host offered, at that host's space. */
export interface OfferTaken {
  at: string;
  spaceId: string;
  country: string | null;
}

export interface VenueChange {
  at: string;
  from: string;
  to: string;
}

/** Where the booking stands after its last event. */
export type BookingState =
  | 'seeking'
  | 'confirmed'
  | 'seeking_fallback'
  | 'unplaced'
  | 'cancelled'
  | 'held'
  | 'not_held'
  | 'unreported';

export interface HeldReport {
  attendance: number;
  newcomers: number;
  ageGroups: Record<string, number>;
  amountPaid: number;
  marketCost: number | null;
  currency: string | null;
}

export interface BookingRecord {
  bookingId: string;
  community: string;
  /** When the organizer asked; null until booking.requested has arrived. */
  requestedAt: string | null;
  eventStart: string;
  eventEnd: string;
  /** The country of the space the booking was placed at, else of the first space asked. */
  country: string | null;
  pricingModel: PricingModel | null;
  /** The space the booking is (or was last) placed at. */
  spaceId: string | null;
  state: BookingState;
  asks: HostAsk[];
  venueChanges: VenueChange[];
  lateDenials: string[];
  rescues: string[];
  escalations: string[];
  unplaced: string[];
  offersTaken: OfferTaken[];
  cancelled: { at: string; by: BookingCancelled['by'] } | null;
  report: HeldReport | null;
  /** A date of a recurring series (records folded before series existed lack it). */
  series?: { seriesId: string; spaceId: string | null; date: string } | null;
}

const TERMINAL: BookingState[] = ['cancelled', 'held', 'not_held', 'unreported'];

function stepTime(event: LoggedEvent): string {
  return (event.payload as Partial<BookingStep>).at ?? event.occurredAt;
}

/** The events in the order they happened; ties keep the order of their names so the fold is deterministic. */
export function inOrder(events: LoggedEvent[]): LoggedEvent[] {
  return [...events].sort(
    (a, b) =>
      Date.parse(stepTime(a)) - Date.parse(stepTime(b)) ||
      Date.parse(a.occurredAt) - Date.parse(b.occurredAt) ||
      a.name.localeCompare(b.name),
  );
}

/** Folds the events of one booking into its record; undefined when none of them is a booking event. */
export function foldBooking(events: LoggedEvent[]): BookingRecord | undefined {
  let record: BookingRecord | undefined;
  let firstAskCountry: string | null = null;
  let placedCountry: string | null = null;
  for (const event of inOrder(events)) {
    if (!event.name.startsWith(BOOKING_EVENTS)) continue;
    const step = event.payload as BookingStep;
    const at = stepTime(event);
    record ??= {
      bookingId: step.bookingId,
      community: step.community,
      requestedAt: null,
      eventStart: step.eventStart,
      eventEnd: step.eventEnd,
      country: null,
      pricingModel: null,
      spaceId: null,
      state: 'seeking',
      asks: [],
      venueChanges: [],
      lateDenials: [],
      rescues: [],
      escalations: [],
      unplaced: [],
      offersTaken: [],
      cancelled: null,
      report: null,
    };
    const current = record;
    // The event's time may move (an operator changes it); the latest step tells the latest time.
    current.eventStart = step.eventStart;
    current.eventEnd = step.eventEnd;
    const closed = TERMINAL.includes(current.state);
    const placeAt = () => {
      if (!step.spaceId) return;
      if (current.spaceId && current.spaceId !== step.spaceId) {
        current.venueChanges.push({ at, from: current.spaceId, to: step.spaceId });
      }
      current.spaceId = step.spaceId;
      placedCountry = step.country ?? placedCountry;
      current.pricingModel = step.pricingModel ?? current.pricingModel;
    };
    switch (event.name) {
      case bookingRequested.name:
        current.requestedAt = at;
        current.series = (event.payload as BookingRequested).series ?? null;
        break;
      case bookingHostAsked.name:
        if (step.spaceId) {
          current.asks.push({ spaceId: step.spaceId, country: step.country ?? null, at, answer: null });
          firstAskCountry ??= step.country ?? null;
        }
        break;
      case bookingHostAnswered.name: {
        const answered = event.payload as BookingHostAnswered;
        const ask = [...current.asks].reverse().find((a) => a.spaceId === answered.spaceId && !a.answer);
        if (ask) {
          ask.answer = {
            accepted: answered.accepted,
            hoursToAnswer: answered.hoursToAnswer,
            at,
            ...(answered.reason ? { reason: answered.reason } : {}),
            ...(answered.offers ? { offers: answered.offers } : {}),
          };
        }
        break;
      }
      case bookingOfferTaken.name: {
        const taken = event.payload as BookingOfferTaken;
        // A record kept from before offered times existed has no list of them yet.
        (current.offersTaken ??= []).push({ at, spaceId: taken.spaceId, country: taken.country ?? null });
        break;
      }
      case bookingConfirmed.name:
      case bookingRescued.name:
        if (event.name === bookingRescued.name) current.rescues.push(at);
        placeAt();
        if (!closed) current.state = 'confirmed';
        break;
      case bookingLateDenial.name:
        current.lateDenials.push(at);
        if (!closed) current.state = 'seeking_fallback';
        break;
      case bookingFallbackStarted.name:
        if (!closed) current.state = 'seeking_fallback';
        break;
      case bookingEscalated.name:
        current.escalations.push(at);
        break;
      case bookingUnplaced.name:
        current.unplaced.push(at);
        if (!closed) current.state = 'unplaced';
        break;
      case bookingCancelled.name:
        current.cancelled = { at, by: (event.payload as BookingCancelled).by };
        current.state = 'cancelled';
        break;
      case bookingHeld.name: {
        const held = event.payload as BookingHeld;
        placeAt();
        current.report = {
          attendance: held.attendance,
          newcomers: held.newcomers,
          ageGroups: held.ageGroups ?? {},
          amountPaid: held.amountPaid,
          marketCost: held.marketCost,
          currency: held.currency,
        };
        current.state = 'held';
        break;
      }
      case bookingNotHeld.name:
        current.state = 'not_held';
        break;
      case bookingUnreported.name:
        current.state = 'unreported';
        break;
    }
  }
  if (record) record.country = placedCountry ?? firstAskCountry;
  return record;
}
