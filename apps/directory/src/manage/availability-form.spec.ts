import { parseAvailability, typedAvailability } from './availability-form';

const NOW = new Date('2027-03-10T12:00:00Z');
const base = { hoursMode: 'weekly', timezone: 'Europe/Berlin' };
const parse = (body: Record<string, string>) =>
  parseAvailability(typedAvailability({ ...base, ...body }), NOW);
const fieldsOf = (body: Record<string, string>) => {
  const result = parse(body);
  return 'problems' in result ? result.problems.map((problem) => [problem.field, problem.code]) : [];
};

describe('the availability form', () => {
  it.each([
    [
      'overlapping ranges',
      { 'hours.days.mon': '09:00–13:00, 12:00–14:00' },
      'hours.days.mon',
      'overlapping_ranges',
    ],
    ['an inverted range', { 'hours.days.tue': '22:00-18:00' }, 'hours.days.tue', 'inverted_range'],
    ['a range that is not one', { 'hours.days.wed': 'evenings' }, 'hours.days.wed', 'invalid_range'],
    ['a start at 24:00', { 'hours.days.wed': '24:00–24:00' }, 'hours.days.wed', 'invalid_range'],
    ['an unknown zone', { timezone: 'Mars/Olympus' }, 'timezone', 'unknown_zone'],
    ['a pause in the past', { pausedUntil: '2027-03-09' }, 'pausedUntil', 'in_the_past'],
    ['a pause that is not a date', { pausedUntil: '2027-02-30' }, 'pausedUntil', 'invalid_date'],
    ['a cap below 1', { monthlyCap: '0' }, 'monthlyCap', 'too_small'],
    ['a cap that is not a number', { monthlyCap: 'few' }, 'monthlyCap', 'not_a_number'],
    [
      'an inverted closure',
      { 'closures.0.from': '2027-04-10', 'closures.0.to': '2027-04-01', 'closures.0.note': '' },
      'closures.0.to',
      'inverted_range',
    ],
    [
      'a closure without its last day',
      { 'closures.0.from': '2027-04-10', 'closures.0.to': '', 'closures.0.note': 'x' },
      'closures.0.to',
      'required',
    ],
    ['no mode', { hoursMode: 'sometimes' }, 'hoursMode', 'invalid'],
  ])('refuses %s, naming its field', (_name, body, field, code) => {
    expect(fieldsOf(body)).toContainEqual([field, code]);
  });

  it('reads weekly hours, closures across a month end, a pause and a cap', () => {
    expect(
      parse({
        'hours.days.mon': '09:00–12:00, 18:00 - 24:00',
        'closures.0.from': '2027-04-28',
        'closures.0.to': '2027-05-03',
        'closures.0.note': 'Painting',
        'closures.1.from': '',
        'closures.1.to': '',
        'closures.1.note': '',
        pausedUntil: '2027-03-20',
        monthlyCap: '3',
      }),
    ).toEqual({
      timezone: 'Europe/Berlin',
      availability: {
        hours: {
          mode: 'weekly',
          days: {
            mon: [
              { from: '09:00', to: '12:00' },
              { from: '18:00', to: '24:00' },
            ],
            tue: [],
            wed: [],
            thu: [],
            fri: [],
            sat: [],
            sun: [],
          },
        },
        closures: [{ from: '2027-04-28', to: '2027-05-03', note: 'Painting' }],
        pausedUntil: '2027-03-20',
        monthlyCap: 3,
      },
    });
  });

  it('reads "on request" with no pause and no cap as always askable', () => {
    expect(parse({ hoursMode: 'on-request' })).toMatchObject({
      availability: { hours: { mode: 'on-request' }, closures: [], pausedUntil: null, monthlyCap: null },
    });
  });
});
