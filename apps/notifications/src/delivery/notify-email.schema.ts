// The notify.email command as it must arrive, checked before anything is rendered or stored.
import { z } from 'zod';

/** It becomes the BullMQ job id and the Message-ID's left part: no ':', '<', '>', '@' or spaces. */
export const NOTIFICATION_ID = /^[A-Za-z0-9][A-Za-z0-9._=+-]{0,199}$/;

const webUrl = z
  .string()
  .url('must be a URL')
  .refine((value) => /^https?:\/\//i.test(value), 'must start with http:// or https://');

const moment = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO 8601 date and time with its zone' });

const person = z.object({
  name: z.string().min(1).max(200),
  email: z.string().email('must be an email address').max(320),
});

/** The zones found valid: building a formatter to find out costs more than the rest of a command's check. */
const knownZones = new Set<string>();

function isTimeZone(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    return false;
  }
  knownZones.add(zone);
  return true;
}

/** An event for the recipient's calendar; its text is escaped when the .ics file is written. */
const calendarSchema = z
  .object({
    uid: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
    method: z.enum(['REQUEST', 'CANCEL']),
    sequence: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
    summary: z.string().min(1).max(500),
    description: z.string().max(10_000),
    location: z.string().max(1_000),
    start: moment,
    end: moment,
    timeZone: z
      .string()
      .max(100)
      .refine((zone) => isTimeZone(zone), 'must be an IANA time zone such as Europe/Berlin')
      .optional(),
    organizer: person.optional(),
    attendees: z.array(person).max(20).optional(),
    recurrence: z
      .object({
        rule: z
          .string()
          .max(500)
          .regex(/^(RRULE:)?FREQ=[A-Z0-9=;,:+-]+$/, 'must be an RRULE value such as FREQ=MONTHLY;COUNT=6'),
        exdates: z.array(moment).max(400),
      })
      .optional(),
    recurrenceId: moment.optional(),
  })
  .refine((event) => Date.parse(event.end) > Date.parse(event.start), {
    message: 'must be after start',
    path: ['end'],
  });

export const notifyEmailSchema = z.object({
  notificationId: z.string().regex(NOTIFICATION_ID, 'must be 1-200 letters, digits or ._=+-'),
  template: z.string().regex(/^[a-z0-9-]{1,100}$/, 'must be a template id such as space-verify'),
  locale: z.string().max(35).default('en'),
  to: z.object({
    email: z.string().email('must be an email address').max(320),
    name: z.string().max(200).optional(),
  }),
  operators: z
    .object({
      role: z.enum(['admin', 'reviewer', 'dispatcher', 'viewer']),
      country: z
        .string()
        .max(10)
        .transform((code) => code.toUpperCase())
        .optional(),
    })
    .optional(),
  data: z.record(z.unknown()),
  actions: z
    .array(z.object({ label: z.string().min(1).max(200), url: webUrl }))
    .max(10)
    .default([]),
  calendar: calendarSchema.optional(),
});

export type ValidNotifyEmail = z.output<typeof notifyEmailSchema>;

export function commandProblems(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(command)'}: ${issue.message}`).join('; ');
}
