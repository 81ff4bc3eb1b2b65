// The bookings API: organizers ask for a space; operators look at bookings and their history.
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  ServiceUnavailableException,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { RankedCandidate, RankedCandidates } from '@cocomo/contracts';
import { QueryTimeoutError } from '@cocomo/messaging';
import type { Request, Response } from 'express';
import type { Environment } from '@cocomo/config';
import { ActionLinks, sendUnusableLink } from '@cocomo/links';
import {
  ApiAnswer,
  ApiProblems,
  assertOperator,
  ENVIRONMENT,
  linkActor,
  OperatorGuard,
  operatorActor,
} from '@cocomo/platform';
import {
  BookingCreatedDto,
  BookingDetailsDto,
  BookingListDto,
  type BookingCreated,
  type BookingDetails,
  type BookingList,
  type BookingView,
} from './booking-answer.dto';
import { ORGANIZER_VIEW } from '../workflow/booking-links';
import type { Booking } from '../bookings/booking.entity';
import { BookingRepository } from '../bookings/booking.repository';
import { BookingScope, countriesOf } from '../operators/booking-scope';
import { BOOKING_STATES } from '../machine/booking-vocabulary';
import { BookingWorkflow } from '../workflow/booking-workflow.service';
import { leftOutNote } from '../workflow/booking-mails';
import { chosenLocale, OrganizerLanguage } from './organizer-language';
import { cancelBookingSchema, OperatorActions } from '../workflow/operator-actions';
import { bookingStatusPage, type BookingStatus, type SeriesDateStatus } from './booking-status-page';
import { PageRenderer } from '@cocomo/web';
import { BookingRequestDto } from './booking-request.dto';
import { bookingNeeds } from './booking-needs';
import { CandidateSearch } from '../workflow/candidate-search';
import { namedSpaceIn } from '../workflow/named-space';
import { SeriesWorkflow } from '../workflow/series-workflow.service';
import type { Recurrence } from '../series/recurrence';

class CancelBookingDto extends createZodDto(cancelBookingSchema) {}

class AssignSpaceDto extends createZodDto(
  z.object({ spaceId: z.string().uuid('must be the id of a space in the directory') }).strict(),
) {}

class ListBookingsDto extends createZodDto(
  z
    .object({
      state: z.enum(BOOKING_STATES).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    })
    .strict(),
) {}

@ApiTags('bookings')
@Controller('api/bookings')
export class BookingsController {
  constructor(
    private readonly workflow: BookingWorkflow,
    private readonly search: CandidateSearch,
    private readonly bookings: BookingRepository,
    private readonly links: ActionLinks,
    private readonly operatorActions: OperatorActions,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly pages: PageRenderer,
    private readonly series: SeriesWorkflow,
    private readonly scope: BookingScope,
    private readonly language: OrganizerLanguage,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiAnswer(BookingCreatedDto, 201, 'Taken: the hosts are asked by mail, best first')
  @ApiProblems(400)
  async request(@Body() body: BookingRequestDto): Promise<BookingCreated> {
    if (body.recurrence) return this.requestSeries(body, body.recurrence);
    const needs = bookingNeeds(body);
    let candidates: RankedCandidate[] | null;
    let unavailable: RankedCandidates['unavailable'];
    let leftOut: RankedCandidates['leftOut'];
    try {
      ({ candidates, unavailable, leftOut } = await this.search.answer(needs));
    } catch (error) {
      if (!(error instanceof QueryTimeoutError)) throw error;
      // The directory is silent: the request is kept and ranked again later; operators hear if that fails too.
      candidates = null;
    }
    if (candidates && needs.spaceId) namedSpaceIn(candidates, needs, needs.spaceId, unavailable);
    const { organizer, event, locale } = body;
    const booking = await this.workflow.start(
      {
        organizer,
        locale,
        title: event.title,
        description: event.description,
        needs,
        ...(leftOut ? { leftOut } : {}),
      },
      candidates,
    );
    return { id: booking.id, state: booking.state, spaceId: booking.asked[0]?.spaceId ?? booking.spaceId };
  }

  /**
   * A series is placed before anything is stored: the directory must answer (the dates are expanded in the
   * zone of the space asked); its answer lists every date with its booking.
   */
  private async requestSeries(body: BookingRequestDto, recurrence: Recurrence) {
    const needs = bookingNeeds(body);
    let candidates: RankedCandidate[];
    try {
      candidates = await this.search.rank(needs, undefined, { keepBusy: true });
    } catch (error) {
      if (!(error instanceof QueryTimeoutError)) throw error;
      throw new ServiceUnavailableException(
        'The directory did not answer, and a series needs its space to know its dates. Nothing was stored; try again.',
      );
    }
    const { organizer, event, locale } = body;
    const { series, dates, clashes } = await this.series.request(
      { organizer, locale, title: event.title, description: event.description, needs },
      recurrence,
      candidates,
    );
    return {
      id: dates[0].id,
      seriesId: series.id,
      state: series.spaceId ? ('asking' as const) : ('unplaced' as const),
      spaceId: series.spaceId,
      timezone: series.timezone,
      dates: dates.map((booking, index) => ({
        id: booking.id,
        date: booking.seriesDate,
        start: booking.start.toISOString(),
        end: booking.end.toISOString(),
        state: booking.state,
        clashes: clashes[index],
      })),
    };
  }

  @ApiBearerAuth()
  @UseGuards(OperatorGuard)
  @Get()
  @ApiAnswer(BookingListDto)
  @ApiProblems(400, 401, 403)
  async list(@Query() query: ListBookingsDto, @Req() request: Request): Promise<BookingList> {
    const bookings = await this.bookings.list(query.state, query.limit, countriesOf(request));
    return { items: bookings.map((booking) => this.view(booking)) };
  }

  @ApiBearerAuth()
  @UseGuards(OperatorGuard)
  @Post(':id/cancel')
  @HttpCode(200)
  @ApiAnswer(BookingDetailsDto)
  @ApiProblems(400, 401, 403, 404, 409)
  async cancel(
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Body() body: CancelBookingDto,
    @Req() request: Request,
  ): Promise<BookingDetails> {
    await this.scope.check(request, id);
    await this.operatorActions.cancel(id, body.reason, operatorActor(request));
    return this.details(id);
  }

  @ApiBearerAuth()
  @UseGuards(OperatorGuard)
  @Post(':id/assign')
  @HttpCode(200)
  @ApiAnswer(BookingDetailsDto)
  @ApiProblems(400, 401, 403, 404, 409)
  async assign(
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Body() body: AssignSpaceDto,
    @Req() request: Request,
  ): Promise<BookingDetails> {
    await this.scope.check(request, id);
    await this.operatorActions.assign(id, body.spaceId, operatorActor(request), countriesOf(request));
    return this.details(id);
  }

  /**
   * For operators, and for the organizer through the status link in their mails (`?token=`): JSON, or a page
   * when a browser asks for HTML.
   */
  @ApiBearerAuth()
  @Get(':id')
  @ApiAnswer(BookingDetailsDto, 200, 'The booking (a page instead when the client asks for HTML)')
  @ApiProblems(400, 401, 403, 404)
  async get(
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Query('token') token: unknown,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<BookingDetails | string> {
    // A repeated ?token= arrives as an array: only one token can be the organizer's.
    const claims = typeof token === 'string' && token ? this.links.check(token) : undefined;
    const organizer = claims?.action === ORGANIZER_VIEW && claims.subject === id;
    if (!organizer) {
      assertOperator(request, this.env);
      await this.scope.check(request, id);
    }
    if (request.accepts(['json', 'html']) === 'html') {
      response.type('html').setHeader('cache-control', 'no-store');
      const status = await this.status(id, organizer);
      // The organizer's page offers to write their mails in the page's language, with the link's token.
      const languageChange = organizer
        ? { action: `/api/bookings/${id}/language`, current: status.organizerLocale, token: token as string }
        : undefined;
      return bookingStatusPage(this.pages, status, languageChange);
    }
    return this.details(id);
  }

  /**
   * "Write my mails in …" on the status page behind "Follow your request": the form carries the page's
   * token, and the booking's (and its series') mails to the organizer are written in the posted language.
   */
  @ApiExcludeEndpoint()
  @Post(':id/language')
  async changeLanguage(
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Body() body: { token?: unknown } | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const token = body?.token;
    const claims = typeof token === 'string' && token ? this.links.check(token) : undefined;
    const locale = chosenLocale(body);
    if (claims?.action !== ORGANIZER_VIEW || claims.subject !== id || !locale) {
      return sendUnusableLink(response, this.pages, 'invalid');
    }
    const by = linkActor(request, 'organizer', claims.recipient);
    const { series } = await this.language.change(id, locale, by);
    const back = `/api/bookings/${id}?token=${encodeURIComponent(token as string)}&lang=${locale}`;
    response.status(200).type('html').setHeader('cache-control', 'no-store');
    response.send(this.pages.render('language-changed', { series: series ? 'yes' : 'no', back }, locale));
  }

  private async status(id: string, organizer = false): Promise<BookingStatus> {
    const { booking, history } = await this.bookings.withHistory(id);
    // The organizer may cancel a series its host has not answered yet: a link of its own, signed here.
    const series = organizer && booking.seriesId ? await this.bookings.findSeries(booking.seriesId) : null;
    const cancelSeries =
      series?.state === 'asking' && series.spaceId
        ? this.series.cancelLink(series.id, series.spaceId, booking.organizerEmail)
        : undefined;
    const spaceId = booking.spaceId ?? booking.asked[0]?.spaceId;
    const space = spaceId ? booking.spaceSnapshots[spaceId] : undefined;
    const leftOut = booking.state === 'unplaced' ? booking.leftOut : null;
    return {
      state: booking.state,
      title: booking.title,
      community: booking.needs.community,
      start: booking.start,
      end: booking.end,
      expectedAttendees: booking.needs.expectedAttendees,
      space: space ? { confirmed: booking.spaceId !== null, ...pick(space) } : null,
      timezone: (space ?? Object.values(booking.spaceSnapshots)[0])?.timezone ?? 'UTC',
      history: history.map((step) => ({ at: step.at, to: step.to, cause: step.cause })),
      ...(leftOutNote(leftOut) ? { leftOut: leftOut! } : {}),
      organizerLocale: booking.organizerLocale,
      ...(booking.seriesId ? { series: await this.seriesStatus(booking) } : {}),
      ...(cancelSeries ? { cancelSeries } : {}),
    };
  }

  private async seriesStatus(booking: Booking): Promise<SeriesDateStatus[]> {
    return (await this.bookings.datesOf(booking.seriesId!)).map((date) => {
      const spaceId = date.spaceId ?? date.asked[0]?.spaceId;
      const space = spaceId ? date.spaceSnapshots[spaceId] : undefined;
      return {
        start: date.start,
        end: date.end,
        state: date.state,
        space: space ? { confirmed: date.spaceId !== null, name: space.name } : null,
        current: date.id === booking.id,
      };
    });
  }

  private async details(id: string): Promise<BookingDetails> {
    const { booking, history } = await this.bookings.withHistory(id);
    return {
      ...this.view(booking),
      history: history.map((step) => ({
        at: step.at.toISOString(),
        from: step.from,
        to: step.to,
        cause: step.cause,
      })),
    };
  }

  private view(booking: Booking): BookingView {
    return {
      id: booking.id,
      state: booking.state,
      spaceId: booking.spaceId,
      asked: booking.asked.map((ask) => ask.spaceId),
      series: booking.seriesId ? { id: booking.seriesId, date: booking.seriesDate } : null,
      // Times declining hosts offered, still open to the organizer while the booking has no space.
      offers: booking.offers,
      organizer: {
        name: booking.organizerName,
        email: booking.organizerEmail,
        community: booking.needs.community,
      },
      event: {
        title: booking.title,
        description: booking.description,
        start: booking.start.toISOString(),
        end: booking.end.toISOString(),
        expectedAttendees: booking.needs.expectedAttendees,
        needs: booking.needs.needs,
      },
    };
  }
}

const pick = (space: RankedCandidate) => ({ name: space.name, address: space.address, city: space.city });
