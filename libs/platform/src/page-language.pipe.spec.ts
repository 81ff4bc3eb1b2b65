import { PageLanguagePipe } from './page-language.pipe';

describe('PageLanguagePipe', () => {
  const pipe = new PageLanguagePipe();

  it.each([
    [
      'a whole query loses lang',
      { lang: 'es', from: '2027-01-01' },
      { type: 'query' },
      { from: '2027-01-01' },
    ],
    ['a query field named lang is kept', 'es', { type: 'query', data: 'lang' }, 'es'],
    ['a body keeps its lang', { lang: 'es' }, { type: 'body' }, { lang: 'es' }],
    ['a query without lang is as it was', { q: 'Hall' }, { type: 'query' }, { q: 'Hall' }],
  ] as const)('%s', (_rule, value, metadata, expected) => {
    expect(pipe.transform(value, metadata)).toEqual(expected);
  });
});
