// Turns the machine's effects into what leaves the service, inside the transition's transaction: mails
// (notify.email through the outbox), the events the metrics count, timers, and the links hosts answer with.
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Environment } from '@cocomo/config';
import {
  audienceOf,
  bookingTimerDue,
  notifyEmail,
  type BookingHeld,
  type BookingMailTemplate,
  type BookingStep,
  type EmailAction,
  type NotifyEmail,
} from '@cocomo/contracts';
import {
  ActionLinks,
  CALENDARS_PATH,
  FEED_LINK_LIFETIME_MS,
  feedClaims,
  manageSpaceLink,
  type FeedOwner,
} from '@cocomo/links';
import { Outbox, Timers } from '@cocomo/messaging';
import { ENVIRONMENT } from '@cocomo/platform';
import type { Booking } from '../bookings/booking.entity';
import { BookingSeries } from '../bookings/booking-series.entity';
import { BookingRepository } from '../bookings/booking.repository';
import type { Audience, Effect, EventReport, Recording } from '../machine/booking-vocabulary';
import {
  BOOKING_ACTIONS,
  BOOKING_ACTIONS_PATH,
  ORGANIZER_VIEW,
  ORGANIZER_VIEW_AFTER_END_MS,
  actionSubject,
  type BookingActionName,
} from './booking-links';
import {
  bookingCalendar,
  bookingMail,
  mailButton,
  readerLocale,
  seriesOccurrence,
  leftOutNote,
  rentingCost,
  thanksFigures,
  type BookingMailOptions,
  type SeriesEntryDate,
} from './booking-mails';

type Tell = Extract<Effect, { kind: 'tell' }>;

/** The buttons of a host's notice: a confirmed host may withdraw; a host asked "still on?" answers. */
const HOST_BUTTONS: Partial<Record<BookingMailTemplate, BookingActionName[]>> = {
  'booking-host-confirmed': ['host-withdraw'],
  'booking-host-offer-taken': ['host-withdraw'],
  'booking-host-reconfirm': ['host-still-on', 'host-cant-host'],
};

/** The mails that confirm the event: each carries it for the calendar. */
const CONFIRMATIONS: readonly BookingMailTemplate[] = [
  'booking-organizer-confirmed',
  'booking-host-confirmed',
  'booking-organizer-offer-taken',
  'booking-host-offer-taken',
];

@Injectable()
export class BookingEffects {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly outbox: Outbox,
    private readonly timers: Timers,
    private readonly links: ActionLinks,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  async carryOut(em: EntityManager, booking: Booking, effects: Effect[], now: Date): Promise<void> {
    const held = await this.seriesEntryDate(em, booking, effects);
    for (const effect of effects) {
      switch (effect.kind) {
        case 'stopTimers':
          await this.timers.stopFor(em, booking.id);
          break;
        case 'setTimer':
          this.timers.set(
            em,
            bookingTimerDue,
            { bookingId: booking.id, timer: effect.timer, version: booking.version, spaceId: effect.spaceId },
            {
              id: `${booking.id}-${effect.timer}-${effect.spaceId ?? 'booking'}-v${booking.version}`,
              subject: booking.id,
              dueAt: effect.at,
            },
          );
          break;
        case 'askHosts':
          for (const spaceId of effect.spaceIds)
            this.mailHost(em, 'booking-host-request', booking, spaceId, this.answerDueAfter(now));
          break;
        case 'remindHost':
          this.mailHost(em, 'booking-host-reminder', booking, effect.spaceId, this.answerDueAfter(now));
          break;
        case 'releaseHosts':
          for (const spaceId of effect.spaceIds) this.mail(em, 'booking-host-released', booking, spaceId);
          break;
        case 'tell':
          this.tell(em, booking, effect, held);
          break;
        case 'thankHost':
          this.mail(em, 'booking-host-thanks', booking, effect.spaceId, [], {
            report: thanksFigures(booking, effect.spaceId, effect.report),
          });
          break;
        case 'askForReport':
          this.mail(em, 'booking-organizer-report-request', booking, undefined, [
            this.button(booking, 'organizer-report', booking.organizerEmail, booking.organizerLocale),
          ]);
          break;
        case 'record':
          await this.record(em, booking, effect, now);
          break;
      }
    }
  }

  /**
   * A date its series' host took is a date of the series' one calendar entry, wherever it moves later: its
   * changes are that entry's. A transition that changes the date and tells anyone raises the entry's sequence,
   * once, under the series' row lock, so that every message about the entry carries a higher one than the last.
   */
  private async seriesEntryDate(
    em: EntityManager,
    booking: Booking,
    effects: Effect[],
  ): Promise<SeriesEntryDate | null> {
    if (!booking.seriesId || !booking.seriesDate) return null;
    const series = await em.findOne(BookingSeries, { id: booking.seriesId });
    const ruleStart = series?.calendarStarts[booking.seriesDate];
    if (series?.state !== 'answered' || !series.spaceId || !ruleStart) return null;
    // Confirmed where and when the entry has it: nothing of the entry changes.
    const unchanged =
      booking.state === 'confirmed' &&
      booking.spaceId === series.spaceId &&
      booking.start.toISOString() === ruleStart;
    if (unchanged || !effects.some((effect) => effect.kind === 'tell')) {
      return { seriesId: series.id, spaceId: series.spaceId, ruleStart, sequence: series.calendarSequence };
    }
    const [raised] = await em.execute<{ calendar_sequence: number }[]>(
      `update "bookings"."booking_series" set "calendar_sequence" = "calendar_sequence" + 1
       where "id" = ? returning "calendar_sequence"`,
      [series.id],
    );
    return { seriesId: series.id, spaceId: series.spaceId, ruleStart, sequence: raised.calendar_sequence };
  }

  /**
   * A space changed hands while its host was asked and had not answered: its new host gets the request, with
   * links of their own, to answer by the time the old host had (the escalation's timer stays as it was set).
   */
  async askNewHost(em: EntityManager, booking: Booking, spaceId: string): Promise<void> {
    const asked = booking.asked.find((ask) => ask.spaceId === spaceId);
    if (!asked) return;
    const askedAt = (await this.bookings.reachedAt(em, booking.id, asked.version)) ?? new Date();
    this.mailHost(em, 'booking-host-request', booking, spaceId, this.answerDueAfter(askedAt));
  }

  /** When a host asked (or reminded) at `from` is escalated: the deadline their mail names. */
  private answerDueAfter(from: Date): Date {
    return new Date(from.getTime() + this.env.BOOKING_ESCALATE_AFTER);
  }

  /** Asks a host to answer: the mail carries an Accept and a Decline link, good until the escalation. */
  private mailHost(
    em: EntityManager,
    template: BookingMailTemplate,
    booking: Booking,
    spaceId: string,
    respondBy: Date,
  ) {
    const host = this.recipient(booking, 'host', spaceId);
    const locale = this.localeOf(booking, 'host', spaceId);
    this.outbox.add(
      em,
      notifyEmail,
      bookingMail(template, host, booking, {
        spaceId,
        respondBy,
        manage: manageSpaceLink(this.links, { spaceId, hostEmail: host.email }),
        actions: [
          this.button(booking, 'host-accept', host.email, locale, spaceId),
          this.button(booking, 'host-decline', host.email, locale, spaceId),
        ],
      }),
    );
  }

  /** A notice, with its buttons; a decline's carries its reason, and the times the host offered instead. */
  private tell(em: EntityManager, booking: Booking, effect: Tell, held: SeriesEntryDate | null): void {
    const offers = booking.offers.filter(
      (offer) => effect.mail === 'booking-organizer-times-offered' && offer.spaceId === effect.spaceId,
    );
    const locale = this.localeOf(booking, audienceOf(effect.mail), effect.spaceId);
    // An offered time can be taken until it begins: its link outlives that, so that a press after the start
    // gets the page saying the offer has passed, and stops working once the time is over.
    const taking = offers.map((offer, index): EmailAction => {
      const { token } = this.links.sign(
        {
          subject: actionSubject(booking.id, offer.spaceId, offer.id),
          action: 'organizer-take-offer',
          recipient: booking.organizerEmail,
        },
        new Date(offer.end),
      );
      return mailButton(
        locale,
        'organizer-take-offer',
        `${this.env.PUBLIC_BASE_URL}${BOOKING_ACTIONS_PATH}/${token}`,
        {
          number: index + 1,
        },
      );
    });
    const whyUnplaced =
      effect.mail === 'booking-organizer-unplaced' ? leftOutNote(booking.leftOut, locale) : undefined;
    this.mail(
      em,
      effect.mail,
      booking,
      effect.spaceId,
      [...taking, ...this.buttonsFor(booking, effect, locale)],
      {
        ...(whyUnplaced ? { note: whyUnplaced } : {}),
        decline: effect.decline,
        offers: offers.map(({ start, end }, index) => ({ number: index + 1, start, end })),
      },
      held,
    );
  }

  /**
   * The buttons a notice carries: a host's as HOST_BUTTONS says, an organizer may cancel and follow the
   * request, operators open their page of bookings without a space (it asks for the token).
   */
  private buttonsFor(booking: Booking, { mail, spaceId }: Tell, locale: string): EmailAction[] {
    const audience = audienceOf(mail);
    if (audience === 'organizer') {
      const follow = this.organizerView(booking, locale);
      const cancelling: BookingActionName[] = booking.seriesId
        ? ['organizer-cancel', 'organizer-cancel-rest']
        : ['organizer-cancel'];
      return BOOKING_ACTIONS['organizer-cancel'].applies(booking)
        ? [
            ...cancelling.map((action) => this.button(booking, action, booking.organizerEmail, locale)),
            follow,
          ]
        : [follow];
    }
    if (audience === 'operators') {
      return [mailButton(locale, 'open-unplaced', `${this.env.PUBLIC_BASE_URL}/bookings`)];
    }
    const host = this.recipient(booking, 'host', spaceId);
    const space = spaceId ?? booking.spaceId ?? undefined;
    // A host of a series' date may withdraw from the rest of the series with the same mail.
    const buttons = (HOST_BUTTONS[mail] ?? []).flatMap((action): BookingActionName[] =>
      action === 'host-withdraw' && booking.seriesId ? [action, 'host-withdraw-rest'] : [action],
    );
    return buttons.map((action) => this.button(booking, action, host.email, locale, space));
  }

  private organizerView(booking: Booking, locale: string): EmailAction {
    const { token } = this.links.sign(
      { subject: booking.id, action: ORGANIZER_VIEW, recipient: booking.organizerEmail },
      new Date(booking.end.getTime() + ORGANIZER_VIEW_AFTER_END_MS),
    );
    return mailButton(
      locale,
      ORGANIZER_VIEW,
      `${this.env.PUBLIC_BASE_URL}/api/bookings/${booking.id}?token=${token}`,
    );
  }

  private button(
    booking: Booking,
    action: BookingActionName,
    recipient: string,
    locale: string,
    spaceId?: string,
  ): EmailAction {
    const link = this.links.issue(BOOKING_ACTIONS_PATH, {
      subject: actionSubject(booking.id, spaceId),
      action,
      recipient,
    });
    return mailButton(locale, action, link.url);
  }

  /** The language the mail's reader reads (the operators': OPERATOR_LOCALE). */
  private localeOf(booking: Booking, audience: Audience, spaceId?: string | null): string {
    return readerLocale(booking, audience, spaceId, this.env.OPERATOR_LOCALE);
  }

  private mail(
    em: EntityManager,
    template: BookingMailTemplate,
    booking: Booking,
    spaceId?: string,
    actions: EmailAction[] = [],
    told: Pick<BookingMailOptions, 'decline' | 'offers' | 'report' | 'note'> = {},
    held: SeriesEntryDate | null = null,
  ) {
    const audience = audienceOf(template);
    const to = this.recipient(booking, audience, spaceId);
    const hostSpace = audience === 'host' ? (spaceId ?? booking.spaceId) : null;
    const locale = this.localeOf(booking, audience, spaceId);
    // A confirmation also gives the recipient's private calendar, where every event they take part in stays.
    const calendarLink = CONFIRMATIONS.includes(template)
      ? [this.calendarLink(booking, audience, to.email, locale, spaceId)]
      : [];
    const mail = bookingMail(template, to, booking, {
      spaceId,
      operatorLocale: this.env.OPERATOR_LOCALE,
      actions: [...actions, ...calendarLink],
      ...(hostSpace
        ? { manage: manageSpaceLink(this.links, { spaceId: hostSpace, hostEmail: to.email }) }
        : {}),
      calendar: this.calendarFor(booking, template, spaceId, held, locale),
      ...told,
    });
    // Operators' mails go to the dispatchers of the space's country, when the booking has a space yet.
    const country = booking.spaceSnapshots[spaceId ?? booking.spaceId ?? '']?.country;
    const operators = audience === 'operators' ? { role: 'dispatcher' as const, country } : undefined;
    this.outbox.add(em, notifyEmail, operators ? { ...mail, operators } : mail);
  }

  private calendarLink(
    booking: Booking,
    audience: Audience,
    email: string,
    locale: string,
    spaceId?: string,
  ): EmailAction {
    const space = spaceId ?? booking.spaceId;
    const owner: FeedOwner =
      audience === 'host' && space ? { kind: 'host', spaceId: space, email } : { kind: 'organizer', email };
    const { token } = this.links.sign(feedClaims(owner), new Date(Date.now() + FEED_LINK_LIFETIME_MS));
    return mailButton(
      locale,
      owner.kind === 'host' ? 'calendar-host' : 'calendar-organizer',
      `${this.env.PUBLIC_BASE_URL}${CALENDARS_PATH}/${token}`,
    );
  }

  /**
   * Confirmation mails carry the event for the calendar; cancellation mails take it out again. A date of its
   * series' one entry (sent when the host answered the series) changes in that entry, for whoever has it (the
   * organizer, and the series' host): its confirmation at the series' space carries nothing, and any other
   * change is the series' uid with RECURRENCE-ID: a REQUEST when the date moved to another space or time, a
   * CANCEL when it left a space (cancelled, withdrawn, the organizer told of the late denial). A host of
   * another space has the date as an event of its own.
   */
  private calendarFor(
    booking: Booking,
    template: BookingMailTemplate,
    spaceId: string | undefined,
    held: SeriesEntryDate | null,
    locale: string,
  ): NotifyEmail['calendar'] {
    const audience = audienceOf(template);
    const space = spaceId ?? booking.spaceId;
    const hasEntry = !!held && (audience === 'organizer' || (audience === 'host' && space === held.spaceId));
    const entry = (method: 'REQUEST' | 'CANCEL', at: string | null) =>
      hasEntry
        ? seriesOccurrence(booking, held!, method, at, locale)
        : bookingCalendar(booking, method, at, locale);
    if (CONFIRMATIONS.includes(template)) {
      const unchanged = held?.spaceId === booking.spaceId && held?.ruleStart === booking.start.toISOString();
      return hasEntry && unchanged ? undefined : entry('REQUEST', booking.spaceId);
    }
    if (template === 'booking-host-withdrawn') return entry('CANCEL', spaceId ?? null);
    if (template === 'booking-organizer-late-denial' && hasEntry) return entry('CANCEL', spaceId ?? null);
    const wasConfirmed = booking.spaceId !== null;
    if (
      (template === 'booking-organizer-cancelled' || template === 'booking-host-cancelled') &&
      wasConfirmed
    ) {
      // A host's cancellation names that host's space, even when an operator moved the event elsewhere.
      return entry('CANCEL', spaceId ?? booking.spaceId);
    }
    return undefined;
  }

  /** The events the metrics are computed from: each effect names its definition in the catalogue. */
  private async record(em: EntityManager, booking: Booking, effect: Recording, now: Date): Promise<void> {
    const step = stepOf(booking, 'spaceId' in effect ? effect.spaceId : undefined, now);
    if ('accepted' in effect) {
      const { spaceId, accepted, askedAtVersion, reason, offers } = effect;
      const hoursToAnswer = await this.hoursSinceAsked(em, booking, askedAtVersion, now);
      this.outbox.add(em, effect.event, {
        ...step,
        spaceId,
        accepted,
        hoursToAnswer,
        ...(reason ? { reason } : {}),
        ...(offers ? { offers } : {}),
      });
    } else if ('offerId' in effect) {
      this.outbox.add(em, effect.event, { ...step, spaceId: effect.spaceId, offerId: effect.offerId });
    } else if ('by' in effect) {
      this.outbox.add(em, effect.event, { ...step, by: effect.by });
    } else if ('report' in effect) {
      this.outbox.add(em, effect.event, heldOf(booking, step, effect.report));
    } else {
      this.outbox.add(em, effect.event, step);
    }
  }

  private async hoursSinceAsked(em: EntityManager, booking: Booking, version: number, now: Date) {
    const askedAt = await this.bookings.reachedAt(em, booking.id, version);
    return askedAt ? (now.getTime() - askedAt.getTime()) / 3_600_000 : 0;
  }

  private recipient(booking: Booking, audience: Audience, spaceId?: string): { email: string; name: string } {
    if (audience === 'organizer') return { email: booking.organizerEmail, name: booking.organizerName };
    if (audience === 'operators') return { email: this.env.OPERATOR_EMAIL, name: 'CoCoMo operators' };
    const host = booking.spaceSnapshots[spaceId ?? booking.spaceId ?? '']?.host;
    if (!host) throw new Error(`No host known for space ${spaceId} of booking ${booking.id}`);
    return host;
  }
}

/** What every booking event says: which booking, which community, when, and the space when there is one. */
function stepOf(booking: Booking, spaceId: string | undefined, now: Date): BookingStep {
  const space = spaceId ? booking.spaceSnapshots[spaceId] : undefined;
  return {
    bookingId: booking.id,
    community: booking.needs.community,
    at: now.toISOString(),
    eventStart: booking.start.toISOString(),
    eventEnd: booking.end.toISOString(),
    eventTitle: booking.title,
    bookingVersion: booking.version,
    ...(spaceId ? { spaceId, country: space?.country, pricingModel: space?.pricingModel } : {}),
  };
}

/** The organizer's report, with what renting the space would have cost, for the metrics and its profile. */
function heldOf(booking: Booking, step: BookingStep, report: EventReport): BookingHeld {
  return {
    ...step,
    eventTitle: booking.title,
    attendance: report.attendance,
    newcomers: report.newcomers,
    ageGroups: report.ageGroups,
    amountPaid: report.amountPaid,
    ...rentingCost(booking, step.spaceId),
  };
}
