// The language a directory page speaks to a request, for what its controller builds in that language (the
// countries and currencies by their names, the offer to write a host's mails in it); the layout's own words follow
// the same choice.
import type { Request } from 'express';
import { pageLocale, type Locale } from '@cocomo/i18n';

/** The language the page speaks to this request: ?lang=, the lang cookie, Accept-Language, English. */
export function pageLocaleOf(request: Request): Locale {
  return pageLocale({
    lang: request.query.lang,
    cookie: request.headers.cookie,
    acceptLanguage: request.headers['accept-language'],
  });
}
