// What the organizer sees behind "Follow your request" in their mails, when a browser opens it: where the
// request stands, the event, the space, and every step so far (views/booking-status.hbs). API clients get the
// same facts as JSON from the same address.
import type { HelperOptions } from 'handlebars';
import type { LeftOut } from '@cocomo/contracts';
import type { PageRenderer } from '@cocomo/web';
import type { BookingState } from '../machine/booking-vocabulary';
import { leftOutNote } from '../workflow/booking-mails';
import type { LanguageChange } from './organizer-language';
import { stepKey } from './step-causes';

export interface BookingStatus {
  state: BookingState;
  title: string;
  community: string;
  start: Date;
  end: Date;
  expectedAttendees: number;
  /** The space the event has (confirmed) or is asking now; null while neither. */
  space: { confirmed: boolean; name: string; address: string; city: string } | null;
  /** The zone of the spaces it was meant for, which its times are shown in; UTC when no space was found. */
  timezone: string;
  history: { at: Date; to: string; cause: string }[];
  /** No space found: how many spaces that fit were left out for the time, and why, when some were. */
  leftOut?: LeftOut;
  /** The language the organizer's mails are written in. */
  organizerLocale: string;
  /** A date of a series: every date of it, with its space (confirmed or asked) and its state. */
  series?: SeriesDateStatus[];
  /** The organizer's link that cancels the series, while its host has not answered (the page asks first). */
  cancelSeries?: string;
}

export interface SeriesDateStatus {
  start: Date;
  end: Date;
  state: BookingState;
  space: { confirmed: boolean; name: string } | null;
  /** The date this status page is about. */
  current: boolean;
}

export function bookingStatusPage(
  pages: PageRenderer,
  status: BookingStatus,
  languageChange?: LanguageChange,
): string {
  const { leftOut } = status;
  return pages.render('booking-status', {
    ...status,
    history: status.history.map((step) => ({
      ...step,
      iso: step.at.toISOString(),
      step: stepKey(step.cause),
    })),
    // Said as the mails say it (a list of reasons, in the page's language): Handlebars calls it with the page's
    // data, whose `lang` it is written in.
    whyUnplaced: (options?: HelperOptions) =>
      leftOutNote(leftOut, (options?.data as { lang?: string } | undefined)?.lang),
    languageChange,
  });
}
