// GET /request: the page where an organizer asks for a space; the form sends to POST /api/bookings.
import { Controller, Get, Header, Headers, Inject, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Environment } from '@cocomo/config';
import { LOCALE_NAMES, pageLocale, SUPPORTED_LOCALES } from '@cocomo/i18n';
import { ENVIRONMENT } from '@cocomo/platform';
import { PageRenderer } from '@cocomo/web';

@ApiExcludeController()
@Controller('request')
export class RequestPageController {
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
    // The organizer's language is asked here, the page's own chosen (?lang=, the lang cookie, the
    // browser's Accept-Language) until they choose another.
    const proposed = pageLocale({ lang, cookie, acceptLanguage });
    return this.pages.render('request', {
      tileUrl: this.env.MAP_TILE_URL,
      languages: SUPPORTED_LOCALES.map((code) => ({
        code,
        name: LOCALE_NAMES[code],
        chosen: code === proposed,
      })),
    });
  }
}
