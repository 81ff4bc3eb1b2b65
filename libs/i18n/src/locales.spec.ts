import {
  linkInLanguage,
  localeFromAcceptLanguage,
  pageLocale,
  parseAcceptLanguage,
  resolveLocale,
  supportedLocale,
  textDirection,
} from './locales';
import { translate } from './catalogue';

describe('choosing a locale', () => {
  const locales = ['en', 'es', 'hi', 'pt-BR', 'fr', 'de'];

  it.each([
    ['en', 'en'],
    ['es', 'es'],
    ['es-MX', 'es'],
    ['pt', 'pt-BR'],
    ['pt-PT', 'pt-BR'],
    ['PT-br', 'pt-BR'],
    ['hi-IN', 'hi'],
    ['de-AT', 'de'],
    ['fr-CA', 'fr'],
    ['zh', undefined],
    ['', undefined],
    ['../en', undefined],
    ['en_US', undefined],
  ])('the tag %j is the locale %j', (tag, locale) => {
    expect(supportedLocale(tag, locales)).toBe(locale);
  });

  it('offers only the locales whose catalogues are complete', () => {
    expect(supportedLocale('hi-IN')).toBe('hi');
    expect(supportedLocale('de', ['en', 'es'])).toBeUndefined();
  });

  it('falls back to English for a language it does not speak, or none', () => {
    expect(resolveLocale('ja')).toBe('en');
    expect(resolveLocale(undefined)).toBe('en');
    expect(resolveLocale('hi')).toBe('hi');
  });

  it.each([
    ['fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5', ['fr-CH', 'fr', 'en', 'de']],
    ['en;q=0.5, es', ['es', 'en']],
    ['de;q=0, hi', ['hi']],
    ['  pt-BR  ,  en ; q=0.3', ['pt-BR', 'en']],
    ['en;q=abc, es;q=0.1', ['es']],
    ['', []],
    ['*', []],
  ])('reads Accept-Language %j as %j', (header, tags) => {
    expect(parseAcceptLanguage(header)).toEqual(tags);
  });

  it.each([
    ['ja, es;q=0.8, en;q=0.5', 'es'],
    ['pt-PT,pt;q=0.9', 'pt-BR'],
    ['de-DE, es;q=0.5', 'de'],
    ['zh-CN, ja', 'en'],
    [undefined, 'en'],
    ['hi-IN,hi;q=0.9,en-US;q=0.8', 'hi'],
  ])('a browser asking %j reads %j', (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });

  it('writes Arabic right to left and the shipped locales left to right', () => {
    expect(textDirection('ar-EG')).toBe('rtl');
    expect(textDirection('hi')).toBe('ltr');
  });

  it.each([
    ['?lang= first', { lang: 'hi', cookie: 'cocomo_lang=fr', acceptLanguage: 'de' }, 'hi'],
    [
      "then the switcher's cookie",
      { lang: 'tlh', cookie: 'session=x; cocomo_lang=fr', acceptLanguage: 'de' },
      'fr',
    ],
    ['then Accept-Language', { cookie: 'cocomo_lang=xx', acceptLanguage: 'de-AT,de;q=0.9' }, 'de'],
    ["a cookie of another name is not the switcher's", { cookie: 'lang=fr', acceptLanguage: 'es' }, 'es'],
    ['a cookie that is not valid is none', { cookie: 'cocomo_lang=%E0%A4%A', acceptLanguage: 'es' }, 'es'],
    ['then English', {}, 'en'],
    ['a lang that is not a string is none', { lang: ['es', 'hi'], acceptLanguage: 'pt-BR' }, 'pt-BR'],
  ])('a page reads %s', (_rule, asked, locale) => {
    expect(pageLocale(asked)).toBe(locale);
  });

  describe('the pseudo-locale', () => {
    const offered = process.env.I18N_PSEUDO_LOCALE;
    beforeEach(() => delete process.env.I18N_PSEUDO_LOCALE);
    afterEach(() => {
      if (offered === undefined) delete process.env.I18N_PSEUDO_LOCALE;
      else process.env.I18N_PSEUDO_LOCALE = offered;
    });

    it('is no language of a page unless I18N_PSEUDO_LOCALE=1 offers it', () => {
      expect(pageLocale({ lang: 'en-XA' })).toBe('en');
      expect(translate('en-XA', 'pages:language.label')).toBe('Your language');
      process.env.I18N_PSEUDO_LOCALE = '1';
      expect(pageLocale({ lang: 'en-XA' })).toBe('en-XA');
      expect(pageLocale({ cookie: 'cocomo_lang=en-XA' })).toBe('en-XA');
      expect(translate('en-XA', 'pages:language.label')).toBe('⟦Ýýööûûŕ ļááñĝûûááĝéé⟧');
    });
  });

  it("carries the reader's language in a mail's link, and leaves English links as they were", () => {
    expect(linkInLanguage('https://cocomo.example.org/actions/t?x=1', 'es')).toBe(
      'https://cocomo.example.org/actions/t?x=1&lang=es',
    );
    expect(linkInLanguage('https://cocomo.example.org/map#space=1', 'hi-IN')).toBe(
      'https://cocomo.example.org/map?lang=hi#space=1',
    );
    expect(linkInLanguage('https://cocomo.example.org/actions/t', 'en')).toBe(
      'https://cocomo.example.org/actions/t',
    );
  });
});
