// A host's decline, as the decline link's form sends it: a reason (optional), a line of their own for "other",
// and up to three other times, typed in the space's time zone and kept in UTC. Every problem names its field,
// so the page shows it beside that field with what was typed.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { DECLINE_REASONS } from '@cocomo/contracts';
import type { Problem } from '@cocomo/platform';
import { MAX_EVENT_DAYS } from '../requests/booking-request.dto';
import { MOST_OFFERS, type HostDecline, type TimeSlot } from '../machine/booking-vocabulary';

export const NOTE_MAX = 200;

/** The fields of the offered times: offer1Start, offer1End, … offer3End. */
export const OFFER_FIELDS = Array.from({ length: MOST_OFFERS }, (_, index) => ({
  start: `offer${index + 1}Start`,
  end: `offer${index + 1}End`,
}));
const OFFER_FIELD = /^offer(\d+)(Start|End)$/;

/** What a form post holds: strings, though a crafted one may send lists or nested fields (`a[]=1`). */
export type DeclineForm = Record<string, unknown>;

/** A field as typed, trimmed; a value that is not text reads as a time that is not one. */
const typedIn = (form: DeclineForm, field: string): string => {
  const value = form[field];
  if (value === undefined) return '';
  return typeof value === 'string' ? value.trim() : '?';
};

/** What the booking the host declines says: its time, and the space's zone that times are typed in. */
export interface DeclineContext {
  start: Date;
  end: Date;
  timezone: string;
}

const shape = z
  .object({
    reason: z
      .union([z.literal(''), z.enum(DECLINE_REASONS)], {
        errorMap: () => ({ message: 'Choose one of the reasons, or “I would rather not say”' }),
      })
      .default(''),
    note: z
      .string({ invalid_type_error: 'Write the other reason as a line of text' })
      .trim()
      .max(NOTE_MAX, `Keep the other reason to ${NOTE_MAX} characters or fewer`)
      .default(''),
  })
  .passthrough();

const problem = (field: string, words: string, code: string): Problem => ({ field, problem: words, code });

/** A time typed in the space's zone; a problem when it is not one, or does not exist there (clocks change). */
function moment(typed: string, field: string, zone: string, number: number): Date | Problem {
  const local = DateTime.fromISO(typed, { zone });
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(typed) || !local.isValid) {
    return problem(field, `Time ${number}: give a date and a time, such as 2027-03-10 18:00`, 'invalid_date');
  }
  if (local.toFormat("yyyy-MM-dd'T'HH:mm") !== typed.slice(0, 16)) {
    return problem(
      field,
      `Time ${number} does not exist in ${zone}: the clocks change then`,
      'nonexistent_time',
    );
  }
  return local.toJSDate();
}

const overlaps = (a: TimeSlot, b: TimeSlot) => a.start < b.end && b.start < a.end;

/** The offered times, each checked alone, then against the time asked for and against the others. */
function offeredTimes(form: DeclineForm, context: DeclineContext, now: Date, problems: Problem[]) {
  const beyond = Object.keys(form).filter((key) => {
    const match = OFFER_FIELD.exec(key);
    return match && Number(match[1]) > MOST_OFFERS && typedIn(form, key);
  });
  if (beyond.length) {
    problems.push(problem('offers', `Offer at most ${MOST_OFFERS} other times`, 'too_many'));
  }
  const offers: (TimeSlot & { number: number })[] = [];
  for (const [index, fields] of OFFER_FIELDS.entries()) {
    const number = index + 1;
    const typed = { start: typedIn(form, fields.start), end: typedIn(form, fields.end) };
    if (!typed.start && !typed.end) continue;
    if (!typed.start)
      problems.push(problem(fields.start, `Give the start of time ${number} too`, 'required'));
    if (!typed.end) problems.push(problem(fields.end, `Give the end of time ${number} too`, 'required'));
    if (!typed.start || !typed.end) continue;
    const start = moment(typed.start, fields.start, context.timezone, number);
    const end = moment(typed.end, fields.end, context.timezone, number);
    if (!(start instanceof Date) || !(end instanceof Date)) {
      problems.push(...[start, end].filter((value): value is Problem => !(value instanceof Date)));
      continue;
    }
    const slot = { start, end };
    const earlier = offers.find((other) => overlaps(other, slot));
    if (end <= start) {
      problems.push(problem(fields.end, `Time ${number} ends before it starts`, 'inverted_range'));
    } else if (end.getTime() - start.getTime() > MAX_EVENT_DAYS * 86_400_000) {
      problems.push(
        problem(
          fields.end,
          `Time ${number} is longer than an event may last (${MAX_EVENT_DAYS} days)`,
          'too_long',
        ),
      );
    } else if (start <= now) {
      problems.push(problem(fields.start, `Time ${number} is in the past`, 'in_the_past'));
    } else if (overlaps(slot, context)) {
      problems.push(
        problem(
          fields.start,
          `Time ${number} overlaps the time asked for: offer another one`,
          'overlaps_asked',
        ),
      );
    } else if (earlier) {
      problems.push(
        problem(fields.start, `Time ${number} overlaps time ${earlier.number}`, 'overlaps_offer'),
      );
    }
    offers.push({ ...slot, number });
  }
  return offers.map(({ start, end }) => ({ start, end }));
}

/** The host's decline, or every problem with what they typed. */
export function parseDecline(
  form: DeclineForm,
  context: DeclineContext,
  now = new Date(),
): { decline: HostDecline } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const parsed = shape.safeParse(form);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      const code = field === 'reason' ? 'unknown_reason' : issue.code === 'too_big' ? 'too_long' : 'invalid';
      problems.push(problem(field, issue.message, code));
    }
  }
  const reason = parsed.success ? parsed.data.reason : '';
  const note = parsed.success ? parsed.data.note : '';
  if (reason === 'other' && !note && parsed.success) {
    problems.push(problem('note', 'For another reason, say in a few words why', 'required'));
  }
  const offers = offeredTimes(form, context, now, problems);
  if (problems.length) return { problems };
  return {
    decline: {
      ...(reason ? { reason } : {}),
      ...(reason === 'other' ? { note } : {}),
      ...(offers.length ? { offers } : {}),
    },
  };
}
