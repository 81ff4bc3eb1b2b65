// Renders a mail from its template files: subject and text as plain text, HTML with every value escaped.
// One set of templates (templates/<template>.{subject,text,html}.hbs, its layouts and partials/) serves every
// language: their words are keys of the mails catalogue (libs/i18n/locales/<locale>/mails.json), put in by
// `{{t "key" name=value}}`. A locale CoCoMo does not speak reads English.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { EmailAction } from '@cocomo/contracts';
import { resolveLocale, textDirection } from '@cocomo/i18n';
import { shipped, shippedFolder } from '@cocomo/web';
import { mailHelpers } from './template-helpers';

/** Where the templates live, from the sources and from dist/ alike. */
export function mailTemplatesFolder(): string {
  return shippedFolder(shipped('apps/notifications/templates'));
}

export interface MailToRender {
  template: string;
  locale: string;
  data: Record<string, unknown>;
  actions: EmailAction[];
}

export interface RenderedMail {
  /** The locale the mail is written in. */
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

export type Part = 'subject' | 'text' | 'html';

const PARTS: readonly Part[] = ['subject', 'text', 'html'];

export class MailRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();
  private readonly existing = new Map<string, boolean>();

  constructor(private readonly folder: string) {
    this.handlebars.registerHelper(mailHelpers);
    const partials = path.join(folder, 'partials');
    for (const file of existsSync(partials) ? readdirSync(partials) : []) {
      if (!file.endsWith('.hbs')) continue;
      this.handlebars.registerPartial(
        file.slice(0, -'.hbs'.length),
        readFileSync(path.join(partials, file), 'utf8'),
      );
    }
  }

  /** Whether the template has all three of its files. */
  has(template: string): boolean {
    return /^[a-z0-9-]+$/.test(template) && PARTS.every((part) => this.fileExists(`${template}.${part}`));
  }

  render(mail: MailToRender): RenderedMail {
    if (!this.has(mail.template)) throw new UnknownTemplate(mail.template);
    const locale = resolveLocale(mail.locale);
    const context = { ...mail.data, actions: mail.actions };
    const options = (part: Part) => ({ data: { locale, part, dir: textDirection(locale) } });
    const part = (name: Part) => this.compile(`${mail.template}.${name}`, name)(context, options(name));
    const subject = part('subject').replace(/\s+/g, ' ').trim();
    const layout = { subject, actions: mail.actions };
    // A mail to a host ends with the link to manage their space: the layout's partial.
    const manage = (name: Part) =>
      mail.data.manage ? this.compile(`manage-link.${name}`, name)(mail.data.manage, options(name)) : '';
    const text = this.compile('layout.text', 'text')(
      { ...layout, body: part('text').trim(), manage: manage('text').trim() },
      options('text'),
    );
    const html = this.compile('layout.html', 'html')(
      { ...layout, body: part('html').trim(), manage: manage('html').trim() },
      options('html'),
    );
    return { locale, subject, text: text.trim() + '\n', html };
  }

  /** Asked once per file: the templates do not change while the service runs. */
  private fileExists(name: string): boolean {
    const file = path.join(this.folder, `${name}.hbs`);
    let exists = this.existing.get(file);
    if (exists === undefined) this.existing.set(file, (exists = existsSync(file)));
    return exists;
  }

  private compile(name: string, part: Part): Handlebars.TemplateDelegate {
    const file = path.join(this.folder, `${name}.hbs`);
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
