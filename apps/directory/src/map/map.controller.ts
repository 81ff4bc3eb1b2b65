// GET /map: every approved space as a pin, free and paid in two colours; the page's script fills it in.
import { Controller, Get, Header, Inject, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Environment } from '@cocomo/config';
import { ENVIRONMENT } from '@cocomo/platform';
import { PageRenderer } from '@cocomo/web';
import { pageLocaleOf } from '../page-locale';
import { countryChoices } from './country-choices';

@ApiExcludeController()
@Controller('map')
export class MapController {
  constructor(
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(@Req() request: Request): string {
    // The countries by their names in the page's language, in its order.
    const countries = countryChoices(pageLocaleOf(request));
    return this.pages.render('map', { tileUrl: this.env.MAP_TILE_URL, countries });
  }
}
