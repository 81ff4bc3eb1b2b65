// Turns the machine's effects into what leaves the service, inside the transition's transaction: mails
// (notify.email through the outbox), timers, and the links hosts answer with.
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Environment } from '@cocomo/config';
import {
  bookingCancelled,
  bookingConfirmed,
  bookingEscalated,
  bookingFallbackStarted,
  bookingHeld,
  bookingHostAnswered,
  bookingHostAsked,
  bookingLateDenial,
  bookingNotHeld,
  bookingRescued,
  bookingTimerDue,
  bookingUnplaced,
  bookingUnreported,
  notifyEmail,
  type BookingStep,
  type EmailAction,
  type NotifyEmail,
} from '@cocomo/contracts';
import { ActionLinks } from '@cocomo/links';
import { Outbox, Timers } from '@cocomo/messaging';
import { ENVIRONMENT } from '@cocomo/platform';
import type { Booking } from '../bookings/booking.entity';
import { BookingTransition } from '../bookings/booking-transition.entity';
import { marketCostOf } from '../reports/event-report';
import type { Audience, BookingEvent, BookingFacts, Effect } from '../machine/booking-machine';
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
  isBookingMailTemplate,
  type BookingMailTemplate,
} from './booking-mails';

@Injectable()
export class BookingEffects {
  constructor(
    private readonly outbox: Outbox,
    private readonly timers: Timers,
    private readonly links: ActionLinks,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  async carryOut(
    em: EntityManager,
    booking: Booking,
    effects: Effect[],
    now: Date,
    cause: { event: BookingEvent; asked: BookingFacts['asked'] },
  ): Promise<void> {
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
            this.mailHost(em, 'booking-host-request', booking, spaceId, now);
          break;
        case 'remindHost':
          this.mailHost(em, 'booking-host-reminder', booking, effect.spaceId, now);
          break;
        case 'releaseHosts':
          for (const spaceId of effect.spaceIds)
            this.mail(em, 'booking-host-released', booking, 'host', spaceId);
          break;
        case 'tell':
          this.mail(
            em,
            `booking-${effect.audience}-${effect.about}`,
            booking,
            effect.audience,
            effect.spaceId,
            this.buttonsFor(booking, effect),
          );
          break;
        case 'askForReport':
          this.mail(em, 'booking-organizer-report-request', booking, 'organizer', undefined, [
            this.button(booking, 'organizer-report', booking.organizerEmail),
          ]);
          break;
        case 'record':
          await this.record(em, booking, effect.event, effect.spaceId, now, cause);
          break;
      }
    }
  }

  /** Asks a host to answer: the mail carries an Accept and a Decline link, good until the escalation. */
  private mailHost(
    em: EntityManager,
    template: BookingMailTemplate,
    booking: Booking,
    spaceId: string,
    now: Date,
  ) {
    const host = this.recipient(booking, 'host', spaceId);
    this.outbox.add(
      em,
      notifyEmail,
      bookingMail(template, host, booking, {
        spaceId,
        respondBy: new Date(now.getTime() + this.env.BOOKING_ESCALATE_AFTER),
        actions: [
          this.button(booking, 'host-accept', host.email, spaceId),
          this.button(booking, 'host-decline', host.email, spaceId),
        ],
      }),
    );
  }

  /**
   * The buttons a notice carries: a confirmed host may withdraw, a host asked again answers, an organizer may
   * cancel, operators open their page of bookings without a space (it asks for the token).
   */
  private buttonsFor(booking: Booking, effect: Extract<Effect, { kind: 'tell' }>): EmailAction[] {
    if (effect.audience === 'organizer') {
      const follow = this.organizerView(booking);
      return BOOKING_ACTIONS['organizer-cancel'].applies(booking)
        ? [this.button(booking, 'organizer-cancel', booking.organizerEmail), follow]
        : [follow];
    }
    if (effect.audience === 'operators') {
      return [{ label: 'Open the bookings without a space', url: `${this.env.PUBLIC_BASE_URL}/bookings` }];
    }
    if (effect.audience !== 'host') return [];
    const host = this.recipient(booking, 'host', effect.spaceId);
    const spaceId = effect.spaceId ?? booking.spaceId ?? undefined;
    if (effect.about === 'confirmed') return [this.button(booking, 'host-withdraw', host.email, spaceId)];
    if (effect.about === 'reconfirm') {
      return [
        this.button(booking, 'host-still-on', host.email, spaceId),
        this.button(booking, 'host-cant-host', host.email, spaceId),
      ];
    }
    return [];
  }

  private organizerView(booking: Booking): EmailAction {
    const { token } = this.links.sign(
      { subject: booking.id, action: ORGANIZER_VIEW, recipient: booking.organizerEmail },
      new Date(booking.end.getTime() + ORGANIZER_VIEW_AFTER_END_MS),
    );
    return {
      label: 'Follow your request',
      url: `${this.env.PUBLIC_BASE_URL}/api/bookings/${booking.id}?token=${token}`,
    };
  }

  private button(
    booking: Booking,
    action: BookingActionName,
    recipient: string,
    spaceId?: string,
  ): EmailAction {
    const link = this.links.issue(BOOKING_ACTIONS_PATH, {
      subject: actionSubject(booking.id, spaceId),
      action,
      recipient,
    });
    return { label: BOOKING_ACTIONS[action].label, url: link.url };
  }

  private mail(
    em: EntityManager,
    template: string,
    booking: Booking,
    audience: Audience,
    spaceId?: string,
    actions: EmailAction[] = [],
  ) {
    if (!isBookingMailTemplate(template))
      throw new Error(`The machine asked for an unknown mail: ${template}`);
    const to = this.recipient(booking, audience, spaceId);
    this.outbox.add(
      em,
      notifyEmail,
      bookingMail(template, to, booking, { spaceId, actions, calendar: this.calendarFor(booking, template) }),
    );
  }

  /** Confirmation mails carry the event for the calendar; cancellation mails take it out again. */
  private calendarFor(booking: Booking, template: BookingMailTemplate): NotifyEmail['calendar'] {
    if (template === 'booking-organizer-confirmed' || template === 'booking-host-confirmed') {
      return bookingCalendar(booking, 'REQUEST');
    }
    const wasConfirmed = booking.spaceId !== null;
    if (
      (template === 'booking-organizer-cancelled' || template === 'booking-host-cancelled') &&
      wasConfirmed
    ) {
      return bookingCalendar(booking, 'CANCEL');
    }
    return undefined;
  }

  /** The events the metrics are computed from, one for each step the machine records. */
  private async record(
    em: EntityManager,
    booking: Booking,
    step: string,
    spaceId: string | undefined,
    now: Date,
    cause: { event: BookingEvent; asked: BookingFacts['asked'] },
  ): Promise<void> {
    const space = spaceId ? booking.spaceSnapshots[spaceId] : undefined;
    const base: BookingStep = {
      bookingId: booking.id,
      community: booking.community,
      at: now.toISOString(),
      eventStart: booking.start.toISOString(),
      eventEnd: booking.end.toISOString(),
      ...(spaceId ? { spaceId, country: space?.country, pricingModel: space?.pricingModel } : {}),
    };
    const answered = async (accepted: boolean) => {
      const ask = cause.asked.find((candidate) => candidate.spaceId === spaceId);
      const askedAt = ask
        ? (await em.findOne(BookingTransition, { booking: booking.id, version: ask.version }))?.at
        : undefined;
      const hoursToAnswer = askedAt ? (now.getTime() - askedAt.getTime()) / 3_600_000 : 0;
      this.outbox.add(em, bookingHostAnswered, { ...base, spaceId: spaceId!, accepted, hoursToAnswer });
    };
    switch (step) {
      case 'host-asked':
        return void this.outbox.add(em, bookingHostAsked, base);
      case 'host-declined':
        return answered(false);
      case 'confirmed':
        if (cause.event.type === 'hostAccepted') await answered(true);
        return void this.outbox.add(em, bookingConfirmed, base);
      case 'late-denial':
        return void this.outbox.add(em, bookingLateDenial, base);
      case 'fallback-started':
        return void this.outbox.add(em, bookingFallbackStarted, base);
      case 'rescued':
        return void this.outbox.add(em, bookingRescued, base);
      case 'escalated':
        return void this.outbox.add(em, bookingEscalated, base);
      case 'unplaced':
        return void this.outbox.add(em, bookingUnplaced, base);
      case 'cancelled-by-organizer':
      case 'cancelled-by-operator':
        return void this.outbox.add(em, bookingCancelled, {
          ...base,
          by: step === 'cancelled-by-organizer' ? 'organizer' : 'operator',
        });
      case 'held': {
        if (cause.event.type !== 'reported') return;
        const { report } = cause.event;
        const space = booking.spaceSnapshots[booking.spaceId ?? ''];
        return void this.outbox.add(em, bookingHeld, {
          ...base,
          ...(booking.spaceId
            ? { spaceId: booking.spaceId, country: space?.country, pricingModel: space?.pricingModel }
            : {}),
          eventTitle: booking.title,
          attendance: report.attendance,
          newcomers: report.newcomers,
          ageGroups: report.ageGroups,
          amountPaid: report.amountPaid,
          marketCost: marketCostOf(space?.marketRate ?? null, booking.start, booking.end),
          currency: space?.marketRate?.currency ?? null,
        });
      }
      case 'not-held':
        return void this.outbox.add(em, bookingNotHeld, { ...base, spaceId: booking.spaceId ?? undefined });
      case 'unreported':
        return void this.outbox.add(em, bookingUnreported, {
          ...base,
          spaceId: booking.spaceId ?? undefined,
        });
      default:
        throw new Error(`The machine recorded an unknown step: ${step}`);
    }
  }

  private recipient(booking: Booking, audience: Audience, spaceId?: string): { email: string; name: string } {
    if (audience === 'organizer') return { email: booking.organizerEmail, name: booking.organizerName };
    if (audience === 'operators') return { email: this.env.OPERATOR_EMAIL, name: 'CoCoMo operators' };
    const host = booking.spaceSnapshots[spaceId ?? booking.spaceId ?? '']?.host;
    if (!host) throw new Error(`No host known for space ${spaceId} of booking ${booking.id}`);
    return host;
  }
}
