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
  bookingRequested,
  bookingRescued,
  bookingTimerDue,
  bookingUnplaced,
  bookingUnreported,
} from './bookings';
import type { MessageDefinition } from './message';
import { notificationFailed, notifyEmail } from './notifications';
import {
  rankCandidates,
  spaceApproved,
  spaceRegistered,
  spaceRejected,
  spaceRetired,
  spaceUpdated,
  spaceVerified,
} from './spaces';

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
  { message: spaceRetired, to: ['metrics'] },
  { message: rankCandidates, to: ['directory'] },
  { message: bookingTimerDue, to: ['bookings'] },
  { message: bookingRequested, to: ['metrics'] },
  { message: bookingHostAsked, to: ['metrics'] },
  { message: bookingHostAnswered, to: ['metrics'] },
  { message: bookingConfirmed, to: ['metrics'] },
  { message: bookingLateDenial, to: ['metrics'] },
  { message: bookingFallbackStarted, to: ['metrics'] },
  { message: bookingRescued, to: ['metrics'] },
  { message: bookingEscalated, to: ['metrics'] },
  { message: bookingUnplaced, to: ['metrics'] },
  { message: bookingCancelled, to: ['metrics'] },
  // The directory keeps the events a space hosted for its public profile.
  { message: bookingHeld, to: ['metrics', 'directory'] },
  { message: bookingNotHeld, to: ['metrics'] },
  { message: bookingUnreported, to: ['metrics'] },
  { message: notifyEmail, to: ['notifications'] },
  { message: notificationFailed, to: ['metrics'] },
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
