// The pages behind the links in booking mails (hosts accept, decline, withdraw, reconfirm; organizers cancel,
// report, take a time a host offered): GET shows the booking and one button, and changes nothing; only the
// button's POST acts, once, in the same transaction as the booking's move. A form that is refused is shown
// again with its problems (400) and changes nothing. A link whose moment has passed gets a page that says so.
import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ActionLinks, sendUnusableLink, type LinkClaims, type UnusableLink } from '@cocomo/links';
import { Conflict, linkActor, type PageProblems } from '@cocomo/platform';
import { PageRenderer, sendPage } from '@cocomo/web';
import type { Booking } from '../bookings/booking.entity';
import { BookingRepository } from '../bookings/booking.repository';
import {
  BOOKING_ACTIONS,
  BOOKING_ACTIONS_PATH,
  isBookingAction,
  parseActionSubject,
  type ActionSubject,
  type BookingAction,
  type BookingActionName,
} from '../workflow/booking-links';
import { BookingWorkflow } from '../workflow/booking-workflow.service';
import { chosenLocale, OrganizerLanguage } from '../requests/organizer-language';
import { answerOf, NO_PROBLEMS, offerRows, type TypedForm } from './link-forms';

type Unusable = UnusableLink;

interface UsableLink {
  booking: Booking;
  subject: ActionSubject;
  name: BookingActionName;
  action: BookingAction;
  claims: LinkClaims;
}

@ApiExcludeController()
@Controller(BOOKING_ACTIONS_PATH.slice(1))
export class BookingActionsController {
  constructor(
    private readonly links: ActionLinks,
    private readonly workflow: BookingWorkflow,
    private readonly bookings: BookingRepository,
    private readonly pages: PageRenderer,
    private readonly language: OrganizerLanguage,
  ) {}

  @Get(':token')
  async show(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const found = await this.usable(token);
    if (typeof found === 'string') return sendUnusableLink(response, this.pages, found);
    sendPage(response, 200, this.page(token, found, {}, NO_PROBLEMS, await this.laterDates(found)));
  }

  /**
   * The link's page (views/actions/<name>.hbs): the booking's facts and the button, with the form of the
   * report or the decline. An offered time's page shows that time, and the one the organizer asked for.
   */
  private page(
    token: string,
    found: UsableLink,
    form: TypedForm = {},
    refused: PageProblems = NO_PROBLEMS,
    later: Booking[] = [],
  ) {
    const { booking, subject, name } = found;
    const space = booking.spaceSnapshots[subject.spaceId ?? booking.spaceId ?? ''];
    const offer = booking.offers.find((candidate) => candidate.id === subject.offerId);
    return this.pages.render(`actions/${name}`, {
      organizer: booking.organizerName,
      community: booking.needs.community,
      event: booking.title,
      space: space?.name,
      start: offer ? new Date(offer.start) : booking.start,
      end: offer ? new Date(offer.end) : booking.end,
      asked: offer ? { start: booking.start, end: booking.end } : undefined,
      timezone: timezoneOf(found),
      expectedAttendees: booking.needs.expectedAttendees,
      needs: booking.needs.needs,
      formAction: `${BOOKING_ACTIONS_PATH}/${token}`,
      currency: space?.marketRate?.currency,
      form,
      problems: refused.problems,
      problemOf: refused.problemOf,
      offerRows: offerRows(form, refused),
      later: later.map((date) => ({ start: date.start, end: date.end })),
      // The organizer's pages offer to write their mails in the page's language.
      languageChange:
        found.action.audience === 'organizer'
          ? { action: `${BOOKING_ACTIONS_PATH}/${token}/language`, current: booking.organizerLocale }
          : undefined,
    });
  }

  /**
   * "Write my mails in …" on an organizer's page: the booking's (and its series') mails to the organizer are
   * written in the posted language from now on. The link stays as it was, for the button it is for.
   */
  @Post(':token/language')
  async changeLanguage(
    @Param('token') token: string,
    @Body() body: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const found = await this.usable(token);
    if (typeof found === 'string') return sendUnusableLink(response, this.pages, found);
    const locale = chosenLocale(body);
    if (found.action.audience !== 'organizer' || !locale)
      return sendUnusableLink(response, this.pages, 'invalid');
    const by = linkActor(request, 'organizer', found.claims.recipient);
    const { series } = await this.language.change(found.booking.id, locale, by);
    const back = `${BOOKING_ACTIONS_PATH}/${token}?lang=${locale}`;
    sendPage(
      response,
      200,
      this.pages.render('language-changed', { series: series ? 'yes' : 'no', back }, locale),
    );
  }

  @Post(':token')
  async act(
    @Param('token') token: string,
    @Body() body: TypedForm,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const found = await this.usable(token);
    if (typeof found === 'string') return sendUnusableLink(response, this.pages, found);
    const { booking, subject, name, action, claims } = found;
    const form = body ?? {};
    const checked = answerOf(action, form, booking, timezoneOf(found), new Date());
    if ('problems' in checked) return sendPage(response, 400, this.page(token, found, form, checked));
    try {
      // A booking that moved on between the page and the press refuses it with a Conflict.
      const later = (await this.laterDates(found)).map((date) => date.id);
      const event = action.event(subject, checked.answer);
      const by = linkActor(request, action.audience, claims.recipient);
      const recorded = { by, action: name, spaceId: subject.spaceId ?? null };
      const pressed = await this.workflow.press(claims, booking.id, event, recorded, new Date(), later);
      if (pressed === 'used') return sendUnusableLink(response, this.pages, 'used');
    } catch (error) {
      if (isDoubleBooking(error) && name === 'organizer-take-offer') {
        return this.offerBookedMeanwhile(response, claims, booking, subject);
      }
      if (isDoubleBooking(error)) return sendPage(response, 409, this.pages.render('actions/already-booked'));
      if (error instanceof Conflict) return sendUnusableLink(response, this.pages, 'overtaken');
      throw error;
    }
    sendPage(
      response,
      200,
      this.pages.render(`actions/${name}`, {
        done: true,
        space: found.booking.spaceSnapshots[subject.spaceId ?? '']?.name,
      }),
    );
  }

  /** The later dates of the series an action for "the rest" acts on too: those it still applies to. */
  private async laterDates({ booking, subject, action }: UsableLink): Promise<Booking[]> {
    if (!action.rest || !booking.seriesId) return [];
    const now = new Date();
    return (await this.bookings.datesOf(booking.seriesId)).filter(
      (date) => date.start > booking.start && action.applies(date, subject, now),
    );
  }

  /**
   * The space of an offered time was booked by another event meanwhile, and the database refused it: the link
   * is used up and that offer closes, in a transaction of its own, and the booking goes on as it was.
   */
  private async offerBookedMeanwhile(
    response: Response,
    claims: LinkClaims,
    booking: Booking,
    { offerId }: ActionSubject,
  ): Promise<void> {
    try {
      await this.workflow.pressAfterRefusal(claims, booking.id, {
        type: 'offerUnavailable',
        offerId: offerId!,
      });
    } catch (error) {
      // Closed meanwhile by another press of the same offer: the page says the same.
      if (!(error instanceof Conflict)) throw error;
    }
    sendPage(response, 409, this.pages.render('actions/offer-booked-meanwhile'));
  }

  /** The booking a link acts on, while the action still applies; otherwise why the link cannot act. */
  private async usable(token: string): Promise<UsableLink | Unusable> {
    const link = await this.links.inspect(token);
    if (link.state !== 'usable') return link.state;
    const subject = parseActionSubject(link.claims.subject);
    if (!subject || !isBookingAction(link.claims.action)) return 'invalid';
    const name = link.claims.action;
    const action: BookingAction = BOOKING_ACTIONS[name];
    const booking = await this.bookings.find(subject.bookingId);
    if (!booking) return 'invalid';
    const recipient =
      action.audience === 'organizer'
        ? booking.organizerEmail
        : booking.spaceSnapshots[subject.spaceId ?? '']?.host.email;
    if (recipient !== link.claims.recipient) return 'invalid';
    if (!action.applies(booking, subject, new Date())) return 'overtaken';
    return { booking, subject, name, action, claims: link.claims };
  }
}

/** Times on a link's page are in the zone of the space it is about. */
function timezoneOf({ booking, subject }: UsableLink): string {
  return booking.spaceSnapshots[subject.spaceId ?? booking.spaceId ?? '']?.timezone ?? 'UTC';
}

function isDoubleBooking(error: unknown): boolean {
  return error instanceof Error && error.message.includes('booking_no_double_booking');
}
