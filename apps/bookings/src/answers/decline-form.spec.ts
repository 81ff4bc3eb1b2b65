import fc from 'fast-check';
import { SUPPORTED_LOCALES } from '@cocomo/i18n';
import { problemIn } from '@cocomo/platform';
import { OFFER_FIELDS, parseDecline, type DeclineForm } from './decline-form';

// The event asked for: Wednesday 10 March 2027, 18:00–21:00 in Berlin (17:00–20:00 UTC).
const berlin = {
  start: new Date('2027-03-10T17:00:00Z'),
  end: new Date('2027-03-10T20:00:00Z'),
  timezone: 'Europe/Berlin',
};
const now = new Date('2027-03-01T09:00:00Z');
const parse = (form: DeclineForm, context = berlin) => parseDecline(form, context, now);
const problemsOf = (form: DeclineForm, context = berlin) => {
  const result = parse(form, context);
  return 'problems' in result ? result.problems.map(({ field, code }) => `${field}: ${code}`) : [];
};

describe("a host's decline", () => {
  it.each<[string, DeclineForm, object]>([
    ['without a reason or another time', { choice: 'confirm' }, {}],
    ['with a reason', { reason: 'closed' }, { reason: 'closed' }],
    [
      'with "other" and a line of text',
      { reason: 'other', note: ' Renovation ' },
      { reason: 'other', note: 'Renovation' },
    ],
    ['keeping the line only for "other"', { reason: 'not_a_fit', note: 'ignored' }, { reason: 'not_a_fit' }],
    [
      'with another time, typed in the space zone and kept in UTC',
      { reason: 'too_many_people', offer1Start: '2027-03-11T18:00', offer1End: '2027-03-11T21:00' },
      {
        reason: 'too_many_people',
        offers: [{ start: new Date('2027-03-11T17:00:00Z'), end: new Date('2027-03-11T20:00:00Z') }],
      },
    ],
    [
      'with three times, empty rows left out',
      {
        offer1Start: '2027-03-11T18:00',
        offer1End: '2027-03-11T21:00',
        offer2Start: '',
        offer2End: '',
        offer3Start: '2027-03-30T18:00',
        offer3End: '2027-03-30T21:00',
      },
      {
        offers: [
          { start: new Date('2027-03-11T17:00:00Z'), end: new Date('2027-03-11T20:00:00Z') },
          // After the spring change: Berlin is two hours ahead of UTC.
          { start: new Date('2027-03-30T16:00:00Z'), end: new Date('2027-03-30T19:00:00Z') },
        ],
      },
    ],
    [
      'with a time right after the one asked for',
      { offer1Start: '2027-03-10T21:00', offer1End: '2027-03-10T23:00' },
      { offers: [{ start: new Date('2027-03-10T20:00:00Z'), end: new Date('2027-03-10T22:00:00Z') }] },
    ],
  ])('%s', (_case, form, decline) => {
    expect(parse(form)).toEqual({ decline });
  });

  it.each<[string, DeclineForm, string[]]>([
    ['an unknown reason', { reason: 'busy' }, ['reason: unknown_reason']],
    ['"other" without a line of text', { reason: 'other', note: '  ' }, ['note: required']],
    ['a line of text too long', { reason: 'other', note: 'x'.repeat(201) }, ['note: too_long']],
    [
      'a time in the past',
      { offer1Start: '2027-02-27T18:00', offer1End: '2027-02-27T21:00' },
      ['offer1Start: in_the_past'],
    ],
    [
      'a time overlapping the one asked for',
      { offer2Start: '2027-03-10T20:00', offer2End: '2027-03-10T22:00' },
      ['offer2Start: overlaps_asked'],
    ],
    [
      'a time that ends before it starts',
      { offer1Start: '2027-03-12T21:00', offer1End: '2027-03-12T18:00' },
      ['offer1End: inverted_range'],
    ],
    ['a time without its end', { offer3Start: '2027-03-12T18:00' }, ['offer3End: required']],
    [
      'a time that is not a date',
      { offer1Start: 'tomorrow', offer1End: '2027-03-12T21:00' },
      ['offer1Start: invalid_date'],
    ],
    [
      'a time that does not exist in the zone (the clocks go forward at 02:00)',
      { offer1Start: '2027-03-28T02:30', offer1End: '2027-03-28T05:00' },
      ['offer1Start: nonexistent_time'],
    ],
    [
      'a time longer than an event may last',
      { offer1Start: '2027-03-12T18:00', offer1End: '2027-03-30T18:00' },
      ['offer1End: too_long'],
    ],
    [
      'two times that overlap',
      {
        offer1Start: '2027-03-12T18:00',
        offer1End: '2027-03-12T21:00',
        offer3Start: '2027-03-12T20:00',
        offer3End: '2027-03-12T22:00',
      },
      ['offer3Start: overlaps_offer'],
    ],
    [
      'more than three times',
      { offer4Start: '2027-03-14T18:00', offer4End: '2027-03-14T21:00' },
      ['offers: too_many'],
    ],
    [
      'lists where a form sends text',
      { reason: ['closed'], note: ['a'], offer1Start: ['2027-03-12T18:00'], offer1End: '2027-03-12T21:00' },
      ['reason: unknown_reason', 'note: invalid', 'offer1Start: invalid_date'],
    ],
    [
      'several problems at once, each at its field',
      { reason: 'other', offer1Start: '2027-02-27T18:00', offer1End: '2027-02-27T21:00', offer2End: 'x' },
      ['note: required', 'offer1Start: in_the_past', 'offer2Start: required'],
    ],
  ])('is refused with %s', (_case, form, problems) => {
    expect(problemsOf(form)).toEqual(problems);
  });

  it.each(SUPPORTED_LOCALES.filter((locale) => locale !== 'en'))(
    'says every problem of the form in %s, as the page behind the link speaks it',
    (locale) => {
      const forms: DeclineForm[] = [
        { reason: 'other', note: '  ' },
        { offer1Start: '2027-02-27T18:00', offer1End: '2027-02-27T21:00' },
        { offer2Start: '2027-03-10T20:00', offer2End: '2027-03-10T22:00' },
        { offer1Start: '2027-03-12T21:00', offer1End: '2027-03-12T18:00' },
        { offer3Start: '2027-03-12T18:00' },
        { offer3End: '2027-03-12T18:00' },
        { offer1Start: 'tomorrow', offer1End: '2027-03-12T21:00' },
        { offer1Start: '2027-03-28T02:30', offer1End: '2027-03-28T05:00' },
        { offer1Start: '2027-03-12T18:00', offer1End: '2027-03-30T18:00' },
        {
          offer1Start: '2027-03-12T18:00',
          offer1End: '2027-03-12T21:00',
          offer3Start: '2027-03-12T20:00',
          offer3End: '2027-03-12T22:00',
        },
        { offer4Start: '2027-03-14T18:00', offer4End: '2027-03-14T21:00' },
      ];
      for (const form of forms) {
        const result = parse(form);
        const problems = 'problems' in result ? result.problems : [];
        expect(problems.length).toBeGreaterThan(0);
        for (const problem of problems) {
          const said = problemIn(locale, problem);
          expect({ said: said.problem, code: said.code }).not.toEqual({
            said: problem.problem,
            code: problem.code,
          });
          expect(said.code).toBe(problem.code);
        }
      }
    },
  );

  it('says in words what is wrong, naming the zone of a time that does not exist', () => {
    const result = parse({ offer1Start: '2027-03-28T02:30', offer1End: '2027-03-28T05:00' });
    expect(result).toEqual({
      problems: [
        {
          field: 'offer1Start',
          problem: 'Time 1 does not exist in Europe/Berlin: the clocks change then',
          code: 'nonexistent_time',
        },
      ],
    });
  });

  it('reads times in the zone of the space, wherever that is', () => {
    const saoPaulo = { ...berlin, timezone: 'America/Sao_Paulo' };
    expect(parse({ offer1Start: '2027-03-11T18:00', offer1End: '2027-03-11T21:00' }, saoPaulo)).toEqual({
      decline: {
        offers: [{ start: new Date('2027-03-11T21:00:00Z'), end: new Date('2027-03-12T00:00:00Z') }],
      },
    });
  });

  it('answers any form with a decline or problems that name fields of the form, never an error', () => {
    const names = ['reason', 'note', 'offers', ...OFFER_FIELDS.flatMap((f) => [f.start, f.end])];
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('closed', 'other', '2027-03-28T02:30', '2027-03-11T18:00', ''),
      fc.array(fc.string({ maxLength: 5 }), { maxLength: 2 }),
      fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 })),
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.oneof(fc.constantFrom(...names, 'offer7Start'), fc.string({ maxLength: 8 })), value),
        (form) => {
          const result = parse(form);
          if ('problems' in result) {
            expect(result.problems.length).toBeGreaterThan(0);
            for (const problem of result.problems) expect(names).toContain(problem.field);
          } else {
            expect(result.decline.offers?.length ?? 0).toBeLessThanOrEqual(3);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
