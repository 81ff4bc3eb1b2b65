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
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { EntityManager } from '@mikro-orm/postgresql';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { RankedCandidate } from '@cocomo/contracts';
import { QueryTimeoutError } from '@cocomo/messaging';
import type { Request, Response } from 'express';
import type { Environment } from '@cocomo/config';
import { ActionLinks } from '@cocomo/links';
import { assertOperator, ENVIRONMENT, InvalidInput, NotFound, OperatorGuard } from '@cocomo/platform';
import { ORGANIZER_VIEW } from '../workflow/booking-links';
import { BookingTransition } from '../bookings/booking-transition.entity';
import { Booking } from '../bookings/booking.entity';
import { BOOKING_STATES } from '../machine/booking-machine';
import { BookingWorkflow } from '../workflow/booking-workflow.service';
import { cancelBookingSchema, OperatorActions } from '../operators/operator-actions';
import { bookingStatusPage, type BookingStatus } from './booking-status-page';
import { BookingRequestDto } from './booking-request.dto';
import { CandidateSearch } from './candidate-search';

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
    private readonly em: EntityManager,
    private readonly links: ActionLinks,
    private readonly operatorActions: OperatorActions,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  @Post()
  @HttpCode(201)
  async request(@Body() body: BookingRequestDto) {
    let candidates: RankedCandidate[] | null;
    try {
      candidates = await this.search.rank({
        community: body.organizer.community,
        spaceId: body.spaceId,
        near: body.near,
        expectedAttendees: body.event.expectedAttendees,
        needs: body.event.needs,
        start: body.event.start,
        end: body.event.end,
      });
    } catch (error) {
      if (!(error instanceof QueryTimeoutError)) throw error;
      // The directory is silent: the request is kept and ranked again later; operators hear if that fails too.
      candidates = null;
    }
    if (candidates && body.spaceId && !candidates.some((candidate) => candidate.spaceId === body.spaceId)) {
      throw new InvalidInput([
        {
          field: 'spaceId',
          problem: `is not an approved space that holds ${body.event.expectedAttendees} people and is free at that time`,
        },
      ]);
    }
    const booking = await this.workflow.start(body, candidates);
    return { id: booking.id, state: booking.state, spaceId: booking.asked[0]?.spaceId ?? booking.spaceId };
  }

  @ApiBearerAuth()
  @UseGuards(OperatorGuard)
  @Get()
  async list(@Query() query: ListBookingsDto) {
    const bookings = await this.em.find(Booking, query.state ? { state: query.state } : {}, {
      orderBy: { start: 'asc' },
      limit: query.limit,
    });
    return { items: bookings.map((booking) => this.view(booking)) };
  }

  @ApiBearerAuth()
  @UseGuards(OperatorGuard)
  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string, @Body() body: CancelBookingDto) {
    await this.operatorActions.cancel(id, body.reason);
    return this.details(id);
  }

  @ApiBearerAuth()
  @UseGuards(OperatorGuard)
  @Post(':id/assign')
  @HttpCode(200)
  async assign(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string, @Body() body: AssignSpaceDto) {
    await this.operatorActions.assign(id, body.spaceId);
    return this.details(id);
  }

  /**
   * For operators, and for the organizer through the status link in their mails (`?token=`): JSON, or a page
   * when a browser asks for HTML.
   */
  @ApiBearerAuth()
  @Get(':id')
  async get(
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Query('token') token: unknown,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    // A repeated ?token= arrives as an array: only one token can be the organizer's.
    const claims = typeof token === 'string' && token ? this.links.check(token) : undefined;
    const organizer = claims?.action === ORGANIZER_VIEW && claims.subject === id;
    if (!organizer) assertOperator(request, this.env);
    if (request.accepts(['json', 'html']) === 'html') {
      response.type('html').setHeader('cache-control', 'no-store');
      return bookingStatusPage(await this.status(id));
    }
    return this.details(id);
  }

  /** The booking and its transitions, oldest first; NotFound when there is no such booking. */
  private async withHistory(id: string): Promise<{ booking: Booking; history: BookingTransition[] }> {
    const booking = await this.em.findOne(Booking, { id });
    if (!booking) throw new NotFound('Booking', id);
    const history = await this.em.find(
      BookingTransition,
      { booking: id },
      { orderBy: { version: 'asc', id: 'asc' } },
    );
    return { booking, history };
  }

  private async status(id: string): Promise<BookingStatus> {
    const { booking, history } = await this.withHistory(id);
    const spaceId = booking.spaceId ?? booking.asked[0]?.spaceId;
    const space = spaceId ? booking.spaceSnapshots[spaceId] : undefined;
    return {
      state: booking.state,
      title: booking.title,
      community: booking.community,
      start: booking.start,
      end: booking.end,
      expectedAttendees: booking.expectedAttendees,
      space: space ? { label: booking.spaceId ? 'Space' : 'Asked', ...pick(space) } : null,
      timezone: (space ?? Object.values(booking.spaceSnapshots)[0])?.timezone ?? 'UTC',
      history: history.map((step) => ({ at: step.at, to: step.to, cause: step.cause })),
    };
  }

  private async details(id: string) {
    const { booking, history } = await this.withHistory(id);
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

  private view(booking: Booking) {
    return {
      id: booking.id,
      state: booking.state,
      spaceId: booking.spaceId,
      asked: booking.asked.map((ask) => ask.spaceId),
      organizer: { name: booking.organizerName, email: booking.organizerEmail, community: booking.community },
      event: {
        title: booking.title,
        description: booking.description,
        start: booking.start.toISOString(),
        end: booking.end.toISOString(),
        expectedAttendees: booking.expectedAttendees,
        needs: booking.needs,
      },
    };
  }
}

const pick = (space: RankedCandidate) => ({ name: space.name, address: space.address, city: space.city });
