// The translators' guard (`npm run i18n:check`): every locale has every message of English, and each of its
// messages parses as ICU MessageFormat with exactly English's variables and markup, so that no translation
// drops a name or a date, or asks for one the code never gives.
import { IntlMessageFormat } from 'intl-messageformat';
import { CATALOGUES, NAMESPACES, type Messages } from './catalogue';
import { DEFAULT_LOCALE, SUPPORTED_LOCALES } from './locales';

function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === 'string') flat.set(prefix + key, value);
    else for (const [inner, text] of flatten(value, `${prefix}${key}.`)) flat.set(inner, text);
  }
  return flat;
}

type Elements = ReturnType<IntlMessageFormat['getAst']>;

// The element types of intl-messageformat's parser (@formatjs/icu-messageformat-parser's TYPE).
const KINDS: Record<number, string> = { 2: 'number', 3: 'date', 4: 'time', 5: 'select', 6: 'plural' };
const ARGUMENT = 1;

/** The variables a message uses, with their kinds ("title", "count:plural"), and the markup it holds. */
function shapeOf(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: Elements) => {
    for (const element of elements) {
      if (element.type === ARGUMENT) found.add(element.value);
      else if (KINDS[element.type] && 'value' in element)
        found.add(`${element.value}:${KINDS[element.type]}`);
      if ('options' in element) for (const option of Object.values(element.options)) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, 'en', undefined, { ignoreTag: true }).getAst());
  for (const tag of message.match(/<\/?(?:b|code|a)>/g) ?? []) found.add(tag);
  return [...found].sort();
}

const others = SUPPORTED_LOCALES.filter((locale) => locale !== DEFAULT_LOCALE);

/** Messages a language writes as English does: the brand everywhere, and words it borrowed. */
const BRAND = ['mails:layout.brand'];
const SAME_AS_ENGLISH: Partial<Record<string, string[]>> = {
  de: ['mails:facts.community', 'bookings:facts.community', 'bookings:language.names.hi'],
};

describe.each(NAMESPACES)('the %s catalogue', (namespace) => {
  const english = flatten(CATALOGUES[DEFAULT_LOCALE][namespace]);

  it('has English messages that parse as ICU MessageFormat', () => {
    for (const message of english.values()) expect(() => shapeOf(message)).not.toThrow();
  });

  it.each(others)('in %s has every message of English and no other', (locale) => {
    const translated = flatten(CATALOGUES[locale][namespace]);
    expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it.each(others)(
    'in %s keeps the variables, plurals, selects and markup of each English message',
    (locale) => {
      const translated = flatten(CATALOGUES[locale][namespace]);
      const differing = [...english]
        .filter(([key]) => translated.has(key))
        .filter(([key, message]) => shapeOf(translated.get(key)!).join() !== shapeOf(message).join())
        .map(([key]) => `${key}: ${translated.get(key)}`);
      expect(differing).toEqual([]);
    },
  );

  it.each(others)('in %s translates what English says in words', (locale) => {
    const translated = flatten(CATALOGUES[locale][namespace]);
    // Names and brands stay as they are; anything else left in English was forgotten.
    const same = [...english].filter(
      ([key, message]) =>
        translated.get(key) === message && /[a-z]{3}/.test(message.replace(/\{[^}]*\}/g, '')),
    );
    const allowed = [...BRAND, ...(SAME_AS_ENGLISH[locale] ?? [])].filter((key) =>
      key.startsWith(`${namespace}:`),
    );
    expect(same.map(([key]) => `${namespace}:${key}`).sort()).toEqual(allowed.sort());
  });
});
