// Messages about bookings.
import { command, event } from './message';

/** The protocol's delays: each is a timer of the booking machine. */
export type TimerKind =
  | 'hostReminder'
  | 'hostEscalation'
  | 'reconfirmation'
  | 'eventEnd'
  | 'reportRequest'
  | 'reportReminder'
  | 'reportClose';

/**
 * A booking's timer came due: one of the machine's, `rankingRetry` (asking a silent directory again), or
 * `seriesEscalation` (the host asked for a whole series stayed silent; `seriesId` names it).
 */
export interface BookingTimerDue {
  bookingId: string;
  timer: TimerKind | 'rankingRetry' | 'seriesEscalation';
  seriesId?: string;
  /** The booking version the timer was set at: a timer that fires after the booking moved on does nothing. */
  version: number;
  spaceId?: string;
  /** For the retries of a ranking the directory did not answer: which attempt this is. */
  attempt?: number;
}

export const bookingTimerDue = command<BookingTimerDue>()('booking.timer-due', 1);

/** What every booking event says: which booking, which community, when, and the space when there is one. */
export interface BookingStep {
  bookingId: string;
  community: string;
  /** When the step happened (ISO 8601). */
  at: string;
  eventStart: string;
  eventEnd: string;
  spaceId?: string;
  country?: string;
  pricingModel?: 'free' | 'paid';
  /** The event's title, for the space's public calendar (optional: earlier messages did not carry it). */
  eventTitle?: string;
  /** The booking's version after the step: later steps of one booking have higher ones, whatever order they arrive in. */
  bookingVersion?: number;
}

export interface BookingRequested extends BookingStep {
  expectedAttendees: number;
  candidates: number;
  /** A date of a recurring series: the series, the space asked for all its dates, and this date (added later). */
  series?: { seriesId: string; spaceId: string | null; date: string };
}

/** Why a host declined, when they said: the space is closed then, the event is too big for it, it is not a fit. */
export const DECLINE_REASONS = ['closed', 'too_many_people', 'not_a_fit', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export interface BookingHostAnswered extends BookingStep {
  spaceId: string;
  accepted: boolean;
  /** From the moment the host was asked to the answer. */
  hoursToAnswer: number;
  /** A decline's reason, when the host gave one (added later: earlier messages, and silent reasons, lack it). */
  reason?: DeclineReason;
  /** How many other times the declining host offered (added later: earlier messages lack it). */
  offers?: number;
}

/** The organizer took a time a declining host offered: the booking is confirmed there, then. */
export interface BookingOfferTaken extends BookingStep {
  spaceId: string;
  offerId: string;
}

export interface BookingCancelled extends BookingStep {
  by: 'organizer' | 'operator';
}

export const bookingRequested = event<BookingRequested>()('booking.requested', 1);
export const bookingHostAsked = event<BookingStep>()('booking.host-asked', 1);
export const bookingHostAnswered = event<BookingHostAnswered>()('booking.host-answered', 1);
export const bookingConfirmed = event<BookingStep>()('booking.confirmed', 1);
export const bookingLateDenial = event<BookingStep>()('booking.late-denial', 1);
export const bookingFallbackStarted = event<BookingStep>()('booking.fallback-started', 1);
export const bookingRescued = event<BookingStep>()('booking.rescued', 1);
export const bookingEscalated = event<BookingStep>()('booking.escalated', 1);
export const bookingUnplaced = event<BookingStep>()('booking.unplaced', 1);
export const bookingCancelled = event<BookingCancelled>()('booking.cancelled', 1);
export const bookingOfferTaken = event<BookingOfferTaken>()('booking.offer-taken', 1);

export interface BookingHeld extends BookingStep {
  /** The event's title, for the space's public profile; messages sent before it was added lack it. */
  eventTitle?: string;
  attendance: number;
  newcomers: number;
  ageGroups: Record<string, number>;
  amountPaid: number;
  /** What renting the space for the event would have cost at its market rate; null when unknown. */
  marketCost: number | null;
  currency: string | null;
}

export const bookingHeld = event<BookingHeld>()('booking.held', 1);
export const bookingNotHeld = event<BookingStep>()('booking.not-held', 1);
export const bookingUnreported = event<BookingStep>()('booking.unreported', 1);
