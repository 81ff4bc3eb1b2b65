// The directory's JSON API: registration, review, search and GeoJSON.
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Environment } from '@cocomo/config';
import {
  ApiAnswer,
  ApiProblems,
  ENVIRONMENT,
  NotFound,
  OperatorGuard,
  assertOperator,
  isOperator,
  operatorActor,
} from '@cocomo/platform';
import { SpaceAvailability } from '../availability/space-availability';
import { SpacesSearchService } from '../search/spaces-search.service';
import { spaceFeatureCollection } from '../map/geojson';
import { MapViewService } from '../map/map-view.service';
import {
  MapViewAnswerDto,
  OperatorSpaceDto,
  SearchAnswerDto,
  SpaceAnswerDto,
  SpaceFeatureCollectionDto,
  type MapViewAnswer,
  type OperatorSpace,
  type SearchAnswer,
  type SpaceAnswer,
  type SpaceFeatureCollection,
} from './space-answer.dto';
import { MapViewDto, RegisterSpaceDto, RejectSpaceDto, SearchSpacesDto, UpdateSpaceDto } from './space.dto';
import { spaceView } from './space-view';
import { SpaceScope } from './space-scope';
import { SpacesService } from './spaces.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('spaces')
@Controller('api')
export class SpacesController {
  constructor(
    private readonly spaces: SpacesService,
    private readonly searcher: SpacesSearchService,
    private readonly mapViews: MapViewService,
    private readonly availability: SpaceAvailability,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly scope: SpaceScope,
  ) {}

  @Post('spaces')
  @ApiAnswer(OperatorSpaceDto, 201, 'Registered: the host is sent a link to confirm their address')
  @ApiProblems(400)
  async register(@Body() body: RegisterSpaceDto): Promise<OperatorSpace> {
    const space = await this.spaces.register(body);
    return spaceView(space, 'operator');
  }

  @Get('spaces')
  @ApiAnswer(SearchAnswerDto)
  @ApiProblems(400, 401, 403)
  async search(@Query() query: SearchSpacesDto, @Req() request: Request): Promise<SearchAnswer> {
    const operator = this.allowStatusFilter(query, request);
    const result = await this.searcher.search(query, query.status);
    if (query.from && query.to) {
      // Open and free then: the page keeps the spaces that can be asked; the cursor goes on as without it.
      const unavailable = await this.availability.whyNot(
        result.items.map((item) => item.space),
        query.from,
        query.to,
      );
      result.items = result.items.filter((item) => !unavailable.has(item.space.id));
    }
    return {
      items: result.items.map(({ space, distanceKm }) => ({
        ...spaceView(space, operator ? 'operator' : 'public'),
        distanceKm,
      })),
      total: result.total,
      nextCursor: result.nextCursor,
    };
  }

  @Get('spaces.geojson')
  @ApiAnswer(SpaceFeatureCollectionDto)
  @ApiProblems(400, 401, 403)
  async geojson(@Query() query: SearchSpacesDto, @Req() request: Request): Promise<SpaceFeatureCollection> {
    this.allowStatusFilter(query, request);
    const result = await this.searcher.search(query, query.status);
    return spaceFeatureCollection(
      result.items.map((item) => item.space),
      result.nextCursor,
    );
  }

  /**
   * One view of the map (`bbox=west,south,east,north`) with the search's filters: clusters with free and paid
   * counts when it holds more than a few hundred spaces, else a pin for each.
   */
  @Get('map')
  @ApiAnswer(MapViewAnswerDto)
  @ApiProblems(400)
  async mapView(@Query() query: MapViewDto): Promise<MapViewAnswer> {
    return this.mapViews.view(query);
  }

  @Get('spaces/:id')
  @ApiAnswer(
    SpaceAnswerDto,
    200,
    'The space: operators see any, with its host and review; the public approved ones',
  )
  @ApiProblems(400, 404)
  async get(@Param('id', uuid) id: string, @Req() request: Request): Promise<SpaceAnswer> {
    const space = await this.spaces.find(id);
    const operator = isOperator(request, this.env);
    if (space.status !== 'approved' && !operator) throw new NotFound('Space', id);
    return spaceView(space, operator ? 'operator' : 'public');
  }

  @ApiBearerAuth()
  @UseGuards(OperatorGuard)
  @Post('spaces/:id/approve')
  @HttpCode(200)
  @ApiAnswer(OperatorSpaceDto)
  @ApiProblems(400, 401, 403, 404, 409)
  async approve(@Param('id', uuid) id: string, @Req() request: Request): Promise<OperatorSpace> {
    await this.scope.check(request, id);
    return spaceView(await this.spaces.approve(id, { by: operatorActor(request) }), 'operator');
  }

  @ApiBearerAuth()
  @UseGuards(OperatorGuard)
  @Post('spaces/:id/reject')
  @HttpCode(200)
  @ApiAnswer(OperatorSpaceDto)
  @ApiProblems(400, 401, 403, 404, 409)
  async reject(
    @Param('id', uuid) id: string,
    @Body() body: RejectSpaceDto,
    @Req() request: Request,
  ): Promise<OperatorSpace> {
    await this.scope.check(request, id);
    return spaceView(await this.spaces.reject(id, body.reason, operatorActor(request)), 'operator');
  }

  @ApiBearerAuth()
  @UseGuards(OperatorGuard)
  @Post('spaces/:id/retire')
  @HttpCode(200)
  @ApiAnswer(OperatorSpaceDto)
  @ApiProblems(400, 401, 403, 404, 409)
  async retire(@Param('id', uuid) id: string, @Req() request: Request): Promise<OperatorSpace> {
    await this.scope.check(request, id);
    return spaceView(await this.spaces.retire(id, operatorActor(request)), 'operator');
  }

  @ApiBearerAuth()
  @UseGuards(OperatorGuard)
  @Patch('spaces/:id')
  @ApiAnswer(OperatorSpaceDto)
  @ApiProblems(400, 401, 403, 404, 409)
  async update(
    @Param('id', uuid) id: string,
    @Body() body: UpdateSpaceDto,
    @Req() request: Request,
  ): Promise<OperatorSpace> {
    await this.scope.check(request, id);
    return spaceView(await this.spaces.update(id, body, operatorActor(request)), 'operator');
  }

  /** Only operators may look at spaces that are not approved; the public sees approved spaces only. */
  private allowStatusFilter(query: SearchSpacesDto, request: Request): boolean {
    if (query.status === undefined || query.status === 'approved') return isOperator(request, this.env);
    assertOperator(request, this.env);
    return true;
  }
}
