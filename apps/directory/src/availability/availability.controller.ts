// GET /api/spaces/:id/availability?from=&to=: whether a listed space can be asked for that time, why not when
// it cannot (paused, closed, outside_hours, over_monthly_cap, booked), and the nearest spaces open and free
// then. The request form asks it as soon as the times are typed, to warn before anything is sent.
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ApiAnswer, ApiProblems, NotFound } from '@cocomo/platform';
import { SpacesSearchService } from '../search/spaces-search.service';
import { SpacesService } from '../spaces/spaces.service';
import type { Unavailability } from './availability';
import { SpaceAvailability } from './space-availability';

const uuid = new ParseUUIDPipe({ version: '4' });
/** How far around the space the nearest open ones are looked for, and how many are offered. */
const NEAREST_KM = 25;
const NEAREST = 3;

const moment = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO 8601 date and time with its zone' })
  .transform((text) => new Date(text));
const timeQuery = z
  .object({ from: moment, to: moment })
  .strict()
  .refine((query) => query.to > query.from, { path: ['to'], message: 'must be after from' });
class TimeQueryDto extends createZodDto(timeQuery) {}

const UNAVAILABILITIES = ['paused', 'closed', 'outside_hours', 'over_monthly_cap', 'booked'] as const;
const availabilityAnswerSchema = z.object({
  spaceId: z.string().uuid(),
  available: z.boolean(),
  reason: z
    .enum(UNAVAILABILITIES)
    .nullable()
    .describe('Why the space cannot be asked then; null when it can'),
  nearest: z
    .array(
      z.object({
        id: z.string().uuid(),
        name: z.string(),
        city: z.string(),
        distanceKm: z.number().nullable(),
      }),
    )
    .describe('When it cannot: the nearest spaces open and free then'),
});
type AvailabilityAnswer = z.input<typeof availabilityAnswerSchema>;
class AvailabilityAnswerDto extends createZodDto(availabilityAnswerSchema) {}
/** Compiles only while the answer's reasons are the availability module's. */
const reasonsAgree: Unavailability extends (typeof UNAVAILABILITIES)[number] ? true : never = true;
void reasonsAgree;

@ApiTags('spaces')
@Controller('api/spaces')
export class AvailabilityController {
  constructor(
    private readonly spaces: SpacesService,
    private readonly searcher: SpacesSearchService,
    private readonly availability: SpaceAvailability,
  ) {}

  @Get(':id/availability')
  @ApiAnswer(AvailabilityAnswerDto)
  @ApiProblems(400, 404)
  async of(@Param('id', uuid) id: string, @Query() query: TimeQueryDto): Promise<AvailabilityAnswer> {
    const { from, to } = query as unknown as z.output<typeof timeQuery>;
    const space = await this.spaces.find(id);
    if (space.status !== 'approved') throw new NotFound('Space', id);
    const why = (await this.availability.whyNot([space], from, to)).get(space.id) ?? null;
    if (!why) return { spaceId: space.id, available: true, reason: null, nearest: [] };
    const around = await this.searcher.search({
      near: [space.latitude, space.longitude],
      radiusKm: NEAREST_KM,
      limit: 50,
    });
    const others = around.items.filter((item) => item.space.id !== space.id);
    const unavailable = await this.availability.whyNot(
      others.map((item) => item.space),
      from,
      to,
    );
    return {
      spaceId: space.id,
      available: false,
      reason: why,
      nearest: others
        .filter((item) => !unavailable.has(item.space.id))
        .slice(0, NEAREST)
        .map(({ space: open, distanceKm }) => ({
          id: open.id,
          name: open.name,
          city: open.city,
          distanceKm,
        })),
    };
  }
}
