// The catalogues: one folder per locale under libs/i18n/locales, one JSON file per namespace, every message in
// ICU MessageFormat. i18next holds them and falls back to English; i18next-icu formats them, so plurals and
// selects are the language's own. The namespaces: mails; pages (the shared layout, errors, links); directory,
// bookings and operators (each service's pages); problems (the API's and the forms' refusals).
import i18next, { type TFunction } from 'i18next';
import ICU from 'i18next-icu';
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

const i18n = i18next.createInstance();
void i18n.use(ICU).init({
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
});

const translators = new Map<PageLocale, TFunction>();

function translatorFor(locale: PageLocale): TFunction {
  let t = translators.get(locale);
  // The pseudo-locale is made from English the first time a page asks for it (only where it is offered).
  if (!t && locale === PSEUDO_LOCALE) {
    for (const namespace of NAMESPACES) {
      i18n.addResourceBundle(PSEUDO_LOCALE, namespace, pseudoMessages(CATALOGUES[DEFAULT_LOCALE][namespace]));
    }
  }
  if (!t) translators.set(locale, (t = i18n.getFixedT(locale)));
  return t;
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
  const formatted = translatorFor(speaks)(key, fenceValues(values, markup.mode)) as string;
  return finishMarkup(formatted, markup);
}
