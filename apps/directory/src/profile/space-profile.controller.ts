// A space's public profile: GET /map/spaces/:id (a page) and GET /api/spaces/:id/hosted-events (its events as
// JSON). Approved spaces for anyone; operators may look at any space's events.
import { Controller, Get, Header, Inject, Param, ParseUUIDPipe, Req } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Environment } from '@cocomo/config';
import { ApiAnswer, ApiProblems, ENVIRONMENT, isOperator, NotFound } from '@cocomo/platform';
import { HostedEventsDto } from '../spaces/space-answer.dto';
import type { Space } from '../spaces/space.entity';
import { SpacesService } from '../spaces/spaces.service';
import { HostedEventsService, type HostedEvents } from './hosted-events.service';
import { PageRenderer } from '@cocomo/web';
import { spaceView } from '../spaces/space-view';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('spaces')
@Controller()
export class SpaceProfileController {
  constructor(
    private readonly spaces: SpacesService,
    private readonly hosted: HostedEventsService,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly pages: PageRenderer,
  ) {}

  @ApiExcludeEndpoint()
  @Get('map/spaces/:id')
  @Header('content-type', 'text/html; charset=utf-8')
  async page(@Param('id', uuid) id: string): Promise<string> {
    const space = await this.listed(id);
    const hosted = await this.hosted.of(space.id);
    return this.pages.render('profile', {
      space: spaceView(space, 'public'),
      hosted: { ...hosted, cut: hosted.items.length < hosted.events },
    });
  }

  @Get('api/spaces/:id/hosted-events')
  @ApiAnswer(HostedEventsDto)
  @ApiProblems(400, 404)
  async events(@Param('id', uuid) id: string, @Req() request: Request): Promise<HostedEvents> {
    const space = isOperator(request, this.env) ? await this.spaces.find(id) : await this.listed(id);
    return this.hosted.of(space.id);
  }

  /** The space, when it is listed publicly. */
  private async listed(id: string): Promise<Space> {
    const space = await this.spaces.find(id);
    if (space.status !== 'approved') throw new NotFound('Space', id);
    return space;
  }
}
