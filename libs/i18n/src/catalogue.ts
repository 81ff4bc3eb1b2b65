// The catalogues: one folder per locale under libs/i18n/locales, one JSON file per namespace, every message in
// ICU MessageFormat. i18next holds them and falls back to English; intl-messageformat formats them, each
// message compiled once, as i18next-icu does (it stays i18next's formatter), so plurals and selects are the
// language's own. The namespaces: mails; pages (the shared layout, errors, links); directory, bookings and
// operators (each service's pages); problems (the API's and the forms' refusals).
import i18next from 'i18next';
import ICU from 'i18next-icu';
import { IntlMessageFormat } from 'intl-messageformat';
import de from '../locales/de';
import en from '../locales/en';
import es from '../locales/es';
import fr from '../locales/fr';
import hi from '../locales/hi';
import ptBR from '../locales/pt-BR';
import {
  DEFAULT_LOCALE,
  PSEUDO_LOCALE,
  SUPPORTED_LOCALES,
  pageLocales,
  supportedLocale,
  type Locale,
  type PageLocale,
} from './locales';
import { pseudoMessages } from './pseudo-locale';
import { fenceValues, finishMarkup, type MarkupOptions } from './markup';

export const NAMESPACES = ['mails', 'pages', 'directory', 'bookings', 'operators', 'problems'] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** A catalogue file: messages, nested in groups. */
export interface Messages {
  [key: string]: string | Messages;
}

export const CATALOGUES: Record<Locale, Record<Namespace, Messages>> = {
  en,
  es,
  hi,
  'pt-BR': ptBR,
  fr,
  de,
};

/** How i18next holds the catalogues (and, with i18next-icu, how `t` would format them: the tests' reference). */
export const I18NEXT_OPTIONS = {
  resources: CATALOGUES,
  supportedLngs: [...SUPPORTED_LOCALES, PSEUDO_LOCALE],
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  ns: [...NAMESPACES],
  defaultNS: 'mails',
  load: 'currentOnly',
  initAsync: false,
  returnNull: false,
  returnObjects: false,
} as const;

const i18n = i18next.createInstance();
void i18n.use(ICU).init(I18NEXT_OPTIONS);

let pseudoMade = false;

/** The pseudo-locale is made from English the first time a page asks for it (only where it is offered). */
function makePseudoLocale(): void {
  if (pseudoMade) return;
  for (const namespace of NAMESPACES) {
    i18n.addResourceBundle(PSEUDO_LOCALE, namespace, pseudoMessages(CATALOGUES[DEFAULT_LOCALE][namespace]));
  }
  pseudoMade = true;
}

export class MissingMessage extends Error {
  constructor(key: string) {
    super(`The catalogue has no message "${key}"`);
    this.name = 'MissingMessage';
  }
}

/** The keys found in English: the catalogues do not change while a service runs (and hold every such key). */
const inEnglish = new Set<string>();

/** Whether English has the message: every key a template or sender uses must be there. */
export function hasMessage(key: string): boolean {
  if (inEnglish.has(key)) return true;
  const has = i18n.exists(key, { lng: DEFAULT_LOCALE });
  if (has) inEnglish.add(key);
  return has;
}

/** Each message's formatter, by locale and key: at most every key of every locale. */
const formatters = new Map<string, (values: Record<string, unknown>) => string>();

/**
 * The message's formatter, as i18next-icu makes it: the locale's message (English's where the locale lacks
 * it) compiled once by intl-messageformat, which gives the message itself back should formatting fail. It is
 * what `t` does once i18next has found the message; finding it through `t` cost more than the formatting,
 * a mail asking for some forty messages.
 */
function formatterFor(locale: PageLocale, key: string): (values: Record<string, unknown>) => string {
  const memo = `${locale}\u0000${key}`;
  let format = formatters.get(memo);
  if (!format) {
    if (locale === PSEUDO_LOCALE) makePseudoLocale();
    const separator = key.indexOf(':');
    const namespace = separator < 0 ? 'mails' : key.slice(0, separator);
    const path = separator < 0 ? key : key.slice(separator + 1);
    const own = i18n.getResource(locale, namespace, path) as unknown;
    const lng = typeof own === 'string' ? locale : DEFAULT_LOCALE;
    const message = String(typeof own === 'string' ? own : i18n.getResource(DEFAULT_LOCALE, namespace, path));
    let compiled: IntlMessageFormat | undefined;
    format = (values) => {
      try {
        compiled ??= new IntlMessageFormat(message, lng, undefined, { ignoreTag: true });
        return String(compiled.format(values));
      } catch {
        return message;
      }
    };
    formatters.set(memo, format);
  }
  return format;
}

/** Messages without values, formatted, by locale, key and markup: at most every key of every locale twice. */
const constantMessages = new Map<string, string>();

/**
 * A message in a locale (a tag it does not speak reads English), its values put in: `translate('es',
 * 'mails:actions.host-accept')`. Markup is dropped unless `markup` asks for HTML.
 */
export function translate(
  locale: string,
  key: string,
  values: Record<string, unknown> = {},
  markup: MarkupOptions = { mode: 'text' },
): string {
  if (!hasMessage(key)) throw new MissingMessage(key);
  const speaks = supportedLocale(locale, pageLocales()) ?? DEFAULT_LOCALE;
  // A message without values (a label, a heading) reads the same every time: it is formatted once. Not one
  // with a link's address, which differs from mail to mail.
  const constant = markup.href === undefined && Object.keys(values).length === 0;
  const memo = constant ? `${speaks}\u0000${key}\u0000${markup.mode}\u0000${markup.linkStyle ?? ''}` : '';
  const known = constant ? constantMessages.get(memo) : undefined;
  if (known !== undefined) return known;
  const formatted = formatterFor(speaks, key)(fenceValues(values, markup.mode));
  const finished = finishMarkup(formatted, markup);
  if (constant) constantMessages.set(memo, finished);
  return finished;
}
