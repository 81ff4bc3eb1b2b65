// Turns the machine's effects into what leaves the service, inside the transition's transaction: mails
// (notify.email through the outbox), timers, and the links hosts answer with.
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Environment } from '@cocomo/config';
import { bookingTimerDue, notifyEmail } from '@cocomo/contracts';
import { ActionLinks } from '@cocomo/links';
import { Outbox, Timers } from '@cocomo/messaging';
import { ENVIRONMENT } from '@cocomo/platform';
import type { Booking } from '../bookings/booking.entity';
import type { Audience, Effect } from '../machine/booking-machine';
import { BOOKING_ACTIONS_PATH, HOST_ACCEPT, HOST_DECLINE, hostSubject } from './booking-links';
import { bookingMail, isBookingMailTemplate, type BookingMailTemplate } from './booking-mails';

@Injectable()
export class BookingEffects {
  constructor(
    private readonly outbox: Outbox,
    private readonly timers: Timers,
    private readonly links: ActionLinks,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  async carryOut(em: EntityManager, booking: Booking, effects: Effect[], now: Date): Promise<void> {
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
          );
          break;
        case 'askForReport':
          // The report form and its link arrive with the report step of the bookings issue.
          this.mail(em, 'booking-organizer-report-request', booking, 'organizer');
          break;
        case 'record':
          // Metrics events for each step arrive with the metrics issue's catalogue entries.
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
    const host = booking.spaceSnapshots[spaceId]?.host;
    if (!host) throw new Error(`No host known for space ${spaceId} of booking ${booking.id}`);
    const subject = hostSubject(booking.id, spaceId);
    const accept = this.links.issue(BOOKING_ACTIONS_PATH, {
      subject,
      action: HOST_ACCEPT,
      recipient: host.email,
    });
    const decline = this.links.issue(BOOKING_ACTIONS_PATH, {
      subject,
      action: HOST_DECLINE,
      recipient: host.email,
    });
    this.outbox.add(
      em,
      notifyEmail,
      bookingMail(template, host, booking, {
        spaceId,
        respondBy: new Date(now.getTime() + this.env.BOOKING_ESCALATE_AFTER),
        actions: [
          { label: 'Accept', url: accept.url },
          { label: 'Decline', url: decline.url },
        ],
      }),
    );
  }

  private mail(em: EntityManager, template: string, booking: Booking, audience: Audience, spaceId?: string) {
    if (!isBookingMailTemplate(template))
      throw new Error(`The machine asked for an unknown mail: ${template}`);
    const to = this.recipient(booking, audience, spaceId);
    this.outbox.add(em, notifyEmail, bookingMail(template, to, booking, { spaceId }));
  }

  private recipient(booking: Booking, audience: Audience, spaceId?: string): { email: string; name: string } {
    if (audience === 'organizer') return { email: booking.organizerEmail, name: booking.organizerName };
    if (audience === 'operators') return { email: this.env.OPERATOR_EMAIL, name: 'CoCoMo operators' };
    const host = booking.spaceSnapshots[spaceId ?? booking.spaceId ?? '']?.host;
    if (!host) throw new Error(`No host known for space ${spaceId} of booking ${booking.id}`);
    return host;
  }
}
