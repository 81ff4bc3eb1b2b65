// The languages CoCoMo speaks, and how a reader's language is chosen from what they or their browser ask for.

/**
 * Every locale with a complete catalogue (libs/i18n/locales/<locale>); the first is the fallback. A locale is
 * listed here once `npm run i18n:check` passes for it (docs/translating.md).
 */
export const SUPPORTED_LOCALES = ['en', 'es', 'hi', 'pt-BR', 'fr', 'de'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Each locale by its own name, for the language fields and the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  es: 'Español',
  hi: 'हिन्दी',
  'pt-BR': 'Português (Brasil)',
  fr: 'Français',
  de: 'Deutsch',
};

/** Languages written right to left; none is shipped yet, but `dir` follows the locale once one is. */
const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'he', 'ur']);

const TAG = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;

/**
 * The supported locale a language tag asks for, or undefined: "es-MX" → "es", "pt" and "pt-PT" → "pt-BR"
 * (the one Portuguese shipped), "PT-br" → "pt-BR", "zh" → undefined.
 */
export function supportedLocale<L extends string = Locale>(
  tag: string | null | undefined,
  locales: readonly L[] = SUPPORTED_LOCALES as unknown as readonly L[],
): L | undefined {
  if (!tag || !TAG.test(tag.trim())) return undefined;
  const wanted = tag.trim().toLowerCase();
  const exact = locales.find((locale) => locale.toLowerCase() === wanted);
  if (exact) return exact;
  const language = wanted.split('-')[0];
  return locales.find((locale) => locale.toLowerCase().split('-')[0] === language);
}

/** A supported locale for any tag: the one it asks for, else English. */
export function resolveLocale(tag: string | null | undefined): Locale {
  return supportedLocale(tag) ?? DEFAULT_LOCALE;
}

/** Whether a value is exactly one of the supported locales (what an API field must be). */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/**
 * The languages of an Accept-Language header, most wanted first: "fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5" →
 * ["fr-CH", "fr", "en"]. Entries with q=0, the wildcard and malformed entries are left out; equal weights keep
 * the header's order.
 */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((entry, index) => {
      const [tag, ...params] = entry.trim().split(';');
      const q = params.find((param) => /^\s*q\s*=/i.test(param));
      // A weight that is not a number is no weight: that language is not asked for.
      const weight = q === undefined ? 1 : Number(q.split('=')[1].trim() || 'x');
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter(({ tag, weight }) => weight > 0 && tag !== '*' && TAG.test(tag))
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map(({ tag }) => tag);
}

/** The supported locale a browser's Accept-Language asks for first, else English. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  for (const tag of parseAcceptLanguage(header)) {
    const locale = supportedLocale(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

/** The writing direction of a locale, for `<html dir>`. */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(locale.split('-')[0].toLowerCase()) ? 'rtl' : 'ltr';
}

/** The mails' name for it. */
export const textDirection = directionOf;

/**
 * The pseudo-locale: English with every letter accented and each message longer, which shows on a page every
 * text left outside the catalogue and every box too tight for a longer language. Offered only when
 * I18N_PSEUDO_LOCALE=1 (the tests set it), never to the public.
 */
export const PSEUDO_LOCALE = 'en-XA';
export type PageLocale = Locale | typeof PSEUDO_LOCALE;

export function pseudoLocaleOffered(): boolean {
  return process.env.I18N_PSEUDO_LOCALE === '1';
}

/** The locales a page may speak: the supported ones, and the pseudo-locale where it is offered. */
export function pageLocales(): readonly PageLocale[] {
  return pseudoLocaleOffered() ? [...SUPPORTED_LOCALES, PSEUDO_LOCALE] : SUPPORTED_LOCALES;
}

/**
 * A link in a mail, carrying the reader's language (`?lang=es`) so that the page behind it speaks it too.
 * English is every page's default, so an English reader's links stay as they are.
 */
export function linkInLanguage(url: string, locale: string): string {
  const lang = resolveLocale(locale);
  if (lang === DEFAULT_LOCALE) return url;
  const link = new URL(url);
  link.searchParams.set('lang', lang);
  return link.toString();
}

/** The cookie the language switcher sets: the language a reader chose, for every page of every service. */
export const PAGE_LOCALE_COOKIE = 'cocomo_lang';

/** The page locale a `?lang=` value asks for, or undefined (not a string, or no language a page speaks). */
export function askedPageLocale(lang: unknown): PageLocale | undefined {
  return typeof lang === 'string' ? supportedLocale(lang, pageLocales()) : undefined;
}

/** The switcher's cookie in a Cookie header, when it names a locale a page speaks. */
function cookieLocale(cookie: string | undefined): PageLocale | undefined {
  const value = cookie
    ?.split(';')
    .map((pair) => pair.trim().split('='))
    .find(([name]) => name === PAGE_LOCALE_COOKIE)?.[1];
  if (value === undefined) return undefined;
  try {
    return supportedLocale(decodeURIComponent(value), pageLocales());
  } catch {
    return undefined;
  }
}

/**
 * The language a page speaks to its reader: `?lang=` (a mail's link and the switcher carry it), then the
 * switcher's cookie, then the browser's Accept-Language, then English.
 */
export function pageLocale(asked: { lang?: unknown; cookie?: string; acceptLanguage?: string }): PageLocale {
  return (
    askedPageLocale(asked.lang) ??
    cookieLocale(asked.cookie) ??
    localeFromAcceptLanguage(asked.acceptLanguage)
  );
}
