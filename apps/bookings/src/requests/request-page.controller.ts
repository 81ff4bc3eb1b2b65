// GET /request: the page where an organizer asks for a space; the form sends to POST /api/bookings.
import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Environment } from '@cocomo/config';
import { ENVIRONMENT } from '@cocomo/platform';
import { requestPage } from './request-page';

@ApiExcludeController()
@Controller('request')
export class RequestPageController {
  constructor(@Inject(ENVIRONMENT) private readonly env: Environment) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return requestPage({ tileUrl: this.env.MAP_TILE_URL });
  }
}
