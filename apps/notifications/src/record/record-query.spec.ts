import { parseRecordQuery } from './record-query';

const SPACE = '0b6f7f2e-4c7a-4d53-9a1e-2f4d2c1b9a10';

describe('the record query', () => {
  it.each([
    ['nothing asks for the newest page of 50', {}, { page: 1, limit: 50 }],
    ['fields left empty ask nothing', { person: ' ', space: '', from: '' }, { page: 1, limit: 50 }],
    ['a person by email', { person: ' anna@example.org ' }, { person: 'anna@example.org' }],
    ['a space by id, in lower case', { space: SPACE.toUpperCase() }, { space: SPACE }],
    ['a booking by id', { booking: SPACE }, { booking: SPACE }],
    [
      'a day as the start is its midnight',
      { from: '2027-03-01' },
      { from: new Date('2027-03-01T00:00:00Z') },
    ],
    ['a day as the end counts whole', { to: '2027-03-01' }, { to: new Date('2027-03-02T00:00:00Z') }],
    [
      'a time with its offset',
      { from: '2027-03-01T18:00:00+02:00' },
      { from: new Date('2027-03-01T16:00Z') },
    ],
    ['a page and its size', { page: '3', limit: '20' }, { page: 3, limit: 20 }],
  ])('%s', (_name, input, expected) => {
    expect(parseRecordQuery(input)).toEqual({ query: expect.objectContaining(expected) });
  });

  it.each([
    ['a space that is no id', { space: 'kiez' }, 'space', 'must be the id of a space in the directory'],
    ['a booking that is no id', { booking: '12' }, 'booking', 'must be the id of a booking or a series'],
    ['a start that is no date', { from: 'yesterday' }, 'from', 'must be a date (2027-03-01)'],
    ['a day that does not exist', { to: '2027-02-30' }, 'to', 'is not a real date'],
    ['a time without its offset', { from: '2027-03-01T18:00' }, 'from', 'must be a date (2027-03-01)'],
    [
      'an end before the start',
      { from: '2027-03-02', to: '2027-03-01T00:00:00Z' },
      'to',
      'must be after from',
    ],
    ['page 0', { page: '0' }, 'page', 'must be between 1 and 10000'],
    ['a page that is not a number', { page: 'next' }, 'page', 'must be a whole number'],
    ['a page size too large', { limit: '500' }, 'limit', 'must be between 1 and 200'],
    ['a person longer than an email', { person: 'a'.repeat(321) }, 'person', 'must be at most 320'],
  ])('refuses %s, naming the field', (_name, input, field, problem) => {
    expect(parseRecordQuery(input)).toEqual({
      problems: [{ field, problem: expect.stringContaining(problem) }],
    });
  });
});
