// The links hosts and organizers act through, declared once: who may use each, when it still applies, what
// the machine hears when its button is pressed. What its page says is its view, views/actions/<name>.hbs;
// its button's label in a mail is mails:actions.<name> of the catalogue.
import { factsOf } from '../bookings/booking-facts';
import type { Booking } from '../bookings/booking.entity';
import {
  holdsSpace,
  isAsked,
  openOffer,
  OPEN_STATES,
  type BookingEvent,
  type EventReport,
  type HostDecline,
} from '../machine/booking-vocabulary';

export const BOOKING_ACTIONS_PATH = '/actions';

/** The organizer's own link to the booking's status (GET /api/bookings/:id?token=…): it shows, never acts. */
export const ORGANIZER_VIEW = 'organizer-view';
/** The status link works until well after the event, whatever the lifetime of acting links. */
export const ORGANIZER_VIEW_AFTER_END_MS = 30 * 86_400_000;

/** What a link acts on: a booking, the space whose host it was sent to, the time that host offered. */
export interface ActionSubject {
  bookingId: string;
  spaceId?: string;
  offerId?: string;
}

/** What a link's form said, once checked: the organizer's report, or a host's decline. */
export interface FormAnswer {
  report?: EventReport;
  decline?: HostDecline;
}

export interface BookingAction {
  audience: 'host' | 'organizer';
  /** Whether the booking still waits for this action from this space's host (or its organizer). */
  applies: (booking: Booking, subject: Omit<ActionSubject, 'bookingId'>, now: Date) => boolean;
  /** `answer` is what the form of the action's page said, for the actions that have one. */
  event: (subject: Omit<ActionSubject, 'bookingId'>, answer?: FormAnswer) => BookingEvent;
  /** The action's page has a form to fill in before its button acts: the event report, or a decline. */
  form?: 'report' | 'decline';
  /** A date of a series: the later dates of the series it still applies to hear the same event. */
  rest?: true;
}

export const BOOKING_ACTIONS = {
  'host-accept': {
    audience: 'host',
    applies: (booking, { spaceId }) => isAsked(booking, spaceId),
    event: ({ spaceId }) => ({ type: 'hostAccepted', spaceId: spaceId! }),
  },
  'host-decline': {
    audience: 'host',
    applies: (booking, { spaceId }) => isAsked(booking, spaceId),
    event: ({ spaceId }, answer) => ({ type: 'hostDeclined', spaceId: spaceId!, ...answer?.decline }),
    form: 'decline',
  },
  'host-withdraw': {
    audience: 'host',
    applies: (booking, { spaceId }) => holdsSpace(booking, spaceId),
    event: () => ({ type: 'hostWithdrew' }),
  },
  'host-still-on': {
    audience: 'host',
    applies: (booking, { spaceId }) => booking.state === 'reconfirming' && booking.spaceId === spaceId,
    event: () => ({ type: 'hostReconfirmed' }),
  },
  'host-cant-host': {
    audience: 'host',
    applies: (booking, { spaceId }) => booking.state === 'reconfirming' && booking.spaceId === spaceId,
    event: () => ({ type: 'hostWithdrew' }),
  },
  'organizer-cancel': {
    audience: 'organizer',
    applies: (booking) => OPEN_STATES.includes(booking.state),
    event: () => ({ type: 'organizerCancelled' }),
  },
  'organizer-cancel-rest': {
    audience: 'organizer',
    applies: (booking) => booking.seriesId !== null && OPEN_STATES.includes(booking.state),
    event: () => ({ type: 'organizerCancelled' }),
    rest: true,
  },
  'host-withdraw-rest': {
    audience: 'host',
    applies: (booking, { spaceId }) => booking.seriesId !== null && holdsSpace(booking, spaceId),
    event: () => ({ type: 'hostWithdrew' }),
    rest: true,
  },
  'organizer-report': {
    audience: 'organizer',
    applies: (booking) => booking.state === 'awaiting_report',
    event: (_subject, answer) => ({ type: 'reported', report: answer!.report! }),
    form: 'report',
  },
  /** Sent once per offered time; its button names the time's number (mails:actions.organizer-take-offer). */
  'organizer-take-offer': {
    audience: 'organizer',
    applies: (booking, { offerId }, now) => openOffer(factsOf(booking), offerId, now) !== undefined,
    event: ({ offerId }) => ({ type: 'offerTaken', offerId: offerId! }),
  },
} satisfies Record<string, BookingAction>;

export type BookingActionName = keyof typeof BOOKING_ACTIONS;

export function isBookingAction(action: string): action is BookingActionName {
  return Object.hasOwn(BOOKING_ACTIONS, action);
}

/**
 * A host link names the booking and the space, so a host of several spaces answers for the one asked; an
 * offered time's link names the offer too, so it takes that time and no other.
 */
export function actionSubject(bookingId: string, spaceId?: string, offerId?: string): string {
  return [bookingId, ...(spaceId ? [spaceId] : []), ...(spaceId && offerId ? [offerId] : [])].join('~');
}

export function parseActionSubject(subject: string): ActionSubject | undefined {
  const [bookingId, spaceId, offerId, ...rest] = subject.split('~');
  if (!bookingId || rest.length) return undefined;
  return { bookingId, ...(spaceId ? { spaceId } : {}), ...(offerId ? { offerId } : {}) };
}
