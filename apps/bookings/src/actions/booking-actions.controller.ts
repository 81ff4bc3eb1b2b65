// The pages behind the links in booking mails (hosts accept, decline, withdraw, reconfirm; organizers cancel):
// GET shows the booking and one button; only the button's POST acts, once, in the same transaction as the
// booking's move. A link whose moment has passed gets a page that says so, and changes nothing.
import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
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
import type { EventReport } from '../machine/booking-machine';
import { parseReport, reportFields, type ReportForm } from '../reports/event-report';
import {
  BOOKING_ACTIONS,
  BOOKING_ACTIONS_PATH,
  isBookingAction,
  parseActionSubject,
  type BookingAction,
} from '../workflow/booking-links';
import { BookingWorkflow } from '../workflow/booking-workflow.service';

type Unusable = Parameters<typeof unusableLinkPage>[0];

interface UsableLink {
  booking: Booking;
  spaceId?: string;
  action: BookingAction;
  claims: LinkClaims;
}

@ApiExcludeController()
@Controller(BOOKING_ACTIONS_PATH.slice(1))
export class BookingActionsController {
  constructor(
    private readonly links: ActionLinks,
    private readonly workflow: BookingWorkflow,
    private readonly em: EntityManager,
  ) {}

  @Get(':token')
  async show(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const found = await this.usable(token);
    if (typeof found === 'string') return sendUnusable(response, found);
    send(response, 200, this.page(token, found));
  }

  private page(
    token: string,
    { booking, spaceId, action }: UsableLink,
    form: ReportForm = {},
    problems?: string[],
  ) {
    const space = booking.spaceSnapshots[spaceId ?? booking.spaceId ?? ''];
    return renderActionPage({
      title: action.page.title,
      intro: `${booking.organizerName} of ${booking.community}: ${booking.title}.`,
      facts: [
        { label: 'Event', value: booking.title },
        { label: 'Community', value: booking.community },
        { label: 'Space', value: space?.name ?? 'not found yet' },
        { label: 'Starts', value: when(booking.start, space?.timezone) },
        { label: 'Ends', value: when(booking.end, space?.timezone) },
        { label: 'People', value: String(booking.expectedAttendees) },
        { label: 'Needs', value: booking.needs.join(', ') || 'nothing special' },
      ],
      formAction: `${BOOKING_ACTIONS_PATH}/${token}`,
      buttons: [{ value: 'confirm', label: action.page.button, kind: action.page.kind }],
      note: 'Nothing happens until you press the button.',
      fields: action.form === 'report' ? reportFields(form, space?.marketRate?.currency) : undefined,
      problems,
    });
  }

  @Post(':token')
  async act(
    @Param('token') token: string,
    @Body() form: ReportForm,
    @Res() response: Response,
  ): Promise<void> {
    const found = await this.usable(token);
    if (typeof found === 'string') return sendUnusable(response, found);
    const { booking, spaceId, action, claims } = found;
    let report: EventReport | undefined;
    if (action.form === 'report') {
      const parsed = parseReport(form ?? {});
      if ('problems' in parsed) return send(response, 400, this.page(token, found, form, parsed.problems));
      report = parsed.report;
    }
    try {
      const acted = await this.em.transactional(async (em) => {
        if (!(await this.links.consume(em, claims))) return false;
        const decision = await this.workflow.applyWith(em, booking.id, action.event(spaceId, report));
        // The booking moved on between the page and the press: nothing of this press is kept.
        if (decision.outcome === 'ignored') throw new Conflict(decision.reason);
        return true;
      });
      if (!acted) return sendUnusable(response, 'used');
    } catch (error) {
      if (isDoubleBooking(error)) return send(response, 409, ALREADY_BOOKED_PAGE);
      if (error instanceof Conflict) return sendUnusable(response, 'overtaken');
      throw error;
    }
    send(
      response,
      200,
      renderOutcomePage({ title: action.page.done, message: action.page.doneMessage, tone: 'success' }),
    );
  }

  /** The booking a link acts on, while the action still applies; otherwise why the link cannot act. */
  private async usable(token: string): Promise<UsableLink | Unusable> {
    const link = await this.links.inspect(this.em, token);
    if (link.state !== 'usable') return link.state;
    const subject = parseActionSubject(link.claims.subject);
    if (!subject || !isBookingAction(link.claims.action)) return 'invalid';
    const action: BookingAction = BOOKING_ACTIONS[link.claims.action];
    const booking = await this.em.findOne(Booking, { id: subject.bookingId });
    if (!booking) return 'invalid';
    const recipient =
      action.audience === 'organizer'
        ? booking.organizerEmail
        : booking.spaceSnapshots[subject.spaceId ?? '']?.host.email;
    if (recipient !== link.claims.recipient) return 'invalid';
    if (!action.applies(booking, subject.spaceId)) return 'overtaken';
    return { booking, spaceId: subject.spaceId, action, claims: link.claims };
  }
}

function when(at: Date, timeZone = 'UTC'): string {
  const text = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone }).format(
    at,
  );
  return `${text} (${timeZone})`;
}

/** A host accepting an event at a time their space already hosts another: the database refused it. */
const ALREADY_BOOKED_PAGE = renderOutcomePage({
  title: 'Your space is already booked at that time',
  message:
    'It hosts another event then, so it cannot take this one too. Nothing was changed. If you cannot host this event, please press Decline in the mail, so that we can ask another space at once.',
  tone: 'problem',
});

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
