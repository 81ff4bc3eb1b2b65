// "Write my mails in …": the organizer changes the language of their mails from a page behind one of their
// links. The booking keeps it (every date of a series at once, so that the series speaks one language), and
// the change is on the record, in one transaction; the next mail to the organizer is written in it.
import { Injectable } from '@nestjs/common';
import { isLocale, type Locale } from '@cocomo/i18n';
import { ActionRecord, type Actor } from '@cocomo/platform';
import { BookingRepository } from '../bookings/booking.repository';

/** What a page offering the change needs: where the form posts, and the language the mails are in now. */
export interface LanguageChange {
  action: string;
  current: string;
  /** The link's credential, when it is not in the form's address (the status page's ?token=). */
  token?: string;
}

/** The locale a language form posted, when CoCoMo speaks it. */
export function chosenLocale(body: unknown): Locale | undefined {
  const locale = (body as { locale?: unknown } | undefined)?.locale;
  return isLocale(locale) ? locale : undefined;
}

@Injectable()
export class OrganizerLanguage {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly record: ActionRecord,
  ) {}

  /**
   * Writes the organizer's mails about the booking (and every date of its series) in `locale` from now on.
   * Whether it belongs to a series, for the page that says so.
   */
  async change(bookingId: string, locale: Locale, by: Actor): Promise<{ series: boolean }> {
    return this.bookings.transaction(async (em) => {
      const booking = await this.bookings.locked(em, bookingId);
      const dates = booking.seriesId ? await this.bookings.datesOf(booking.seriesId, em) : [booking];
      const from = booking.organizerLocale;
      for (const date of dates) {
        const locked = date.id === booking.id ? booking : await this.bookings.locked(em, date.id);
        locked.organizerLocale = locale;
      }
      this.record.add(em, by, 'organizer-language-changed', {
        bookingId: booking.seriesId ?? booking.id,
        detail: `mails in ${locale} (were in ${from})`,
      });
      return { series: Boolean(booking.seriesId) };
    });
  }
}
