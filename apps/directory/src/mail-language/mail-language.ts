// The language a host's mails are written in, as the pages behind their links offer to change it: the page's
// own language (which the request chose) against the space's, and the locale a form posted.
import type { Request, Response } from 'express';
import { isLocale, LOCALE_NAMES, SUPPORTED_LOCALES, type Locale } from '@cocomo/i18n';
import { sendUnusableLink } from '@cocomo/links';
import { Conflict } from '@cocomo/platform';
import type { PageRenderer } from '@cocomo/web';
import { pageLocaleOf } from '../page-locale';

/** The locale a form posted, when CoCoMo speaks it. */
export function postedLocale(body: Record<string, unknown> | undefined): Locale | undefined {
  return isLocale(body?.locale) ? body.locale : undefined;
}

const names = new Map<string, Intl.DisplayNames>();

/** A language as a sentence of the page names it: "English" on an English page, "anglais" on a French one. */
export function languageName(locale: string, inLocale: string): string {
  let displayNames = names.get(inLocale);
  if (!displayNames)
    names.set(inLocale, (displayNames = new Intl.DisplayNames([inLocale], { type: 'language' })));
  return displayNames.of(locale) ?? locale;
}

/**
 * The offer "Write my mails in <the page's language>" for a page whose language is not the one the mails are
 * written in (`current`); none when they are the same. `action`: where the form posts (the link's token in it).
 */
export function mailLanguageOffer(current: string, page: Locale, action: string) {
  if (current === page) return undefined;
  return { action, locale: page, offered: languageName(page, page), current: languageName(current, page) };
}

/** Every language a host may choose for their mails, the space's chosen. */
export function mailLanguageChoices(current: string) {
  return SUPPORTED_LOCALES.map((code) => ({ code, name: LOCALE_NAMES[code], chosen: code === current }));
}

/**
 * What a link page shows of the mails' language: the offer to change it when the page speaks another, and,
 * after a change (`?mailLanguage=saved`), that it is saved.
 */
export function mailLanguageOf(request: Request, current: string, action: string) {
  const saved =
    request.query.mailLanguage === 'saved' && isLocale(current) ? LOCALE_NAMES[current] : undefined;
  return {
    mailLanguage: mailLanguageOffer(current, pageLocaleOf(request), action),
    ...(saved ? { mailLanguageSaved: saved } : {}),
  };
}

/** Where a link page sends its reader after a change of language: the page again, in that language. */
export function savedLanguagePath(path: string, locale: Locale): string {
  return `${path}?lang=${encodeURIComponent(locale)}&mailLanguage=saved`;
}

/**
 * The answer to a link page's "Write my mails in …" form, once its link has found the space: the posted locale
 * saved by `change`, then the page again (`path`, the link's token in it) in that language. A form without a
 * locale CoCoMo speaks is refused as an invalid link; a change another made first (Conflict), as overtaken.
 */
export async function answerMailLanguage(
  response: Response,
  pages: PageRenderer,
  body: Record<string, unknown> | undefined,
  path: string,
  change: (locale: Locale) => Promise<unknown>,
): Promise<void> {
  const locale = postedLocale(body);
  if (!locale) return sendUnusableLink(response, pages, 'invalid');
  try {
    await change(locale);
  } catch (error) {
    if (error instanceof Conflict) return sendUnusableLink(response, pages, 'overtaken');
    throw error;
  }
  response.redirect(303, savedLanguagePath(path, locale));
}
