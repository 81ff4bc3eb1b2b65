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
import { ENVIRONMENT, NotFound, OperatorGuard, assertOperator, isOperator } from '@cocomo/platform';
import { SpacesSearchService } from '../search/spaces-search.service';
import { spaceFeatureCollection } from '../map/geojson';
import { RegisterSpaceDto, RejectSpaceDto, SearchSpacesDto, UpdateSpaceDto } from './space.dto';
import { spaceView } from './space-view';
import { SpacesService } from './spaces.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('spaces')
@Controller('api')
export class SpacesController {
  constructor(
    private readonly spaces: SpacesService,
    private readonly searcher: SpacesSearchService,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  @Post('spaces')
  async register(@Body() body: RegisterSpaceDto) {
    const space = await this.spaces.register(body);
    return spaceView(space, 'operator');
  }

  @Get('spaces')
  async search(@Query() query: SearchSpacesDto, @Req() request: Request) {
    const operator = this.allowStatusFilter(query, request);
    const result = await this.searcher.search(query, query.status);
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
  async geojson(@Query() query: SearchSpacesDto, @Req() request: Request) {
    this.allowStatusFilter(query, request);
    const result = await this.searcher.search(query, query.status);
    return spaceFeatureCollection(
      result.items.map((item) => item.space),
      result.nextCursor,
    );
  }

  @Get('spaces/:id')
  async get(@Param('id', uuid) id: string, @Req() request: Request) {
    const space = await this.spaces.find(id);
    const operator = isOperator(request, this.env);
    if (space.status !== 'approved' && !operator) throw new NotFound('Space', id);
    return spaceView(space, operator ? 'operator' : 'public');
  }

  @ApiBearerAuth()
  @UseGuards(OperatorGuard)
  @Post('spaces/:id/approve')
  @HttpCode(200)
  async approve(@Param('id', uuid) id: string) {
    return spaceView(await this.spaces.approve(id), 'operator');
  }

  @ApiBearerAuth()
  @UseGuards(OperatorGuard)
  @Post('spaces/:id/reject')
  @HttpCode(200)
  async reject(@Param('id', uuid) id: string, @Body() body: RejectSpaceDto) {
    return spaceView(await this.spaces.reject(id, body.reason), 'operator');
  }

  @ApiBearerAuth()
  @UseGuards(OperatorGuard)
  @Post('spaces/:id/retire')
  @HttpCode(200)
  async retire(@Param('id', uuid) id: string) {
    return spaceView(await this.spaces.retire(id), 'operator');
  }

  @ApiBearerAuth()
  @UseGuards(OperatorGuard)
  @Patch('spaces/:id')
  async update(@Param('id', uuid) id: string, @Body() body: UpdateSpaceDto) {
    return spaceView(await this.spaces.update(id, body), 'operator');
  }

  /** Only operators may look at spaces that are not approved; the public sees approved spaces only. */
  private allowStatusFilter(query: SearchSpacesDto, request: Request): boolean {
    if (query.status === undefined || query.status === 'approved') return isOperator(request, this.env);
    assertOperator(request, this.env);
    return true;
  }
}
