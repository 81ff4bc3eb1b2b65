// GET /map/register: the page where a host lists a space; the form sends to POST /api/spaces.
import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Environment } from '@cocomo/config';
import { ENVIRONMENT } from '@cocomo/platform';
import { registrationPage } from './registration-page';

@ApiExcludeController()
@Controller('map/register')
export class RegistrationController {
  constructor(@Inject(ENVIRONMENT) private readonly env: Environment) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return registrationPage({ tileUrl: this.env.MAP_TILE_URL });
  }
}
