// The language of the request being answered, chosen once for every page of every service (`?lang=`, then the
// switcher's cookie, then Accept-Language, then English), so that no controller has to pass one. A page that
// uses it says so with Vary, and a `?lang=` the reader asked for is kept in the switcher's cookie.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { askedPageLocale, PAGE_LOCALE_COOKIE, pageLocale, type PageLocale } from '@cocomo/i18n';

interface PageRequest {
  locale: PageLocale;
  /** The path asked for, and its query without `lang`: where the switcher sends the reader back to. */
  path: string;
  query: [string, string][];
  response: Response;
}

const current = new AsyncLocalStorage<PageRequest>();
const A_YEAR_MS = 365 * 24 * 3600 * 1000;

/** The language of the page being answered; undefined outside a request (a mail, a test's render). */
export function currentPageLocale(): PageLocale | undefined {
  return current.getStore()?.locale;
}

/** Where the page being answered was asked for, for the language switcher. */
export function currentPageAddress(): { path: string; query: [string, string][] } | undefined {
  const store = current.getStore();
  return store && { path: store.path, query: store.query };
}

/** A page chose its language by the request: caches keep one copy per language asked for. */
export function answerVariesByLanguage(): void {
  const response = current.getStore()?.response;
  if (response && !response.headersSent) response.vary('Accept-Language').vary('Cookie');
}

/** Express middleware: the rest of the request sees its page language. */
export function carryPageLocale(request: Request, response: Response, next: NextFunction): void {
  const url = new URL(request.originalUrl, 'http://page.invalid');
  const asked = askedPageLocale(url.searchParams.get('lang') ?? undefined);
  if (asked && (request.method === 'GET' || request.method === 'HEAD')) {
    response.cookie(PAGE_LOCALE_COOKIE, asked, {
      path: '/',
      sameSite: 'lax',
      maxAge: A_YEAR_MS,
      httpOnly: true,
      secure: request.secure,
    });
  }
  const locale = pageLocale({
    lang: url.searchParams.get('lang') ?? undefined,
    cookie: request.headers.cookie,
    acceptLanguage: request.headers['accept-language'],
  });
  const query = [...url.searchParams].filter(([name]) => name !== 'lang');
  current.run({ locale, path: url.pathname, query, response }, next);
}
