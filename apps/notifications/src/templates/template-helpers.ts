// The helpers mail templates may use. The locale of the mail being rendered arrives as @locale.
import type { HelperOptions } from 'handlebars';

const MOMENT: Intl.DateTimeFormatOptions = {
  weekday: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
};

// Building a formatter costs far more than using one: one per locale, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(locale: string): Intl.DateTimeFormat {
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, MOMENT);
    formatters.set(locale, formatter);
  }
  return formatter;
}

/** A moment as people read it, in the mail's language and with its zone: "Tuesday, 24 November 2026 at 14:00 UTC". */
export function dateTime(iso: unknown, options: HelperOptions): string {
  const moment = new Date(String(iso));
  if (Number.isNaN(moment.getTime())) throw new Error(`dateTime: "${String(iso)}" is not a date`);
  const locale = (options.data as { locale?: string } | undefined)?.locale ?? 'en';
  return formatterFor(locale).format(moment);
}
