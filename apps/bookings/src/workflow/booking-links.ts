// The links hosts and organizers act through, declared once: who may use each, when it still applies, what
// the machine hears when its button is pressed, and what its page says.
import type { Booking } from '../bookings/booking.entity';
import type { BookingEvent, EventReport } from '../machine/booking-machine';

export const BOOKING_ACTIONS_PATH = '/actions';

/** The organizer's own link to the booking's status (GET /api/bookings/:id?token=…): it shows, never acts. */
export const ORGANIZER_VIEW = 'organizer-view';
/** The status link works until well after the event, whatever the lifetime of acting links. */
export const ORGANIZER_VIEW_AFTER_END_MS = 30 * 86_400_000;

export interface BookingAction {
  audience: 'host' | 'organizer';
  /** The label of the mail's button. */
  label: string;
  /** Whether the booking still waits for this action from this space's host (or its organizer). */
  applies: (booking: Booking, spaceId: string | undefined) => boolean;
  /** `report` is what the organizer filled in, for the one action that has a form. */
  event: (spaceId: string | undefined, report?: EventReport) => BookingEvent;
  /** The action asks for the event report before its button acts. */
  form?: 'report';
  page: { title: string; button: string; kind?: 'primary' | 'danger'; done: string; doneMessage: string };
}

const isAsked = (booking: Booking, spaceId?: string) => booking.asked.some((ask) => ask.spaceId === spaceId);
const holds = (booking: Booking, spaceId?: string) =>
  booking.spaceId === spaceId && (booking.state === 'confirmed' || booking.state === 'reconfirming');
const OPEN = ['requested', 'pending_host', 'confirmed', 'reconfirming', 'seeking_fallback', 'unplaced'];

export const BOOKING_ACTIONS = {
  'host-accept': {
    audience: 'host',
    label: 'Accept',
    applies: isAsked,
    event: (spaceId) => ({ type: 'hostAccepted', spaceId: spaceId! }),
    page: {
      title: 'Host this event?',
      button: 'Yes, we will host it',
      done: 'Thank you — the event is yours',
      doneMessage:
        'The organizer has been told. You will get the details by mail, with a link to withdraw if you must.',
    },
  },
  'host-decline': {
    audience: 'host',
    label: 'Decline',
    applies: isAsked,
    event: (spaceId) => ({ type: 'hostDeclined', spaceId: spaceId! }),
    page: {
      title: 'Decline this request?',
      button: 'No, we cannot host it',
      kind: 'danger',
      done: 'Thank you for answering',
      doneMessage: 'We will ask another space. Thank you for telling us quickly.',
    },
  },
  'host-withdraw': {
    audience: 'host',
    label: 'Withdraw',
    applies: holds,
    event: () => ({ type: 'hostWithdrew' }),
    page: {
      title: 'Withdraw from hosting this event?',
      button: 'Yes, we must withdraw',
      kind: 'danger',
      done: 'You have withdrawn',
      doneMessage: 'We are looking for another space for the organizer now. Thank you for telling us.',
    },
  },
  'host-still-on': {
    audience: 'host',
    label: 'Still on',
    applies: (booking, spaceId) => booking.state === 'reconfirming' && booking.spaceId === spaceId,
    event: () => ({ type: 'hostReconfirmed' }),
    page: {
      title: 'Is the event still on at your space?',
      button: 'Yes, still on',
      done: 'Thank you — it stays on',
      doneMessage: 'The organizer has been told that the space is ready.',
    },
  },
  'host-cant-host': {
    audience: 'host',
    label: "Can't host",
    applies: (booking, spaceId) => booking.state === 'reconfirming' && booking.spaceId === spaceId,
    event: () => ({ type: 'hostWithdrew' }),
    page: {
      title: 'You can no longer host this event?',
      button: 'We cannot host it',
      kind: 'danger',
      done: 'Thank you for telling us',
      doneMessage: 'We are looking for another space for the organizer now.',
    },
  },
  'organizer-cancel': {
    audience: 'organizer',
    label: 'Cancel the request',
    applies: (booking) => OPEN.includes(booking.state),
    event: () => ({ type: 'organizerCancelled' }),
    page: {
      title: 'Cancel this event?',
      button: 'Yes, cancel it',
      kind: 'danger',
      done: 'The event is cancelled',
      doneMessage: 'Everyone involved has been told, and the space is free again.',
    },
  },
  'organizer-report': {
    audience: 'organizer',
    label: 'Report on the event',
    applies: (booking) => booking.state === 'awaiting_report',
    event: (_spaceId, report) => ({ type: 'reported', report: report! }),
    form: 'report',
    page: {
      title: 'How did the event go?',
      button: 'Send the report',
      done: 'Thank you for the report',
      doneMessage: 'It helps show which spaces serve communities well, and what they save them.',
    },
  },
} satisfies Record<string, BookingAction>;

export type BookingActionName = keyof typeof BOOKING_ACTIONS;

export function isBookingAction(action: string): action is BookingActionName {
  return Object.hasOwn(BOOKING_ACTIONS, action);
}

/** A host link names the booking and the space, so a host of several spaces answers for the one asked. */
export function actionSubject(bookingId: string, spaceId?: string): string {
  return spaceId ? `${bookingId}~${spaceId}` : bookingId;
}

export function parseActionSubject(subject: string): { bookingId: string; spaceId?: string } | undefined {
  const [bookingId, spaceId, ...rest] = subject.split('~');
  if (!bookingId || rest.length) return undefined;
  return spaceId ? { bookingId, spaceId } : { bookingId };
}
