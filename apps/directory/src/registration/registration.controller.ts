// GET /map/register: the page where a host lists a space; the form sends to POST /api/spaces.
import { Controller, Get, Header, Headers, Inject, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Environment } from '@cocomo/config';
import { LOCALE_NAMES, pageLocale, SUPPORTED_LOCALES } from '@cocomo/i18n';
import { ENVIRONMENT } from '@cocomo/platform';
import { PageRenderer } from '@cocomo/web';
import { countryChoices } from '../map/country-choices';
import { COMMON_AMENITIES, currencyChoices, ZONE_CHOICES } from './registration-choices';

@ApiExcludeController()
@Controller('map/register')
export class RegistrationController {
  constructor(
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(
    @Query('lang') lang?: unknown,
    @Headers('cookie') cookie?: string,
    @Headers('accept-language') acceptLanguage?: string,
  ): string {
    // The host's language is asked here, the page's own chosen (?lang=, the lang cookie, the
    // browser's Accept-Language) until they choose another.
    const proposed = pageLocale({ lang, cookie, acceptLanguage });
    return this.pages.render('register', {
      languages: SUPPORTED_LOCALES.map((code) => ({
        code,
        name: LOCALE_NAMES[code],
        chosen: code === proposed,
      })),
      tileUrl: this.env.MAP_TILE_URL,
      amenities: COMMON_AMENITIES,
      countries: countryChoices(proposed),
      zones: ZONE_CHOICES,
      currencies: currencyChoices(proposed),
    });
  }
}
