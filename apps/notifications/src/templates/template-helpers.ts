// The helpers mail templates may use. The locale of the mail being rendered arrives as @locale, the part being
// rendered (subject, text, html) as @part: a message is markup in HTML and plain words elsewhere.
import Handlebars, { type HelperDelegate, type HelperOptions } from 'handlebars';
import { translate } from '@cocomo/i18n';

const MOMENT: Intl.DateTimeFormatOptions = {
  weekday: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
};

// Building a formatter costs far more than using one: one per locale and zone, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The formatter for a locale and zone; undefined when the runtime knows no such zone. */
function formatterFor(locale: string, timeZone: string): Intl.DateTimeFormat | undefined {
  const key = `${locale}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat(locale, { ...MOMENT, timeZone });
    } catch {
      return undefined;
    }
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * A moment as people read it, in the mail's language and with its zone: "Tuesday, 24 November 2026 at 14:00 UTC".
 * With a time zone (`{{dateTime event.start timeZone}}`) it is shown there, and the zone is named, since an
 * offset such as "GMT+1" alone does not tell a reader which clocks it means:
 * "Friday, January 15, 2027 at 7:00 PM GMT+1 (Europe/Berlin)".
 */
export function dateTime(iso: unknown, ...rest: unknown[]): string {
  const options = rest[rest.length - 1] as HelperOptions;
  const zone = rest.length === 2 ? rest[0] : undefined;
  const moment = new Date(String(iso));
  if (Number.isNaN(moment.getTime())) throw new Error(`dateTime: "${String(iso)}" is not a date`);
  const locale = (options.data as { locale?: string } | undefined)?.locale ?? 'en';
  const formatter =
    zone === undefined || typeof zone === 'string' ? formatterFor(locale, zone ?? 'UTC') : undefined;
  if (!formatter) throw new Error(`dateTime: "${String(zone)}" is not a time zone`);
  const shown = formatter.format(moment);
  return zone === undefined || zone === 'UTC' ? shown : `${shown} (${zone})`;
}

const localeOf = (options: HelperOptions) =>
  (options.data as { locale?: string } | undefined)?.locale ?? 'en';

/** `{{#if (eq decline.reason "closed")}}`: for choosing a sentence by a value. */
export function eq(a: unknown, b: unknown): boolean {
  return a === b;
}

/** `{{#if (anyCounted report.ageGroups)}}`: whether any of the counts is above 0. */
export function anyCounted(counts: unknown): boolean {
  return Object.values((counts ?? {}) as Record<string, unknown>).some((value) => Number(value) > 0);
}

/** `{{count report.attendance}}`: a whole number as the mail's language writes it ("1,200"). */
export function count(value: unknown, options: HelperOptions): string {
  return new Intl.NumberFormat(localeOf(options)).format(Number(value));
}

/** `{{money report.marketCost report.currency}}`: an amount in its currency, as the mail's language writes it. */
export function money(amount: unknown, currency: unknown, options: HelperOptions): string {
  const value = Number(amount);
  // Whole amounts read as "€600", not "€600.00".
  const whole = Number.isInteger(value) ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {};
  return new Intl.NumberFormat(localeOf(options), {
    style: 'currency',
    currency: String(currency),
    ...whole,
  }).format(value);
}

/** The key of the mails catalogue that a template names: "facts.event" → "mails:facts.event". */
const mailKey = (key: unknown) => (String(key).includes(':') ? String(key) : `mails:${String(key)}`);

const isHtml = (options: HelperOptions) => (options.data as { part?: string } | undefined)?.part === 'html';

/**
 * `{{t "booking-host-request.intro" title=event.title}}`: a message of the catalogue in the mail's language.
 * In HTML its values are escaped and its <b>, <code> and <a> (to `href`, styled by `linkStyle`) are markup.
 */
export function t(key: unknown, options: HelperOptions): string | Handlebars.SafeString {
  const { href, linkStyle, ...values } = options.hash as Record<string, unknown>;
  const html = isHtml(options);
  const message = translate(localeOf(options), mailKey(key), values, {
    mode: html ? 'html' : 'text',
    ...(typeof href === 'string' ? { href } : {}),
    ...(typeof linkStyle === 'string' ? { linkStyle } : {}),
  });
  return html ? new Handlebars.SafeString(message) : message;
}

/** `{{factLabel "facts.event"}}`: a label of the text part's aligned facts, "Event:" padded to the column. */
export function factLabel(key: unknown, ...rest: unknown[]): string {
  const options = rest[rest.length - 1] as HelperOptions;
  const width = rest.length === 2 ? Number(rest[0]) : 12;
  const words = `${translate(localeOf(options), mailKey(key))}:`;
  return words.length < width ? words.padEnd(width) : `${words} `;
}

/** `(nameOfSpace space)`: the space's name, or the catalogue's words for a space not known ("the space"). */
export function nameOfSpace(space: unknown, ...rest: unknown[]): string {
  const options = rest[rest.length - 1] as HelperOptions;
  const name = (space as { name?: string } | undefined)?.name;
  return name ?? translate(localeOf(options), mailKey(rest.length === 2 ? rest[0] : 'common.theSpace'));
}

/** `(yesNo space)`: for a message's `{hasSpace, select, yes {…} other {…}}`. */
export function yesNo(value: unknown): string {
  return value ? 'yes' : 'no';
}

/** `(concat "decline." decline.reason)`: a key made of its parts. */
export function concat(...args: unknown[]): string {
  return args.slice(0, -1).join('');
}

const AGE_GROUPS = ['under18', '18to24', '25to34', '35to49', '50to64', '65plus'] as const;

/** `(ageGroups report.ageGroups)`: the age groups counted, youngest first, as { key, value }. */
export function ageGroups(counts: unknown): { key: string; value: number }[] {
  const given = (counts ?? {}) as Record<string, unknown>;
  return AGE_GROUPS.filter((key) => Number(given[key]) > 0).map((key) => ({
    key,
    value: Number(given[key]),
  }));
}

export const mailHelpers: Record<string, HelperDelegate> = {
  t,
  factLabel,
  nameOfSpace,
  yesNo,
  concat,
  ageGroups,
  dateTime,
  eq,
  anyCounted,
  count,
  money,
};
