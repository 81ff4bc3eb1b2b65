// The pages behind the links of a series' mail to its host: accept every date, choose dates (a page listing
// each date with its own box, and the dates the space has booked already), or decline; and behind the
// organizer's link that cancels the series while the host has not answered. GET shows and changes nothing;
// the button's POST acts on the series once. A choice that is refused is shown again (400).
import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ActionLinks, sendUnusableLink, type LinkClaims, type UnusableLink } from '@cocomo/links';
import type { SpaceUnavailability } from '@cocomo/contracts';
import { QueryTimeoutError } from '@cocomo/messaging';
import { Conflict, linkActor } from '@cocomo/platform';
import { PageRenderer, sendPage } from '@cocomo/web';
import type { Booking } from '../bookings/booking.entity';
import type { BookingSeries } from '../bookings/booking-series.entity';
import { BookingRepository } from '../bookings/booking.repository';
import { chosenLocale, OrganizerLanguage } from '../requests/organizer-language';
import { CandidateSearch } from '../workflow/candidate-search';
import { SeriesWorkflow } from '../workflow/series-workflow.service';
import {
  SERIES_ACTIONS_PATH,
  isSeriesAction,
  parseSeriesSubject,
  type SeriesActionName,
} from '../workflow/series-links';

interface UsableSeriesLink {
  series: BookingSeries;
  spaceId: string;
  dates: Booking[];
  name: SeriesActionName;
  claims: LinkClaims;
}

/** A date as the pages list it: still open to the host's answer, or booked by another event then. */
interface ListedDate {
  date: string;
  start: Date;
  end: Date;
  open: boolean;
  clashes: boolean;
  /** Why the space cannot host then by its host's availability (closed that day, not open then, paused). */
  closed?: ClosedReason;
  /** Open, free and not closed: the host may take it. */
  takeable: boolean;
  checked: boolean;
}

/** The directory's reasons that mean the space is closed then; the page says each in its language. */
const CLOSED = ['closed', 'outside_hours', 'paused'] as const satisfies readonly SpaceUnavailability[];
type ClosedReason = (typeof CLOSED)[number];
const isClosed = (reason: SpaceUnavailability | undefined): reason is ClosedReason =>
  (CLOSED as readonly string[]).includes(reason ?? '');

/** Why a choice of dates was refused, which the page says: none chosen, or one the space does not have free. */
type Refusal = 'none' | 'not-free';

@ApiExcludeController()
@Controller(SERIES_ACTIONS_PATH.slice(1))
export class SeriesActionsController {
  constructor(
    private readonly links: ActionLinks,
    private readonly series: SeriesWorkflow,
    private readonly bookings: BookingRepository,
    private readonly pages: PageRenderer,
    private readonly search: CandidateSearch,
    private readonly language: OrganizerLanguage,
  ) {}

  /** "Write my mails in …" on the organizer's page (cancel the series): every date's mails in that language. */
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
    if (found.name !== 'series-cancel' || !locale) return sendUnusableLink(response, this.pages, 'invalid');
    const by = linkActor(request, 'organizer', found.claims.recipient);
    await this.language.change(found.dates[0].id, locale, by);
    const back = `${SERIES_ACTIONS_PATH}/${token}?lang=${locale}`;
    sendPage(response, 200, this.pages.render('language-changed', { series: 'yes', back }, locale));
  }

  @Get(':token')
  async show(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const found = await this.usable(token);
    if (typeof found === 'string') return sendUnusableLink(response, this.pages, found);
    const listed = await this.listed(found);
    sendPage(response, 200, this.page(token, found, listed));
  }

  @Post(':token')
  async act(
    @Param('token') token: string,
    @Body() body: Record<string, unknown> | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const found = await this.usable(token);
    if (typeof found === 'string') return sendUnusableLink(response, this.pages, found);
    const listed = await this.listed(found);
    const takeable = listed.filter((date) => date.takeable).map((date) => date.date);
    if (found.name === 'series-cancel') return this.cancel(request, response, found);
    let taken: string[] = [];
    if (found.name === 'series-accept-all') taken = takeable;
    if (found.name === 'series-choose') {
      const chosen = chosenDates(body?.dates);
      const refusal: Refusal | undefined =
        chosen === undefined || chosen.some((date) => !takeable.includes(date))
          ? 'not-free'
          : chosen.length === 0
            ? 'none'
            : undefined;
      if (refusal) {
        const shown = listed.map((date) => ({ ...date, checked: (chosen ?? []).includes(date.date) }));
        return sendPage(response, 400, this.page(token, found, shown, refusal));
      }
      taken = chosen!;
    }
    try {
      const answered = await this.series.answer(
        found.claims,
        linkActor(request, 'host', found.claims.recipient),
        found.series.id,
        taken,
      );
      if (answered === 'used') return sendUnusableLink(response, this.pages, 'used');
    } catch (error) {
      if (isDoubleBooking(error)) return sendPage(response, 409, this.pages.render('actions/already-booked'));
      if (error instanceof Conflict) return sendUnusableLink(response, this.pages, 'overtaken');
      throw error;
    }
    sendPage(
      response,
      200,
      this.pages.render(`actions/${found.name}`, {
        done: true,
        taken: taken.length,
        left: listed.filter((date) => date.open).length - taken.length,
      }),
    );
  }

  private async cancel(request: Request, response: Response, found: UsableSeriesLink): Promise<void> {
    try {
      const by = linkActor(request, 'organizer', found.claims.recipient);
      const cancelled = await this.series.cancel(found.claims, by, found.series.id);
      if (cancelled === 'used') return sendUnusableLink(response, this.pages, 'used');
    } catch (error) {
      if (error instanceof Conflict) return sendUnusableLink(response, this.pages, 'overtaken');
      throw error;
    }
    sendPage(response, 200, this.pages.render('actions/series-cancel', { done: true }));
  }

  private page(token: string, found: UsableSeriesLink, dates: ListedDate[], refusal?: Refusal) {
    const [first] = found.dates;
    const space = first.spaceSnapshots[found.spaceId];
    return this.pages.render(`actions/${found.name}`, {
      organizer: first.organizerName,
      community: first.needs.community,
      event: first.title,
      space: space?.name,
      timezone: found.series.timezone,
      expectedAttendees: first.needs.expectedAttendees,
      needs: first.needs.needs,
      formAction: `${SERIES_ACTIONS_PATH}/${token}`,
      dates,
      clashing: dates.filter((date) => date.clashes).length,
      refusal,
      // The organizer's page (cancel the series) offers to write their mails in the page's language.
      languageChange:
        found.name === 'series-cancel'
          ? { action: `${SERIES_ACTIONS_PATH}/${token}/language`, current: first.organizerLocale }
          : undefined,
    });
  }

  /**
   * Every date of the series, the dates the space has booked already among them, and those on which it is
   * closed by its host's availability (asked of the directory date by date; unknown, so not marked, when it
   * does not answer in time).
   */
  private async listed({ spaceId, dates, name }: UsableSeriesLink): Promise<ListedDate[]> {
    const clashes = await this.bookings.clashesAt(spaceId, dates);
    const closed =
      name === 'series-cancel' ? [] : await Promise.all(dates.map((date) => this.closedAt(date, spaceId)));
    return dates.map((booking, index) => {
      const open = booking.state === 'requested';
      const takeable = open && !clashes[index] && !closed[index];
      return {
        date: booking.seriesDate ?? '',
        start: booking.start,
        end: booking.end,
        open,
        clashes: clashes[index],
        ...(closed[index] ? { closed: closed[index] } : {}),
        takeable,
        checked: takeable,
      };
    });
  }

  /** Why the space is closed at the date, by the directory's ranking of that date; undefined when it is not. */
  private async closedAt(date: Booking, spaceId: string): Promise<ClosedReason | undefined> {
    if (date.state !== 'requested') return undefined;
    try {
      const { unavailable = [] } = await this.search.answer({ ...date.needs, spaceId }, 1, {
        keepBusy: true,
      });
      const reason = unavailable.find((left) => left.spaceId === spaceId)?.reason;
      return isClosed(reason) ? reason : undefined;
    } catch (error) {
      if (error instanceof QueryTimeoutError) return undefined;
      throw error;
    }
  }

  /** The series a link answers, while it waits for its host; otherwise why the link cannot act. */
  private async usable(token: string): Promise<UsableSeriesLink | UnusableLink> {
    const link = await this.links.inspect(token);
    if (link.state !== 'usable') return link.state;
    const subject = parseSeriesSubject(link.claims.subject);
    if (!subject || !isSeriesAction(link.claims.action)) return 'invalid';
    const series = await this.bookings.findSeries(subject.seriesId);
    if (!series || series.spaceId !== subject.spaceId) return 'invalid';
    const dates = await this.bookings.datesOf(series.id);
    // The host's links were sent to the space's host; the organizer's (cancel) to the organizer.
    const recipient =
      link.claims.action === 'series-cancel'
        ? dates[0]?.organizerEmail
        : dates[0]?.spaceSnapshots[subject.spaceId]?.host.email;
    if (recipient !== link.claims.recipient) return 'invalid';
    if (series.state !== 'asking') return 'overtaken';
    return { series, spaceId: subject.spaceId, dates, name: link.claims.action, claims: link.claims };
  }
}

/** The boxes ticked: none, one (a string) or several (a list); undefined for anything a form does not send. */
function chosenDates(value: unknown): string[] | undefined {
  if (value === undefined || value === '') return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  return undefined;
}

function isDoubleBooking(error: unknown): boolean {
  return error instanceof Error && error.message.includes('booking_no_double_booking');
}
