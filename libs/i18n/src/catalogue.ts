// The catalogues: one folder per locale under libs/i18n/locales, one JSON file per namespace (mails, pages),
// every message in ICU MessageFormat. i18next holds them and falls back to English; i18next-icu formats them,
// so plurals and selects are the language's own.
import i18next, { type TFunction } from 'i18next';
import ICU from 'i18next-icu';
import deMails from '../locales/de/mails.json';
import dePages from '../locales/de/pages.json';
import enMails from '../locales/en/mails.json';
import enPages from '../locales/en/pages.json';
import esMails from '../locales/es/mails.json';
import esPages from '../locales/es/pages.json';
import frMails from '../locales/fr/mails.json';
import frPages from '../locales/fr/pages.json';
import hiMails from '../locales/hi/mails.json';
import hiPages from '../locales/hi/pages.json';
import ptBRMails from '../locales/pt-BR/mails.json';
import ptBRPages from '../locales/pt-BR/pages.json';
import { DEFAULT_LOCALE, SUPPORTED_LOCALES, resolveLocale, type Locale } from './locales';
import { fenceValues, finishMarkup, type MarkupOptions } from './markup';

export const NAMESPACES = ['mails', 'pages'] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** A catalogue file: messages, nested in groups. */
export interface Messages {
  [key: string]: string | Messages;
}

export const CATALOGUES: Record<Locale, Record<Namespace, Messages>> = {
  en: { mails: enMails, pages: enPages },
  es: { mails: esMails, pages: esPages },
  hi: { mails: hiMails, pages: hiPages },
  'pt-BR': { mails: ptBRMails, pages: ptBRPages },
  fr: { mails: frMails, pages: frPages },
  de: { mails: deMails, pages: dePages },
};

const i18n = i18next.createInstance();
void i18n.use(ICU).init({
  resources: CATALOGUES,
  supportedLngs: [...SUPPORTED_LOCALES],
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  ns: [...NAMESPACES],
  defaultNS: 'mails',
  load: 'currentOnly',
  initAsync: false,
  returnNull: false,
  returnObjects: false,
});

const translators = new Map<Locale, TFunction>();

function translatorFor(locale: Locale): TFunction {
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = i18n.getFixedT(locale)));
  return t;
}

export class MissingMessage extends Error {
  constructor(key: string) {
    super(`The catalogue has no message "${key}"`);
    this.name = 'MissingMessage';
  }
}

/** Whether English has the message: every key a template or sender uses must be there. */
export function hasMessage(key: string): boolean {
  return i18n.exists(key, { lng: DEFAULT_LOCALE });
}

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
  const formatted = translatorFor(resolveLocale(locale))(key, fenceValues(values, markup.mode)) as string;
  return finishMarkup(formatted, markup);
}
