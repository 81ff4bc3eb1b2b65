// translate() formats with intl-messageformat itself, past i18next's `t`: for every message of every locale it
// must give what i18next with i18next-icu gives, with values of each kind the message asks for.
import i18next from 'i18next';
import ICU from 'i18next-icu';
import { IntlMessageFormat } from 'intl-messageformat';
import { CATALOGUES, I18NEXT_OPTIONS, NAMESPACES, translate, type Messages } from './catalogue';
import { DEFAULT_LOCALE, SUPPORTED_LOCALES } from './locales';
import { fenceValues, finishMarkup } from './markup';

const reference = i18next.createInstance();
void reference.use(ICU).init(I18NEXT_OPTIONS);

function keysOf(messages: Messages, prefix = ''): [string, string][] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [[prefix + key, value]] : keysOf(value, `${prefix}${key}.`),
  );
}

type Elements = ReturnType<IntlMessageFormat['getAst']>;
// @formatjs/icu-messageformat-parser's element types.
const ARGUMENT = 1;
const NUMBER = 2;
const DATE = 3;
const TIME = 4;
const SELECT = 5;
const PLURAL = 6;

/** Values for every variable of the message: `count` picks the plural's case and shows how the locale writes a number. */
function valuesFor(message: string, count: number): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const walk = (elements: Elements) => {
    for (const element of elements) {
      if (element.type === ARGUMENT) values[element.value] = 'Ada <Lovelace> & "Co"';
      else if (element.type === NUMBER || element.type === PLURAL) values[element.value] = count;
      else if (element.type === DATE || element.type === TIME)
        values[element.value] = new Date(Date.UTC(2027, 0, 15, 18));
      else if (element.type === SELECT) values[element.value] = Object.keys(element.options)[0];
      if ('options' in element) for (const option of Object.values(element.options)) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, 'en', undefined, { ignoreTag: true }).getAst());
  return values;
}

const cases = SUPPORTED_LOCALES.flatMap((locale) =>
  NAMESPACES.map((namespace) => [locale, namespace] as const),
);

it.each(cases)('%s %s: every message reads as i18next-icu writes it', (locale, namespace) => {
  const messages = keysOf(CATALOGUES[DEFAULT_LOCALE][namespace]);
  expect(messages.length).toBeGreaterThan(10);
  for (const [path, english] of messages) {
    const key = `${namespace}:${path}`;
    for (const count of [0, 1, 2, 1234.5]) {
      for (const mode of ['text', 'html'] as const) {
        const values = valuesFor(english, count);
        const expected = finishMarkup(
          reference.t(key, { lng: locale, ...fenceValues(values, mode) }) as string,
          { mode },
        );
        expect([key, mode, count, translate(locale, key, values, { mode })]).toEqual([
          key,
          mode,
          count,
          expected,
        ]);
      }
    }
  }
});
