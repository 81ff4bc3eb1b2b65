// GET /api/spaces/:id/calendar.ics: a listed space's public calendar to subscribe to. It shows when the space is
// booked and the events' titles, never who organizes or hosts them.
import { Controller, Get, Param, ParseUUIDPipe, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { answerCalendar, calendarFeed, type CalendarEntry } from '@cocomo/calendar';
import { ApiProblems, ApiTextAnswer, NotFound } from '@cocomo/platform';
import { SpacesService } from '../spaces/spaces.service';
import { BookedTimesService } from './booked-times.service';

/** Calendars poll; five minutes is soon enough for a booking to show, and a 304 costs next to nothing. */
const CACHE_CONTROL = 'public, max-age=300';

@ApiTags('spaces')
@Controller('api/spaces')
export class SpaceCalendarController {
  constructor(
    private readonly spaces: SpacesService,
    private readonly booked: BookedTimesService,
  ) {}

  @Get(':id/calendar.ics')
  @ApiTextAnswer('text/calendar', "The space's busy times and event titles (iCalendar); 304 to its ETag")
  @ApiProblems(400, 404)
  async calendar(
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const space = await this.spaces.find(id);
    if (space.status !== 'approved') throw new NotFound('Space', id);
    const times = await this.booked.of(space.id);
    const entries = times.map((time): CalendarEntry => ({
      // Not the invitation's uid: a calendar holding both keeps the invitation's details.
      uid: `busy-${time.bookingId}@cocomo`,
      sequence: time.version,
      summary: time.title,
      location: `${space.name}, ${space.address}, ${space.city}, ${space.country}`,
      start: time.start,
      end: time.end,
      timeZone: space.timezone,
    }));
    // The latest change stamps every entry: an unchanged calendar is the same text, and keeps its ETag.
    const stamp = new Date(Math.max(0, ...times.map((time) => time.changedAt.getTime())));
    const text = calendarFeed(`${space.name} (CoCoMo)`, entries, stamp);
    answerCalendar(request, response, text, CACHE_CONTROL, 'calendar.ics');
  }
}
