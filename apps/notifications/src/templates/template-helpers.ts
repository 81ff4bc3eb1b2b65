// The helpers mail templates may use. The locale of the mail being rendered arrives as @locale.
import type { HelperOptions } from 'handlebars';

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
