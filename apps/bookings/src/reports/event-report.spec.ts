import { marketCostOf, parseReport } from './event-report';

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
    [{ attendance: '10' }, 'Say whether the event was held'],
    [{ held: 'yes', attendance: 'many' }, 'Attendance must be a number'],
    [{ held: 'yes', attendance: '-1' }, 'Attendance cannot be negative'],
    [{ held: 'yes', attendance: '2.5' }, 'Attendance must be a whole number'],
    [{ held: 'yes', attendance: '5', newcomers: '9' }, 'Newcomers cannot be more than the attendance'],
    [{ held: 'yes', amountPaid: '-3' }, 'The amount paid cannot be negative'],
  ])('names the problem with %j', (form, problem) => {
    expect(parseReport(form)).toEqual({ problems: expect.arrayContaining([problem]) });
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
