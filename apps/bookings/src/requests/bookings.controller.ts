// The bookings API: organizers ask for a space; operators look at bookings and their history.
import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  ServiceUnavailableException,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { EntityManager } from '@mikro-orm/postgresql';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { rankCandidates } from '@cocomo/contracts';
import { BullMqClient, QueryTimeoutError } from '@cocomo/messaging';
import { InvalidInput, NotFound, OperatorGuard } from '@cocomo/platform';
import { BookingTransition } from '../bookings/booking-transition.entity';
import { Booking } from '../bookings/booking.entity';
import { BOOKING_STATES } from '../machine/booking-machine';
import { BookingWorkflow } from '../workflow/booking-workflow.service';
import { BookingRequestDto } from './booking-request.dto';

const CANDIDATES_ASKED_FOR = 10;

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
    private readonly client: BullMqClient,
    private readonly em: EntityManager,
  ) {}

  @Post()
  async request(@Body() body: BookingRequestDto) {
    const previous: { space_id: string }[] = await this.em.execute(
      `select distinct "space_id" from "bookings"."booking"
       where lower("community") = lower(?) and "space_id" is not null
         and "state" in ('confirmed', 'reconfirming', 'awaiting_report', 'held')`,
      [body.organizer.community],
    );
    let ranked;
    try {
      ranked = await this.client.ask(rankCandidates, {
        spaceId: body.spaceId,
        near: body.near,
        expectedAttendees: body.event.expectedAttendees,
        needs: body.event.needs,
        previousSpaceIds: previous.map((row) => row.space_id),
        excludeSpaceIds: [],
        limit: CANDIDATES_ASKED_FOR,
      });
    } catch (error) {
      if (error instanceof QueryTimeoutError) {
        throw new ServiceUnavailableException(
          'The space directory did not answer; nothing was stored. Please try again.',
        );
      }
      throw error;
    }
    if (body.spaceId && !ranked.candidates.some((candidate) => candidate.spaceId === body.spaceId)) {
      throw new InvalidInput([
        {
          field: 'spaceId',
          problem: `is not an approved space that holds ${body.event.expectedAttendees} people`,
        },
      ]);
    }
    const booking = await this.workflow.start(body, ranked.candidates);
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
  @Get(':id')
  async get(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string) {
    const booking = await this.em.findOne(Booking, { id });
    if (!booking) throw new NotFound('Booking', id);
    const history = await this.em.find(
      BookingTransition,
      { booking: id },
      { orderBy: { version: 'asc', id: 'asc' } },
    );
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
