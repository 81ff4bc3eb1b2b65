// The pages behind a host's Accept and Decline links: GET shows the request and one button; only the
// button's POST answers, once, in the same transaction as the booking's move.
import { Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Response } from 'express';
import {
  ActionLinks,
  renderActionPage,
  renderOutcomePage,
  unusableLinkPage,
  type LinkClaims,
} from '@cocomo/links';
import { Conflict } from '@cocomo/platform';
import { Booking } from '../bookings/booking.entity';
import { BOOKING_ACTIONS_PATH, HOST_ACCEPT, HOST_ANSWERS, parseHostSubject } from '../workflow/booking-links';
import { BookingWorkflow } from '../workflow/booking-workflow.service';

type Unusable = Parameters<typeof unusableLinkPage>[0];

@ApiExcludeController()
@Controller(BOOKING_ACTIONS_PATH.slice(1))
export class HostAnswerController {
  constructor(
    private readonly links: ActionLinks,
    private readonly workflow: BookingWorkflow,
    private readonly em: EntityManager,
  ) {}

  @Get(':token')
  async show(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const found = await this.askedBooking(token);
    if (typeof found === 'string') return sendUnusable(response, found);
    const { booking, spaceId, claims } = found;
    const accepting = claims.action === HOST_ACCEPT;
    const space = booking.spaceSnapshots[spaceId];
    send(
      response,
      200,
      renderActionPage({
        title: accepting ? 'Host this event?' : 'Decline this request?',
        intro: `${booking.organizerName} of ${booking.community} asks ${space?.name ?? 'your space'} to host their event.`,
        facts: [
          { label: 'Event', value: booking.title },
          { label: 'Community', value: booking.community },
          { label: 'Starts', value: when(booking.start, space?.timezone) },
          { label: 'Ends', value: when(booking.end, space?.timezone) },
          { label: 'People', value: String(booking.expectedAttendees) },
          { label: 'Needs', value: booking.needs.join(', ') || 'nothing special' },
        ],
        formAction: `${BOOKING_ACTIONS_PATH}/${token}`,
        buttons: [
          accepting
            ? { value: 'accept', label: 'Yes, we will host it' }
            : { value: 'decline', label: 'No, we cannot host it', kind: 'danger' },
        ],
        note: 'Nothing happens until you press the button.',
      }),
    );
  }

  @Post(':token')
  async answer(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const found = await this.askedBooking(token);
    if (typeof found === 'string') return sendUnusable(response, found);
    const { booking, spaceId, claims } = found;
    const accepting = claims.action === HOST_ACCEPT;
    try {
      const answered = await this.em.transactional(async (em) => {
        if (!(await this.links.consume(em, claims))) return false;
        const decision = await this.workflow.applyWith(em, booking.id, {
          type: accepting ? 'hostAccepted' : 'hostDeclined',
          spaceId,
        });
        // Another answer got there first: nothing of this press is kept.
        if (decision.outcome === 'ignored') throw new Conflict(decision.reason);
        return true;
      });
      if (!answered) return sendUnusable(response, 'used');
    } catch (error) {
      if (error instanceof Conflict || isDoubleBooking(error)) return sendUnusable(response, 'overtaken');
      throw error;
    }
    send(
      response,
      200,
      renderOutcomePage({
        title: accepting ? 'Thank you — the event is yours' : 'Thank you for answering',
        message: accepting
          ? 'The organizer has been told. You will get the details by mail, with a link to withdraw if you must.'
          : 'We will ask another space. Thank you for telling us quickly.',
        tone: 'success',
      }),
    );
  }

  /** The booking a host link is for, while that host is still asked; otherwise why the link cannot act. */
  private async askedBooking(
    token: string,
  ): Promise<{ booking: Booking; spaceId: string; claims: LinkClaims } | Unusable> {
    const link = await this.links.inspect(this.em, token);
    if (link.state !== 'usable') return link.state;
    const subject = parseHostSubject(link.claims.subject);
    if (!subject || !(HOST_ANSWERS as readonly string[]).includes(link.claims.action)) return 'invalid';
    const booking = await this.em.findOne(Booking, { id: subject.bookingId });
    if (!booking) return 'invalid';
    if (!booking.asked.some((ask) => ask.spaceId === subject.spaceId)) return 'overtaken';
    return { booking, spaceId: subject.spaceId, claims: link.claims };
  }
}

function when(at: Date, timeZone = 'UTC'): string {
  return `${new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone }).format(at)} (${timeZone})`;
}

function isDoubleBooking(error: unknown): boolean {
  return error instanceof Error && error.message.includes('booking_no_double_booking');
}

function send(response: Response, status: number, html: string): void {
  response.status(status).type('html').setHeader('cache-control', 'no-store').send(html);
}

function sendUnusable(response: Response, state: Unusable): void {
  const page = unusableLinkPage(state);
  send(response, page.status, page.html);
}
