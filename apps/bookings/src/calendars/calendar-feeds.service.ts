// The private calendars: making their links, telling a link that works from one renewed since, and writing the
// calendar of the events its owner already hears of by mail (the same entries as the mails' invitations).
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { notifyEmail } from '@cocomo/contracts';
import { Outbox } from '@cocomo/messaging';
import { calendarFeed, type CalendarEntry } from '@cocomo/calendar';
import type { Environment } from '@cocomo/config';
import { resolveLocale, translate } from '@cocomo/i18n';
import { ActionRecord, currentPageLocale, ENVIRONMENT, type Actor } from '@cocomo/platform';
import { Booking } from '../bookings/booking.entity';
import { PLACED_STATES } from '../machine/booking-vocabulary';
import { bookingCalendar, mailButton, readerLocale } from '../workflow/booking-mails';
import {
  ActionLinks,
  CALENDARS_PATH,
  FEED_LINK_LIFETIME_MS,
  feedClaims,
  feedOwnerOf,
  issuedAt,
  type FeedOwner,
} from '@cocomo/links';

/** How far back a private calendar shows events. */
const PAST_DAYS = 90;

export type OpenedFeed = { state: 'usable'; owner: FeedOwner } | { state: 'renewed' } | { state: 'invalid' };

@Injectable()
export class CalendarFeeds {
  constructor(
    private readonly em: EntityManager,
    private readonly links: ActionLinks,
    private readonly outbox: Outbox,
    private readonly record: ActionRecord,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  /** The page of the owner's calendar, its link made now (pure: reads nothing). */
  link(owner: FeedOwner, now = Date.now()): string {
    const { token } = this.links.sign(feedClaims(owner), new Date(now + FEED_LINK_LIFETIME_MS));
    return `${this.env.PUBLIC_BASE_URL}${CALENDARS_PATH}/${token}`;
  }

  /** The calendar itself, for calendar apps. */
  feedUrl(token: string): string {
    return `${this.env.PUBLIC_BASE_URL}${CALENDARS_PATH}/${token}.ics`;
  }

  /** What a token opens; reads only. */
  async open(token: string): Promise<OpenedFeed> {
    const claims = this.links.check(token);
    const owner = claims && feedOwnerOf(claims);
    if (!claims || !owner) return { state: 'invalid' };
    const renewedAt = await this.renewedAt(this.em.fork(), owner);
    return renewedAt && issuedAt(claims) < renewedAt ? { state: 'renewed' } : { state: 'usable', owner };
  }

  /**
   * Ends every link made before now, in the caller's transaction, and gives the new one. Whole seconds, as
   * tokens keep their times: a link made in this second stays good.
   */
  async renew(em: EntityManager, owner: FeedOwner, now = Date.now()): Promise<string> {
    const { subject, recipient } = feedClaims(owner);
    const renewedAt = new Date(Math.floor(now / 1000) * 1000);
    await em.execute(
      `insert into "bookings"."calendar_renewal" ("subject", "recipient", "renewed_at") values (?, ?, ?)
       on conflict ("subject", "recipient") do update set "renewed_at" = greatest("calendar_renewal"."renewed_at", excluded."renewed_at")`,
      [subject, recipient, renewedAt],
    );
    return this.link(owner, now);
  }

  /** Ends every earlier link of the owner's calendar and mails the new one to the owner, in one transaction. */
  async renewAndMail(owner: FeedOwner, by: Actor): Promise<void> {
    // A calendar belongs to an email, not to one request or space: the mail is in the language of the page the
    // owner asked from.
    const locale = resolveLocale(currentPageLocale());
    await this.em.fork().transactional(async (em) => {
      const url = await this.renew(em, owner);
      const spaceId = owner.kind === 'host' ? owner.spaceId : null;
      this.record.add(em, by, 'calendar-link-renewed', { spaceId, detail: `the ${owner.kind}'s calendar` });
      this.outbox.add(em, notifyEmail, {
        notificationId: `calendar-renewed-${randomUUID()}`,
        template: 'calendar-renewed',
        locale,
        to: { email: owner.email },
        data: { whose: owner.kind, calendarUrl: url },
        actions: [mailButton(locale, 'calendar-subscribe', url)],
      });
    });
  }

  private async renewedAt(em: EntityManager, owner: FeedOwner): Promise<Date | undefined> {
    const { subject, recipient } = feedClaims(owner);
    const [row]: { renewed_at: Date }[] = await em.execute(
      `select "renewed_at" from "bookings"."calendar_renewal" where "subject" = ? and "recipient" = ?`,
      [subject, recipient],
    );
    return row ? new Date(row.renewed_at) : undefined;
  }

  /** The owner's calendar: the events placed at their space (host) or asked by them (organizer). */
  async calendar(owner: FeedOwner, now = new Date()): Promise<string> {
    const since = new Date(now.getTime() - PAST_DAYS * 86_400_000);
    const em = this.em.fork();
    const placed = { state: { $in: [...PLACED_STATES] }, end: { $gt: since } };
    const bookings =
      owner.kind === 'host'
        ? (
            await em.find(
              Booking,
              { ...placed, spaceId: owner.spaceId },
              { orderBy: { start: 'asc', id: 'asc' } },
            )
          )
            // A space handed over: its earlier host no longer sees what the new one hosts.
            .filter(
              (booking) => booking.spaceSnapshots[owner.spaceId]?.host.email.toLowerCase() === owner.email,
            )
        : await em.find(
            Booking,
            { ...placed, organizerEmail: { $ilike: escapeLike(owner.email) } },
            { orderBy: { start: 'asc', id: 'asc' } },
          );
    const entries = bookings.map((booking): CalendarEntry => {
      const { method: _method, ...entry } = bookingCalendar(booking, 'REQUEST')!;
      return { ...entry, timeZone: entry.timeZone ?? 'UTC' };
    });
    const stamp = new Date(Math.max(0, ...bookings.map((booking) => booking.updatedAt.getTime())));
    // A calendar app asks in no language: the name is in the one the owner's latest booking mails them in.
    const latest = bookings.at(-1);
    const locale = latest
      ? readerLocale(latest, owner.kind, owner.kind === 'host' ? owner.spaceId : null, 'en')
      : 'en';
    const name = translate(locale, 'bookings:calendar.feedName', { owner: owner.kind });
    return calendarFeed(name, entries, stamp);
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
