// The private calendar links, served by the bookings service: a host's (the events at their space) and an
// organizer's (their events). Here so that any service may make one (the host's manage page). A link is
// a signed token (LINK_SECRET, as every email link) naming whose calendar it opens; it lasts FEED_LINK_LIFETIME_MS
// from when it was made. Renewing a calendar records the moment: links made before it stop working.
import type { LinkClaims } from './link-token';

export const CALENDAR_FEED = 'calendar-feed';
export const CALENDARS_PATH = '/api/bookings/calendars';
/** Long, as calendars poll a subscription for months; a renewal ends it sooner. Whole seconds. */
export const FEED_LINK_LIFETIME_MS = 400 * 86_400_000;

export type FeedOwner =
  { kind: 'host'; spaceId: string; email: string } | { kind: 'organizer'; email: string };

const HOST_SUBJECT = /^calendar:host:([0-9a-f-]{36})$/;

export function feedClaims(owner: FeedOwner): { subject: string; action: string; recipient: string } {
  return {
    subject: owner.kind === 'host' ? `calendar:host:${owner.spaceId}` : 'calendar:organizer',
    action: CALENDAR_FEED,
    recipient: owner.email.toLowerCase(),
  };
}

/** Whose calendar a link's claims open, when they are a calendar link's. */
export function feedOwnerOf(claims: LinkClaims): FeedOwner | undefined {
  if (claims.action !== CALENDAR_FEED) return undefined;
  if (claims.subject === 'calendar:organizer') return { kind: 'organizer', email: claims.recipient };
  const host = HOST_SUBJECT.exec(claims.subject);
  return host ? { kind: 'host', spaceId: host[1], email: claims.recipient } : undefined;
}

/** When the link was made: its expiry less the lifetime every calendar link is given. */
export function issuedAt(claims: LinkClaims): Date {
  return new Date(claims.expiresAt * 1000 - FEED_LINK_LIFETIME_MS);
}
