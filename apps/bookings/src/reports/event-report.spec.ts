import { SUPPORTED_LOCALES } from '@cocomo/i18n';
import { knownProblem, problemIn } from '@cocomo/platform';
import { marketCostOf, parseReport, REPORT_PROBLEMS } from './event-report';

const start = new Date('2027-01-15T10:00:00Z');

describe('the event report', () => {
  it('reads a filled-in form', () => {
    expect(
      parseReport({
        held: 'yes',
        attendance: '42',
        newcomers: '7',
        amountPaid: '0',
        age_18to24: '20',
        age_25to34: '22',
      }),
    ).toEqual({
      report: {
        held: true,
        attendance: 42,
        newcomers: 7,
        amountPaid: 0,
        ageGroups: { under18: 0, '18to24': 20, '25to34': 22, '35to49': 0, '50to64': 0, '65plus': 0 },
      },
    });
  });

  it('takes an event not held with nothing else filled in', () => {
    expect(parseReport({ held: 'no' })).toMatchObject({
      report: { held: false, attendance: 0, newcomers: 0 },
    });
  });

  it.each([
    [{ attendance: '10' }, 'held', 'required', REPORT_PROBLEMS.held],
    [{ held: 'maybe' }, 'held', 'required', REPORT_PROBLEMS.held],
    [{ held: 'yes', attendance: 'many' }, 'attendance', 'not_a_number', REPORT_PROBLEMS.people],
    [{ held: 'yes', attendance: '-1' }, 'attendance', 'too_small', REPORT_PROBLEMS.people],
    [{ held: 'yes', attendance: '2.5' }, 'attendance', 'not_an_integer', REPORT_PROBLEMS.people],
    [{ held: 'yes', attendance: '1000001' }, 'attendance', 'too_big', REPORT_PROBLEMS.tooManyPeople],
    [{ held: 'yes', attendance: ['1', '2'] }, 'attendance', 'not_a_number', REPORT_PROBLEMS.people],
    [{ held: 'yes', age_50to64: '1.5' }, 'age_50to64', 'not_an_integer', REPORT_PROBLEMS.people],
    [{ held: 'yes', attendance: '5', newcomers: '9' }, 'newcomers', 'too_big', REPORT_PROBLEMS.newcomers],
    [{ held: 'yes', amountPaid: '-3' }, 'amountPaid', 'too_small', REPORT_PROBLEMS.paid],
    [{ held: 'yes', amountPaid: 'free' }, 'amountPaid', 'not_a_number', REPORT_PROBLEMS.paid],
    [{ held: 'yes', amountPaid: '10000000.01' }, 'amountPaid', 'too_big', REPORT_PROBLEMS.paidTooMuch],
  ])('names the field and the problem with %j', (form, field, code, problem) => {
    expect(parseReport(form)).toEqual({ problems: [{ field, code, problem }] });
  });

  it('names every field that is wrong, in the form order', () => {
    const parsed = parseReport({ attendance: 'x', amountPaid: '-1', age_under18: '-2' });
    expect('problems' in parsed && parsed.problems.map((problem) => problem.field)).toEqual([
      'held',
      'attendance',
      'age_under18',
      'amountPaid',
    ]);
  });

  it('takes amounts with cents and counts typed with spaces around them', () => {
    expect(parseReport({ held: 'yes', attendance: ' 12 ', amountPaid: '25.50' })).toMatchObject({
      report: { attendance: 12, amountPaid: 25.5 },
    });
  });

  it.each(SUPPORTED_LOCALES)('has every refusal in the %s problems catalogue, with its code', (locale) => {
    for (const [field, problem] of Object.entries(REPORT_PROBLEMS)) {
      const said = problemIn(locale, { field, problem });
      expect(knownProblem(problem)).toBeDefined();
      if (locale !== 'en') expect(said.problem).not.toBe(problem);
    }
  });
});

describe('the market cost of a space for an event', () => {
  it.each([
    [{ amount: 50, currency: 'EUR', per: 'hour' as const }, 3, 150],
    [{ amount: 50, currency: 'EUR', per: 'hour' as const }, 2.5, 150],
    [{ amount: 400, currency: 'EUR', per: 'day' as const }, 3, 400],
    [{ amount: 400, currency: 'EUR', per: 'day' as const }, 30, 800],
    [{ amount: 900, currency: 'INR', per: 'event' as const }, 48, 900],
  ])('%j for %d hours is %d', (rate, hours, cost) => {
    expect(marketCostOf(rate, start, new Date(start.getTime() + hours * 3_600_000))).toBe(cost);
  });

  it('is unknown without a market rate', () => {
    expect(marketCostOf(null, start, start)).toBeNull();
  });
});
