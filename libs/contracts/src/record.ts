// The record of what people did: each service tells the notifications service, which keeps the one record,
// of every operator action and every host's and organizer's action through a link, in the action's transaction.
import { event } from './message';

/**
 * Who acted: a signed-in operator (their account's id, none for the development token), or the holder of a
 * mailed link, known by the email it was sent to. The email is kept, not a reference: entries outlive accounts.
 */
export interface RecordActor {
  kind: 'operator' | 'host' | 'organizer';
  id: string | null;
  email: string;
}

/** The actions other services record; the notifications service records operators' account actions itself. */
export const RECORDED_ELSEWHERE = [
  // directory: operators
  'space-approved',
  'space-rejected',
  'space-edited',
  'space-retired',
  'change-approved',
  'change-rejected',
  // directory: hosts through their links
  'space-verified',
  'listing-edited',
  'availability-changed',
  'hand-over-offered',
  'space-taken-over',
  'space-retired-by-host',
  'summaries-stopped',
  // metrics: operators acting on jobs on the queue board
  'queue-acted',
  // bookings: operators
  'booking-assigned',
  'booking-cancelled',
  // bookings: hosts and organizers through their links
  'host-accept',
  'host-decline',
  'host-withdraw',
  'host-withdraw-rest',
  'host-still-on',
  'host-cant-host',
  'organizer-cancel',
  'organizer-cancel-rest',
  'organizer-report',
  'organizer-take-offer',
  'series-accept-all',
  'series-choose',
  'series-decline',
  'series-cancel',
  'organizer-language-changed',
  // bookings: hosts and organizers through their private calendar's link
  'calendar-link-renewed',
] as const;
export type RecordedElsewhere = (typeof RECORDED_ELSEWHERE)[number];

export interface RecordEntry {
  actor: RecordActor;
  action: RecordedElsewhere;
  /** ISO 8601: when the action committed. */
  at: string;
  /** The space and the booking (or series) acted on, as far as the action concerns them. */
  spaceId: string | null;
  bookingId: string | null;
  /** A line on what was done: a reason given, the fields changed, the space assigned … */
  detail: string | null;
  /** The address the request came from (the client's, behind the router). */
  address: string | null;
}

export const recordEntry = event<RecordEntry>()('record.entry', 1);
