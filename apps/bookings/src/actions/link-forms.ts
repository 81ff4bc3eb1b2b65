// The forms some link pages carry — the organizer's report, a host's decline — checked before the button acts,
// and what a refused form shows again: what was typed, and each problem beside its field and in a list at the top.
import { pageProblems, type PageProblems } from '@cocomo/platform';
import { OFFER_FIELDS, parseDecline, type DeclineForm } from '../answers/decline-form';
import type { Booking } from '../bookings/booking.entity';
import { parseReport } from '../reports/event-report';
import type { BookingAction, FormAnswer } from '../workflow/booking-links';

export type TypedForm = Record<string, string | undefined>;

const NO_PROBLEMS: PageProblems = { problems: [], problemOf: {} };

/** The answer the form gives the press, or what is wrong with it. */
export function answerOf(
  action: BookingAction,
  form: TypedForm,
  booking: Booking,
  timezone: string,
  now: Date,
): { answer?: FormAnswer } | PageProblems {
  if (action.form === 'report') {
    const parsed = parseReport(form);
    return 'problems' in parsed ? pageProblems(parsed.problems) : { answer: parsed };
  }
  if (action.form === 'decline') {
    const parsed = parseDecline(
      form as DeclineForm,
      { start: booking.start, end: booking.end, timezone },
      now,
    );
    return 'problems' in parsed ? pageProblems(parsed.problems) : { answer: parsed };
  }
  return {};
}

/** The rows of the decline's offered times, with what was typed in each and its problems. */
export function offerRows(form: TypedForm, { problemOf }: PageProblems = NO_PROBLEMS) {
  return OFFER_FIELDS.map((fields, index) => ({
    number: index + 1,
    start: { name: fields.start, value: form[fields.start] ?? '', problem: problemOf[fields.start] },
    end: { name: fields.end, value: form[fields.end] ?? '', problem: problemOf[fields.end] },
  }));
}

export { NO_PROBLEMS };
