// Renders a mail from its template files: subject and text as plain text, HTML with every value escaped.
// A language is a folder of files (templates/<locale>/<template>.{subject,text,html}.hbs plus its layouts);
// a locale without its own folder, or without that template, falls back to English.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { EmailAction } from '@cocomo/contracts';
import { dateTime } from './template-helpers';

export const FALLBACK_LOCALE = 'en';

export interface MailToRender {
  template: string;
  locale: string;
  data: Record<string, unknown>;
  actions: EmailAction[];
}

export interface RenderedMail {
  /** The locale whose files were used. */
  locale: string;
  subject: string;
  text: string;
  html: string;
}

export class UnknownTemplate extends Error {
  constructor(template: string) {
    super(`There is no mail template "${template}"`);
    this.name = 'UnknownTemplate';
  }
}

/** "pt-BR" → ["pt-BR", "pt", "en"]; anything that is not a language tag goes straight to English. */
export function localeCandidates(locale: string): string[] {
  if (!/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(locale)) return [FALLBACK_LOCALE];
  const language = locale.split('-')[0].toLowerCase();
  return [...new Set([locale, language, FALLBACK_LOCALE])];
}

type Part = 'subject' | 'text' | 'html';

export class MailRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();
  private readonly resolved = new Map<string, string | null>();

  constructor(private readonly folder: string) {
    this.handlebars.registerHelper('dateTime', dateTime);
  }

  render(mail: MailToRender): RenderedMail {
    const locale = this.localeFor(mail.template, mail.locale);
    const context = { ...mail.data, actions: mail.actions };
    const options = { data: { locale } };
    const part = (name: Part) => this.compile(locale, `${mail.template}.${name}`, name)(context, options);
    const subject = part('subject').replace(/\s+/g, ' ').trim();
    const layoutLocale = this.fileExists(locale, 'layout.html') ? locale : FALLBACK_LOCALE;
    const layout = { subject, actions: mail.actions };
    const text = this.compile(
      layoutLocale,
      'layout.text',
      'text',
    )({ ...layout, body: part('text').trim() }, options);
    const html = this.compile(
      layoutLocale,
      'layout.html',
      'html',
    )({ ...layout, body: part('html').trim() }, options);
    return { locale, subject, text: text.trim() + '\n', html };
  }

  /** The first candidate locale that has all three files of the template. */
  private localeFor(template: string, locale: string): string {
    const key = `${template}|${locale}`;
    if (!this.resolved.has(key)) {
      const found = /^[a-z0-9-]+$/.test(template)
        ? localeCandidates(locale).find((candidate) =>
            (['subject', 'text', 'html'] as const).every((part) =>
              this.fileExists(candidate, `${template}.${part}`),
            ),
          )
        : undefined;
      this.resolved.set(key, found ?? null);
    }
    const found = this.resolved.get(key);
    if (!found) throw new UnknownTemplate(template);
    return found;
  }

  private fileExists(locale: string, name: string): boolean {
    return existsSync(path.join(this.folder, locale, `${name}.hbs`));
  }

  private compile(locale: string, name: string, part: Part): Handlebars.TemplateDelegate {
    const file = path.join(this.folder, locale, `${name}.hbs`);
    let template = this.compiled.get(file);
    if (!template) {
      // HTML escapes every value; subject and text are plain text, where escaping would only garble them.
      template = this.handlebars.compile(readFileSync(file, 'utf8'), {
        strict: true,
        noEscape: part !== 'html',
      });
      this.compiled.set(file, template);
    }
    return template;
  }
}
