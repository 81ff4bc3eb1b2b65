// The one catalogue of every message, and the routing table: which service's inbox receives it.
// Nothing is published that is not listed here.
import {
  bookingCancelled,
  bookingConfirmed,
  bookingEscalated,
  bookingFallbackStarted,
  bookingHostAnswered,
  bookingHeld,
  bookingHostAsked,
  bookingLateDenial,
  bookingNotHeld,
  bookingOfferTaken,
  bookingRequested,
  bookingRescued,
  bookingTimerDue,
  bookingUnplaced,
  bookingUnreported,
} from './bookings';
import type { MessageDefinition } from './message';
import { notificationFailed, notifyEmail } from './notifications';
import { recordEntry } from './record';
import {
  rankCandidates,
  spaceApproved,
  spaceRegistered,
  spaceRejected,
  spaceRetired,
  spaceHostChanged,
  spaceSummaryDue,
  spaceUpdated,
  spaceVerified,
} from './spaces';
import {
  bookingsPersonalData,
  directoryPersonalData,
  metricsPersonalData,
  personalDataErased,
  personalDataRetentionDue,
} from './personal-data';

export const SERVICES = ['directory', 'bookings', 'notifications', 'metrics'] as const;
export type ServiceName = (typeof SERVICES)[number];

interface Route {
  message: MessageDefinition;
  /** Events: every subscriber. Commands and queries: the one service that handles them. */
  to: readonly ServiceName[];
}

export const routes: readonly Route[] = [
  { message: spaceRegistered, to: ['metrics'] },
  { message: spaceVerified, to: ['metrics'] },
  { message: spaceApproved, to: ['metrics'] },
  { message: spaceRejected, to: ['metrics'] },
  { message: spaceUpdated, to: ['metrics'] },
  // Bookings ends what a retired space held or was asked: a host withdrawal, or a decline.
  { message: spaceRetired, to: ['metrics', 'bookings'] },
  // Bookings keeps a copy of each ranked space's host: a hand-over reaches the bookings already open there.
  { message: spaceHostChanged, to: ['bookings'] },
  { message: spaceSummaryDue, to: ['directory'] },
  { message: rankCandidates, to: ['directory'] },
  { message: bookingTimerDue, to: ['bookings'] },
  { message: bookingRequested, to: ['metrics'] },
  // The directory keeps when spaces are booked and how often they are asked (availability, monthly caps).
  { message: bookingHostAsked, to: ['metrics', 'directory'] },
  { message: bookingHostAnswered, to: ['metrics'] },
  // The directory keeps each space's booked times: its public calendar and its availability (confirmed, moved, released).
  { message: bookingConfirmed, to: ['metrics', 'directory'] },
  { message: bookingLateDenial, to: ['metrics', 'directory'] },
  { message: bookingFallbackStarted, to: ['metrics'] },
  { message: bookingRescued, to: ['metrics', 'directory'] },
  { message: bookingEscalated, to: ['metrics'] },
  { message: bookingUnplaced, to: ['metrics', 'directory'] },
  { message: bookingCancelled, to: ['metrics', 'directory'] },
  { message: bookingOfferTaken, to: ['metrics', 'directory'] },
  // The directory keeps the events a space hosted for its public profile.
  { message: bookingHeld, to: ['metrics', 'directory'] },
  { message: bookingNotHeld, to: ['metrics'] },
  { message: bookingUnreported, to: ['metrics'] },
  { message: notifyEmail, to: ['notifications'] },
  { message: notificationFailed, to: ['metrics'] },
  // A person's data: the notifications service gathers the copy from each service and publishes the erasure,
  // which each service carries out on its own tables (itself included).
  { message: directoryPersonalData, to: ['directory'] },
  { message: bookingsPersonalData, to: ['bookings'] },
  { message: metricsPersonalData, to: ['metrics'] },
  { message: personalDataErased, to: ['directory', 'bookings', 'notifications', 'metrics'] },
  { message: personalDataRetentionDue, to: ['bookings'] },
  // The one record of who did what, kept beside the operators' accounts.
  { message: recordEntry, to: ['notifications'] },
];

const byName = new Map(routes.map((route) => [route.message.name, route]));

export function findMessage(name: string): MessageDefinition | undefined {
  return byName.get(name)?.message;
}

/** The services whose inbox receives the message; throws for a message that is not in the catalogue. */
export function recipientsOf(name: string): readonly ServiceName[] {
  const route = byName.get(name);
  if (!route) throw new Error(`Message "${name}" is not in the catalogue`);
  return route.to;
}

/** The names of the events routed to a service: what its inbox receives without asking. */
export function eventsFor(service: ServiceName): string[] {
  return routes
    .filter((route) => route.message.kind === 'event' && route.to.includes(service))
    .map((route) => route.message.name);
}

export function inboxQueue(service: ServiceName): string {
  return `${service}-inbox`;
}
