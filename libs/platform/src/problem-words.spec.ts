import { CATALOGUES } from '@cocomo/i18n';
import { knownProblem, pageProblems, problemIn, PROBLEM_CODES } from './problem-words';

describe('the words of a problem', () => {
  it.each([
    ['must be at most 120 characters', 'too_big.characters', { max: '120' }],
    ['must be at most 12', 'too_big.atMost', { max: '12' }],
    ['must be at least 1 request a month', 'too_small.monthlyCap', {}],
    ['must be at least 3', 'too_small.atLeast', { min: '3' }],
    ['must be between -90 and 90', 'out_of_range.between', { min: '-90', max: '90' }],
    [
      'is not an approved space that holds 30 people and is free at that time',
      'unknown_space.default',
      { attendees: '30' },
    ],
    [
      'overlaps the range 18:00–20:00 of the same day',
      'overlapping_ranges.sameDay',
      { from: '18:00', to: '20:00' },
    ],
  ])('knows %j as the message %s', (words, key, values) => {
    expect(knownProblem(words)).toEqual({ key, code: key.split('.')[0], values });
  });

  it('knows every English message of the catalogue as itself', () => {
    const flat = Object.entries(CATALOGUES.en.problems).flatMap(([code, variants]) =>
      Object.entries(variants as Record<string, string>).map(([variant, words]) => [
        `${code}.${variant}`,
        words,
      ]),
    );
    for (const [key, words] of flat) {
      if (!/\{/.test(words)) expect(knownProblem(words)?.key).toBe(key);
    }
  });

  it('keeps the English words exactly, adding the code', () => {
    expect(problemIn('en', { field: 'event.end', problem: 'must be after the start' })).toEqual({
      field: 'event.end',
      problem: 'must be after the start',
      code: 'inverted_range',
    });
  });

  it('says it in the language asked for, with its values', () => {
    expect(problemIn('de', { field: 'name', problem: 'must be at most 120 characters' })).toEqual({
      field: 'name',
      problem: 'darf höchstens 120 Zeichen lang sein',
      code: 'too_big',
    });
    expect(problemIn('es', { field: 'spaceId', problem: 'is booked at that time', code: 'booked' })).toEqual({
      field: 'spaceId',
      problem: 'está reservado a esa hora',
      code: 'booked',
    });
  });

  it('keeps the code a domain gave and the English of a problem the catalogue does not know', () => {
    expect(problemIn('fr', { field: 'x', problem: 'is odd', code: 'odd' })).toEqual({
      field: 'x',
      problem: 'is odd',
      code: 'odd',
    });
    expect(problemIn('fr', { field: 'x', problem: 'is odd' })).toEqual({
      field: 'x',
      problem: 'is odd',
      code: 'invalid',
    });
  });

  it('lists its codes for the API documents', () => {
    expect(PROBLEM_CODES).toEqual(
      expect.arrayContaining(['required', 'too_small', 'unknown_zone', 'inverted_range']),
    );
  });

  it('gives a page the list of problems, each behind its label when one is named, and each by its field', () => {
    const refused = [
      { field: 'to', problem: 'must be after from' },
      { field: 'page', problem: 'must be a whole number' },
    ];
    expect(pageProblems(refused, (field) => (field === 'to' ? 'To' : undefined))).toEqual({
      problems: ['To: must be after from', 'must be a whole number'],
      problemOf: { to: 'must be after from', page: 'must be a whole number' },
    });
    expect(pageProblems(refused).problems).toEqual(['must be after from', 'must be a whole number']);
  });
});
