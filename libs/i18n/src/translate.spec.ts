// translate() formats a message without values once and keeps it: what it keeps must still be each locale's
// and each markup mode's own.
import { translate } from './catalogue';

const KEY = 'mails:booking-host-request.whatToDo';

describe('translate, asked again for a message without values', () => {
  it('answers each locale in its own words, whichever was asked first', () => {
    const first = ['es', 'en', 'de', 'es', 'en', 'de'].map((locale) => translate(locale, KEY));
    expect(first.slice(3)).toEqual(first.slice(0, 3));
    expect(new Set(first.slice(0, 3)).size).toBe(3);
    expect(first[1]).toContain('press Accept if the space is free');
  });

  it('keeps the markup of HTML apart from the plain text', () => {
    const html = translate('en', KEY, {}, { mode: 'html' });
    const text = translate('en', KEY, {}, { mode: 'text' });
    expect(html).toContain('<strong>Accept</strong>');
    expect(text).not.toContain('<');
    expect(translate('en', KEY, {}, { mode: 'html' })).toBe(html);
    expect(translate('en', KEY)).toBe(text);
  });

  it('puts the values in each time a message has them', () => {
    const key = 'mails:booking-host-request.intro';
    const one = translate('en', key, { community: 'A', title: 'T', space: 'S' });
    const two = translate('en', key, { community: 'B', title: 'T', space: 'S' });
    expect(one).toContain('A');
    expect(two).toContain('B');
    expect(one).not.toBe(two);
  });
});
