import { calendarMessage } from '@cocomo/calendar';
import { readCalendar } from '@cocomo/testing';
import { commandProblems, notifyEmailSchema } from './notify-email.schema';

const command = {
  notificationId: 'series-1',
  template: 'booking-organizer-confirmed',
  to: { email: 'olga@example.org' },
  data: {},
  calendar: {
    uid: 'series-1@cocomo',
    method: 'REQUEST',
    sequence: 2,
    summary: 'Linux user group',
    description: '',
    location: 'Kiez Commons',
    start: '2027-01-07T18:00:00Z',
    end: '2027-01-07T21:00:00Z',
    timeZone: 'Europe/Berlin',
    organizer: { name: 'Olga', email: 'olga@example.org' },
    attendees: [{ name: 'Anna', email: 'anna@example.org' }],
    recurrence: { rule: 'FREQ=MONTHLY;BYDAY=+1TH;COUNT=3', exdates: ['2027-02-04T18:00:00Z'] },
  },
};

describe('the calendar of a notify.email command', () => {
  it('takes a series as bookings will send it, and the mail carries it as calendars expand it', () => {
    const parsed = notifyEmailSchema.parse(command);
    const [event] = readCalendar(
      calendarMessage('REQUEST', [{ ...parsed.calendar!, timeZone: parsed.calendar!.timeZone! }], new Date()),
    ).events;
    expect(event.occurrences.map((date) => date.toISOString())).toEqual([
      '2027-01-07T18:00:00.000Z',
      '2027-03-04T18:00:00.000Z',
    ]);
  });

  it.each([
    ['timeZone', { timeZone: 'Mars/Olympus' }, 'calendar.timeZone: must be an IANA time zone'],
    ['recurrence.rule', { recurrence: { rule: 'DTSTART:x', exdates: [] } }, 'calendar.recurrence.rule'],
    [
      'recurrence.rule with a line of its own',
      { recurrence: { rule: 'FREQ=DAILY\nATTENDEE:mailto:x@example.org', exdates: [] } },
      'calendar.recurrence.rule',
    ],
    ['recurrenceId', { recurrenceId: 'soon' }, 'calendar.recurrenceId'],
    ['organizer.email', { organizer: { name: 'O', email: 'nobody' } }, 'calendar.organizer.email'],
  ])('refuses a bad %s, naming it', (_field, change, problem) => {
    const result = notifyEmailSchema.safeParse({ ...command, calendar: { ...command.calendar, ...change } });
    expect(result.success).toBe(false);
    if (!result.success) expect(commandProblems(result.error)).toContain(problem);
  });
});
