// GET /map: every approved space as a pin, free and paid in two colours.
import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Environment } from '@cocomo/config';
import { ENVIRONMENT } from '@cocomo/platform';
import { mapPage } from './map-page';

@ApiExcludeController()
@Controller('map')
export class MapController {
  constructor(@Inject(ENVIRONMENT) private readonly env: Environment) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return mapPage({ tileUrl: this.env.MAP_TILE_URL });
  }
}
