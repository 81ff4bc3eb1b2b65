// The helpers views may use: comparisons for choosing a sentence, the catalogue's messages (`t`), and numbers,
// dates and countries written in the page's language (`@lang`), so that a view holds whole sentences or
// catalogue keys and code hands it only facts.
import Handlebars, { type HelperDelegate, type HelperOptions } from 'handlebars';
import { IntlMessageFormat } from 'intl-messageformat';
import { isLocale, translate } from '@cocomo/i18n';

/** English pages (and the pseudo-locale made from them) write dates the way the project always has: 1 March 2027. */
const FORMAT_LOCALES: Record<string, string> = { en: 'en-GB', 'en-XA': 'en-GB' };

type Style = 'full' | 'long' | 'medium' | 'short';

function optionsOf(args: unknown[]): HelperOptions {
  return args[args.length - 1] as HelperOptions;
}

function localeOf(options: HelperOptions): string {
  const lang = (options.data as { lang?: string } | undefined)?.lang ?? 'en';
  return FORMAT_LOCALES[lang] ?? lang;
}

function momentOf(value: unknown): Date {
  const moment = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(moment.getTime())) throw new Error(`"${String(value)}" is not a date`);
  return moment;
}

const formats = new Map<string, Intl.DateTimeFormat>();
const messages = new Map<string, IntlMessageFormat>();

/** One formatter per locale, zone and style: building one costs far more than using it. */
function dateFormat(options: HelperOptions, timeZone: unknown): Intl.DateTimeFormat {
  const hash = options.hash as { date?: Style; time?: Style };
  const locale = localeOf(options);
  const zone = typeof timeZone === 'string' && timeZone ? timeZone : 'UTC';
  const key = `${locale}|${zone}|${hash.date}|${hash.time}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      dateStyle: hash.date ?? (hash.time ? undefined : 'long'),
      timeStyle: hash.time,
      timeZone: zone,
    });
    formats.set(key, format);
  }
  return format;
}

export const viewHelpers: Record<string, HelperDelegate> = {
  /**
   * `{{t "language.label"}}`: a message of the pages catalogue (libs/i18n/locales/<lang>/pages.json) in the
   * page's language, its values (`name=…`) escaped and its <b>, <code>, <a> (to `href`) markup.
   */
  t: (key: unknown, options: HelperOptions) => {
    const { href, ...values } = options.hash as Record<string, unknown>;
    const name = String(key).includes(':') ? String(key) : `pages:${String(key)}`;
    const lang = (options.data as { lang?: string } | undefined)?.lang ?? 'en';
    const markup = { mode: 'html' as const, ...(typeof href === 'string' ? { href } : {}) };
    return new Handlebars.SafeString(translate(lang, name, values, markup));
  },
  eq: (a: unknown, b: unknown) => a === b,
  /** `{{#if (isMailLocale @lang)}}`: whether mails can be written in the language (the pseudo-locale: no). */
  isMailLocale: (value: unknown) => isLocale(value),
  not: (value: unknown) => !value,
  /** True when any of the values is (for choosing between a list and "none"). */
  or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
  and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
  /**
   * A whole sentence with counts, in ICU MessageFormat, so that its plurals are the language's own:
   * `{{formatMessage "{count, plural, one {# space waits} other {# spaces wait}} for review." count=waiting.length}}`.
   */
  formatMessage: (pattern: unknown, options: HelperOptions) => {
    const locale = localeOf(options);
    const key = `${locale}|${String(pattern)}`;
    let message = messages.get(key);
    if (!message) {
      message = new IntlMessageFormat(String(pattern), locale);
      messages.set(key, message);
    }
    return String(message.format(options.hash as Record<string, string | number>));
  },
  /** `{{formatNumber 1200}}` → "1,200" in the page's language. */
  formatNumber: (value: unknown, ...rest: unknown[]) =>
    new Intl.NumberFormat(localeOf(optionsOf(rest))).format(Number(value)),
  /** `{{formatPercent 0.125}}` → "12.5%"; a share that cannot be computed yet is a dash. */
  formatPercent: (value: unknown, ...rest: unknown[]) =>
    value === null || value === undefined
      ? '—'
      : new Intl.NumberFormat(localeOf(optionsOf(rest)), {
          style: 'percent',
          maximumFractionDigits: 1,
        }).format(Number(value)),
  /** `{{countryName "DE"}}` → "Germany" in the page's language. */
  countryName: (code: unknown, ...rest: unknown[]) => {
    const names = new Intl.DisplayNames([localeOf(optionsOf(rest))], { type: 'region' });
    return names.of(String(code)) ?? String(code);
  },
  /** `{{formatDate at zone date="long" time="short"}}`: a moment in a zone (UTC without one). */
  formatDate: (value: unknown, ...rest: unknown[]) => {
    const options = optionsOf(rest);
    return dateFormat(options, rest.length > 1 ? rest[0] : undefined).format(momentOf(value));
  },
  /** `{{formatDateRange start end zone date="medium" time="short"}}`: "1 Mar 2027, 18:00 – 21:00". */
  formatDateRange: (start: unknown, end: unknown, ...rest: unknown[]) => {
    const options = optionsOf(rest);
    const format = dateFormat(options, rest.length > 1 ? rest[0] : undefined);
    return format.formatRange(momentOf(start), momentOf(end));
  },
  /** `{{concat "outcome " tone}}`: words joined into one value. */
  concat: (...args: unknown[]) => args.slice(0, -1).join(''),
  /** `{{joinList list ", "}}`. */
  joinList: (list: unknown, separator: unknown) =>
    Array.isArray(list) ? list.join(typeof separator === 'string' ? separator : ', ') : '',
  /** A value as a part of an address: `href="/map/spaces/{{encodeUri id}}"`. */
  encodeUri: (value: unknown) => encodeURIComponent(String(value ?? '')),
};

export function registerViewHelpers(handlebars: typeof import('handlebars')): void {
  for (const [name, helper] of Object.entries(viewHelpers)) handlebars.registerHelper(name, helper);
}
