// GET /api/spaces/:id/spaceapi.json: an approved space as a SpaceAPI document.
import { Controller, Get, Inject, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Environment } from '@cocomo/config';
import { ApiAnswer, ApiProblems, ENVIRONMENT, NotFound } from '@cocomo/platform';
import { SpaceApiDocumentDto, type SpaceApiDocument } from '../spaces/space-answer.dto';
import { SpacesService } from '../spaces/spaces.service';
import { spaceApiDocument } from './spaceapi';

@ApiTags('spaces')
@Controller('api/spaces')
export class SpaceApiController {
  constructor(
    private readonly spaces: SpacesService,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  @Get(':id/spaceapi.json')
  @ApiAnswer(SpaceApiDocumentDto)
  @ApiProblems(400, 404)
  async spaceApi(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string): Promise<SpaceApiDocument> {
    const space = await this.spaces.find(id);
    if (space.status !== 'approved') throw new NotFound('Space', id);
    return spaceApiDocument(space, this.env.PUBLIC_BASE_URL);
  }
}
