import { languageName, mailLanguageChoices, mailLanguageOffer, postedLocale } from './mail-language';

describe('the offer to write a host’s mails in the page’s language', () => {
  it.each([
    ['en', 'en', undefined],
    ['es', 'es', undefined],
    ['en', 'es', { locale: 'es', offered: 'español', current: 'inglés' }],
    ['es', 'fr', { locale: 'fr', offered: 'français', current: 'espagnol' }],
    ['de', 'hi', { locale: 'hi', offered: 'हिन्दी', current: 'जर्मन' }],
  ])('mails in %s, page in %s: %j', (current, page, offer) => {
    const made = mailLanguageOffer(current, page as never, '/actions/x/language');
    expect(made).toEqual(offer && { ...offer, action: '/actions/x/language' });
  });

  it.each([
    ['en', 'en', 'English'],
    ['pt-BR', 'de', 'Portugiesisch (Brasilien)'],
    ['en', 'fr', 'anglais'],
  ])('names %s in a %s sentence as %s', (locale, page, name) =>
    expect(languageName(locale, page)).toBe(name),
  );

  it.each([
    [{ locale: 'es' }, 'es'],
    [{ locale: 'pt-BR' }, 'pt-BR'],
    [{ locale: 'xx' }, undefined],
    [{ locale: ['es'] }, undefined],
    [{}, undefined],
    [undefined, undefined],
  ])('takes %j as %s', (body, locale) => expect(postedLocale(body)).toBe(locale));

  it('offers every language by its own name, the space’s chosen', () => {
    const choices = mailLanguageChoices('fr');
    expect(choices.filter((choice) => choice.chosen).map((choice) => choice.code)).toEqual(['fr']);
    expect(choices.find((choice) => choice.code === 'es')?.name).toBe('Español');
  });
});
