// Every country a space may be in, by its name in the page's language and in that language's order: the
// choices of the map's filter and of the register form.
import countries from 'i18n-iso-countries';

const chosen = new Map<string, { code: string; name: string }[]>();

export function countryChoices(lang = 'en'): { code: string; name: string }[] {
  let choices = chosen.get(lang);
  if (!choices) {
    const names = new Intl.DisplayNames([lang], { type: 'region' });
    choices = Object.keys(countries.getAlpha2Codes())
      .map((code) => ({ code, name: names.of(code) ?? code }))
      .sort((a, b) => a.name.localeCompare(b.name, lang));
    chosen.set(lang, choices);
  }
  return choices;
}
