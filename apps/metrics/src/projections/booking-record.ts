// One booking as the metrics see it, folded from its events in the order they happened. Pure: the same events
// give the same record whatever order they arrived in, so a rebuild from the event log gives the same numbers.
import type {
  BookingCancelled,
  BookingHeld,
  BookingHostAnswered,
  BookingStep,
  PricingModel,
} from '@cocomo/contracts';

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
  answer: { accepted: boolean; hoursToAnswer: number; at: string } | null;
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
  cancelled: { at: string; by: BookingCancelled['by'] } | null;
  report: HeldReport | null;
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
    if (!event.name.startsWith('booking.')) continue;
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
      case 'booking.requested':
        current.requestedAt = at;
        break;
      case 'booking.host-asked':
        if (step.spaceId) {
          current.asks.push({ spaceId: step.spaceId, country: step.country ?? null, at, answer: null });
          firstAskCountry ??= step.country ?? null;
        }
        break;
      case 'booking.host-answered': {
        const answered = event.payload as BookingHostAnswered;
        const ask = [...current.asks].reverse().find((a) => a.spaceId === answered.spaceId && !a.answer);
        if (ask) ask.answer = { accepted: answered.accepted, hoursToAnswer: answered.hoursToAnswer, at };
        break;
      }
      case 'booking.confirmed':
      case 'booking.rescued':
        if (event.name === 'booking.rescued') current.rescues.push(at);
        placeAt();
        if (!closed) current.state = 'confirmed';
        break;
      case 'booking.late-denial':
        current.lateDenials.push(at);
        if (!closed) current.state = 'seeking_fallback';
        break;
      case 'booking.fallback-started':
        if (!closed) current.state = 'seeking_fallback';
        break;
      case 'booking.escalated':
        current.escalations.push(at);
        break;
      case 'booking.unplaced':
        current.unplaced.push(at);
        if (!closed) current.state = 'unplaced';
        break;
      case 'booking.cancelled':
        current.cancelled = { at, by: (event.payload as BookingCancelled).by };
        current.state = 'cancelled';
        break;
      case 'booking.held': {
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
      case 'booking.not-held':
        current.state = 'not_held';
        break;
      case 'booking.unreported':
        current.state = 'unreported';
        break;
    }
  }
  if (record) record.country = placedCountry ?? firstAskCountry;
  return record;
}
