// The language a directory page speaks to a request, for what its controller builds in that language (the
// countries and currencies by their names, the offer to write a host's mails in it): the one the platform chose
// for the request (libs/platform/src/page-locale.ts), which the layout's own words follow too.
import type { Request } from 'express';
import { pageLocale, resolveLocale, type Locale } from '@cocomo/i18n';
import { currentPageLocale } from '@cocomo/platform';

/**
 * The language the page speaks to this request (?lang=, the switcher's cookie, Accept-Language, English), as a
 * language a host's mails can be written in: the translators' pseudo-locale reads as English.
 */
export function pageLocaleOf(request: Request): Locale {
  const chosen =
    currentPageLocale() ??
    pageLocale({
      lang: request.query.lang,
      cookie: request.headers.cookie,
      acceptLanguage: request.headers['accept-language'],
    });
  return resolveLocale(chosen);
}
