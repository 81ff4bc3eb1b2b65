// The words of the booking machine: its states and the groups of them that other code asks about, the facts
// it knows of a booking, the events it hears and the effects it asks for. Files that speak of bookings import
// these, not the machine; booking-machine.spec.ts holds each group of states to the transition table.
import type {
  BookingCancelled,
  bookingCancelled,
  bookingConfirmed,
  bookingEscalated,
  bookingFallbackStarted,
  bookingHeld,
  bookingHostAnswered,
  bookingHostAsked,
  bookingLateDenial,
  BookingMailAudience,
  BookingMailTemplate,
  bookingNotHeld,
  bookingOfferTaken,
  bookingRescued,
  bookingUnplaced,
  bookingUnreported,
  DeclineReason,
  TimerKind,
} from '@cocomo/contracts';

export type { DeclineReason, TimerKind };

export const BOOKING_STATES = [
  'requested',
  'pending_host',
  'confirmed',
  'reconfirming',
  'seeking_fallback',
  'unplaced',
  'awaiting_report',
  'cancelled',
  'held',
  'not_held',
  'unreported',
] as const;
export type BookingState = (typeof BOOKING_STATES)[number];

export const FINAL_STATES: readonly BookingState[] = ['cancelled', 'held', 'not_held', 'unreported'];

/** Still in play, before the event is over: the organizer or an operator may cancel it. */
export const OPEN_STATES: readonly BookingState[] = BOOKING_STATES.filter(
  (state) => state !== 'awaiting_report' && !FINAL_STATES.includes(state),
);

/**
 * The booking holds its space: no other event may have that space at an overlapping time (the database's
 * exclusion constraint booking_no_double_booking says the same), and its host may withdraw.
 */
export const HOLDING_STATES: readonly BookingState[] = ['confirmed', 'reconfirming'];

/** Looking for a space: the directory is asked, or hosts are. */
export const SEEKING_STATES: readonly BookingState[] = ['requested', 'pending_host', 'seeking_fallback'];

/** The event has its space, or was held there: the spaces a community returns to. */
export const PLACED_STATES: readonly BookingState[] = [
  'confirmed',
  'reconfirming',
  'awaiting_report',
  'held',
];

/** At most this many other times a declining host may offer. */
export const MOST_OFFERS = 3;

/** A time a declining host offered instead: the organizer may take it while the booking still looks for a space. */
export interface OfferedTime {
  /** Unique within the booking: the version of the decline that made it, and its place among that decline's. */
  id: string;
  spaceId: string;
  start: Date;
  end: Date;
}

/** A time, from its start to its end. */
export type TimeSlot = Pick<OfferedTime, 'start' | 'end'>;

/** What a host may say when declining: why, in a word (and a line of their own for "other"), and other times. */
export interface HostDecline {
  reason?: DeclineReason;
  /** The host's own line, for the reason "other". */
  note?: string;
  offers?: TimeSlot[];
}

/** What the machine knows of a booking. */
export interface BookingFacts {
  state: BookingState;
  /** Grows with every transition; timers carry the version they were set at. */
  version: number;
  start: Date;
  end: Date;
  /** Ranked spaces not asked yet, best first. */
  candidates: string[];
  /** Spaces asked and not answered yet, with the version at which each was asked. */
  asked: { spaceId: string; version: number }[];
  /** The space the event has, once a host accepted or an operator assigned it. */
  spaceId: string | null;
  /** Times declining hosts offered, open until the booking has a space or the time begins. */
  offers: OfferedTime[];
}

/** The states in which an offered time may still be taken: the booking has no space yet. */
export const OFFER_STATES: readonly BookingState[] = ['pending_host', 'seeking_fallback', 'unplaced'];

/** The offer, while the organizer may still take it: the booking has no space yet and the time lies ahead. */
export const openOffer = (
  facts: Pick<BookingFacts, 'state' | 'offers'>,
  offerId: string | undefined,
  now: Date,
): OfferedTime | undefined =>
  OFFER_STATES.includes(facts.state)
    ? facts.offers.find((offer) => offer.id === offerId && offer.start.getTime() > now.getTime())
    : undefined;

/** Whether the space waits for its host's answer in this round. */
export const isAsked = (facts: Pick<BookingFacts, 'asked'>, spaceId?: string): boolean =>
  facts.asked.some((ask) => ask.spaceId === spaceId);

/** Whether the booking holds this space now. */
export const holdsSpace = (facts: Pick<BookingFacts, 'state' | 'spaceId'>, spaceId?: string): boolean =>
  facts.spaceId === spaceId && HOLDING_STATES.includes(facts.state);

export interface EventReport {
  held: boolean;
  attendance: number;
  newcomers: number;
  amountPaid: number;
  ageGroups: Record<string, number>;
}

export type BookingEvent =
  | { type: 'candidatesRanked'; candidates: string[] }
  | { type: 'rankingFailed' }
  | { type: 'hostAccepted'; spaceId: string }
  | ({ type: 'hostDeclined'; spaceId: string } & HostDecline)
  /** The host of a series answered it: this date is taken at that space. */
  | { type: 'seriesAccepted'; spaceId: string }
  /** The host of a series did not take this date: it goes to the ranked spaces (without that one) as today. */
  | { type: 'seriesDateLeft'; spaceId: string; candidates: string[] }
  | { type: 'hostReconfirmed' }
  | { type: 'hostWithdrew' }
  | { type: 'organizerCancelled' }
  | { type: 'operatorCancelled'; reason: string }
  | { type: 'operatorAssigned'; spaceId: string }
  | { type: 'offerTaken'; offerId: string }
  /** The organizer pressed an offer, and the database refused it: the space is booked at that time now. */
  | { type: 'offerUnavailable'; offerId: string }
  | { type: 'reported'; report: EventReport }
  | { type: 'timerFired'; timer: TimerKind; version: number; spaceId?: string };

export type Audience = BookingMailAudience;

/** The catalogue's booking events that say no more than which booking, when, and at which space. */
type StepEvent =
  | typeof bookingHostAsked
  | typeof bookingConfirmed
  | typeof bookingLateDenial
  | typeof bookingFallbackStarted
  | typeof bookingRescued
  | typeof bookingEscalated
  | typeof bookingUnplaced
  | typeof bookingNotHeld
  | typeof bookingUnreported;

/** A step the metrics count: its event in the catalogue, with what only the machine knows of it. */
export type Recording =
  | { kind: 'record'; event: StepEvent; spaceId?: string }
  | {
      kind: 'record';
      event: typeof bookingHostAnswered;
      spaceId: string;
      accepted: boolean;
      /** The booking's version when this host was asked: the answer's delay is counted from then. */
      askedAtVersion: number;
      /** A decline's reason and how many other times it offered. */
      reason?: DeclineReason;
      offers?: number;
    }
  | { kind: 'record'; event: typeof bookingOfferTaken; spaceId: string; offerId: string }
  | { kind: 'record'; event: typeof bookingCancelled; by: BookingCancelled['by'] }
  | { kind: 'record'; event: typeof bookingHeld; spaceId?: string; report: EventReport };

/** What a transition asks the world to do; the service turns each into messages or timers. */
export type Effect =
  | { kind: 'askHosts'; spaceIds: string[] }
  | { kind: 'remindHost'; spaceId: string }
  | { kind: 'releaseHosts'; spaceIds: string[] }
  /**
   * A mail to the one its template is written to: the organizer, a host (of `spaceId`), the operators; a
   * decline's reason goes with the organizer's mail about it (its offers are in the facts, by `spaceId`).
   */
  | {
      kind: 'tell';
      mail: BookingMailTemplate;
      spaceId?: string;
      decline?: { reason: DeclineReason; note?: string };
    }
  /** The host of an event held is thanked, with the organizer's figures. */
  | { kind: 'thankHost'; spaceId: string; report: EventReport }
  | { kind: 'setTimer'; timer: TimerKind; at: Date; spaceId?: string }
  | { kind: 'stopTimers' }
  | { kind: 'askForReport' }
  | Recording;

/** The protocol's delays, in milliseconds, and how many spaces an urgent fallback asks at once. */
export interface MachineSettings {
  reminderAfterMs: number;
  escalateAfterMs: number;
  reconfirmBeforeMs: number;
  urgentWindowMs: number;
  urgentFanout: number;
  reportAfterMs: number;
  reportReminderAfterMs: number;
  reportCloseAfterMs: number;
}

export type Decision =
  | { outcome: 'moved'; facts: BookingFacts; cause: string; effects: Effect[] }
  | { outcome: 'ignored'; reason: string };
