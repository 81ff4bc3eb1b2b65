import { IntlMessageFormat } from 'intl-messageformat';
import { pseudoMessage } from './pseudo-locale';

describe('the pseudo-locale', () => {
  it.each([
    ['Your language', '⟦Ýýööûûŕ ļááñĝûûááĝéé⟧'],
    ['Hello {name}', '⟦Ĥééļļöö {name}⟧'],
    ['<b>{title}</b> is booked', '⟦<b>{title}</b> îîš ƀööööķééð ···⟧'],
    [
      '{kind, select, host {Host} other {Anyone}}',
      '⟦{kind, select, host {Ĥööšţ} other {Ååñýýööñéé}} ·········⟧',
    ],
    ["'{'literal'}'", "⟦'{'ļîîţééŕááļ'}'⟧"],
  ])('writes %j as %j', (english, pseudo) => {
    expect(pseudoMessage(english)).toBe(pseudo);
  });

  const samples = [
    'Your language',
    'Hello {name}, <b>{title}</b> is booked at <a>the map</a>',
    '{count, plural, =0 {no space} one {# space} other {# spaces}} in {city}',
    '{kind, select, host {Host {name}} other {Anyone}}',
    "at {at, date, short}, '{'not a placeholder'}'",
  ];

  it.each(samples)('accents every letter of %j outside its syntax', (english) => {
    const pseudo = pseudoMessage(english);
    const words = pseudo
      .replace(/\{\w+(, (plural|select|date|number)[^{}]*)?[,}]/g, '')
      .replace(/\b(one|other|=0|#|host|offset)\b|<\/?(b|a|code)>|'\{'|'\}'|[{}]/g, '');
    expect(words).not.toMatch(/[A-Za-z]{2}/);
    expect(pseudo).toMatch(/^⟦.*⟧$/);
  });

  it.each(samples)('keeps %j formatting with the same values and markup', (english) => {
    const values = {
      name: 'Ada',
      title: 'Rust night',
      count: 2,
      city: 'Pune',
      kind: 'host',
      at: new Date(0),
    };
    const format = (message: string) =>
      String(new IntlMessageFormat(message, 'en', undefined, { ignoreTag: true }).format(values));
    const pseudo = format(pseudoMessage(english));
    for (const value of ['Ada', 'Rust night', 'Pune', '2'].filter((v) => format(english).includes(v)))
      expect(pseudo).toContain(value);
    expect(pseudo.match(/<\/?\w+>/g) ?? []).toEqual(format(english).match(/<\/?\w+>/g) ?? []);
  });

  it('makes a sentence at least 40% longer', () => {
    const english = 'The link may have been cut short or changed. Please open it again from the mail.';
    expect(pseudoMessage(english).length).toBeGreaterThanOrEqual(english.length * 1.4);
  });
});
