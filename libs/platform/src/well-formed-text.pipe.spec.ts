import { InvalidInput } from './domain-errors';
import { isStorableText, unstorableText, WellFormedTextPipe } from './well-formed-text.pipe';

describe('text that can be stored', () => {
  it.each([
    ['plain text', 'Kochi Makers', true],
    ['emoji (a surrogate pair)', '🙂 café', true],
    ['SQL-looking text', "'; DROP TABLE space; --", true],
    ['the NUL character', 'a\u0000b', false],
    ['a lone high surrogate', 'a\ud800', false],
    ['a lone low surrogate', '\udc00b', false],
  ])('%s: %j', (_what, text, storable) => expect(isStorableText(text)).toBe(storable));

  it('names every field that holds unstorable text, keys included', () => {
    expect(
      unstorableText({ name: 'ok', host: { email: 'a\u0000' }, needs: ['x', '\ud800'], ['k\u0000']: 1 }),
    ).toEqual([
      { field: 'host.email', problem: expect.stringContaining('NUL') },
      { field: 'needs.1', problem: expect.stringContaining('NUL') },
      { field: 'k\u0000', problem: expect.stringContaining('NUL') },
    ]);
  });

  it('refuses a query parameter or path value by its name, and passes good input through unchanged', () => {
    const pipe = new WellFormedTextPipe();
    expect(() => pipe.transform('v1.\u0000', { type: 'param', data: 'token' })).toThrow(InvalidInput);
    try {
      pipe.transform({ q: '\ud800' }, { type: 'query' });
    } catch (error) {
      expect((error as InvalidInput).problems.map((p) => p.field)).toEqual(['q']);
    }
    const body = { name: 'Kochi Makers' };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
  });
});
