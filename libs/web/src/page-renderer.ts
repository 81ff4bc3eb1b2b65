// Renders every HTML page of a service from Handlebars views in files: the shared layout, partials and
// components of libs/web/views, registered once, and the service's own views. Every value is escaped unless a
// view says otherwise, so text people wrote (names, reasons, mails) shows as text and never runs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { directionOf, LOCALE_NAMES, pageLocales, PSEUDO_LOCALE, pseudoMessage } from '@cocomo/i18n';
import {
  answerVariesByLanguage,
  currentCsrfToken,
  currentPageAddress,
  currentPageLocale,
} from '@cocomo/platform';
import { shipped, shippedFolder } from './shipped-files';
import { registerViewHelpers } from './view-helpers';

export interface PageRendererOptions {
  /** Folders of views, searched in order; the shared libs/web/views comes last. */
  views: string[];
  /** The path prefix this service serves its stylesheets, scripts and images under (`@assets` in a view). */
  assets: string;
  /** The language of pages rendered outside a request (`@lang`); a request's own comes first. */
  lang?: string;
}

export class UnknownView extends Error {
  constructor(view: string) {
    super(`There is no view "${view}"`);
    this.name = 'UnknownView';
  }
}

export const SHARED_VIEWS = shippedFolder(shipped('libs/web/views'));

export class PageRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();
  private readonly folders: string[];
  readonly assets: string;
  private readonly lang: string;

  constructor(options: PageRendererOptions) {
    this.folders = [...options.views.filter((folder) => folder !== SHARED_VIEWS), SHARED_VIEWS];
    this.assets = options.assets;
    this.lang = options.lang ?? 'en';
    registerViewHelpers(this.handlebars);
    // Shared ones first, so that a service's own partial or component of the same name takes their place.
    for (const folder of [...this.folders].reverse()) {
      for (const sub of ['partials', 'layouts']) this.registerPartials(path.join(folder, sub));
      this.registerComponents(path.join(folder, 'components'));
    }
  }

  /**
   * The page `view` ("map", "actions/host-accept") with `data`, in the request's language (libs/platform
   * page-locale.ts); `lang` overrides it.
   */
  render(view: string, data: object = {}, lang?: string): string {
    const chosen = lang ?? currentPageLocale();
    if (lang === undefined && chosen !== undefined) answerVariesByLanguage();
    const speaks = chosen ?? this.lang;
    return this.template(view)(data, {
      data: {
        lang: speaks,
        dir: directionOf(speaks),
        assets: this.assets,
        // @csrf: the signed-in operator's CSRF token, which every operator form carries ({{> csrf-field}}).
        csrf: currentCsrfToken(),
        // The language switcher's: where it sends the reader back to, and the languages it offers.
        address: currentPageAddress(),
        languages: languageChoices(speaks),
      },
    });
  }

  /** Whether a view of that name exists in one of the folders. */
  has(view: string): boolean {
    return this.fileOf(view) !== undefined;
  }

  private template(view: string): Handlebars.TemplateDelegate {
    let template = this.compiled.get(view);
    if (!template) {
      const file = this.fileOf(view);
      if (!file) throw new UnknownView(view);
      template = this.handlebars.compile(readFileSync(file, 'utf8'));
      this.compiled.set(view, template);
    }
    return template;
  }

  private fileOf(view: string): string | undefined {
    if (!/^[a-z0-9-]+(\/[a-z0-9-]+)*$/.test(view)) return undefined;
    return this.folders.map((folder) => path.join(folder, `${view}.hbs`)).find((file) => existsSync(file));
  }

  /**
   * Partials see the page's data: the layout and what it is made of (head, header, footer). Registered
   * compiled: Handlebars compiles a partial given as source on each use inside a component, every page.
   */
  private registerPartials(folder: string): void {
    for (const [name, source] of viewFilesIn(folder)) {
      this.handlebars.registerPartial(name, this.handlebars.compile(source));
    }
  }

  /**
   * A component (`{{#button kind="secondary"}}Reject{{/button}}`) sees only what its hash gives it, and its
   * block as `content`, rendered with the caller's data: a space's `name` cannot leak into a button's.
   */
  private registerComponents(folder: string): void {
    for (const [name, source] of viewFilesIn(folder)) {
      const template = this.handlebars.compile(source);
      this.handlebars.registerHelper(name, function (this: unknown, options: Handlebars.HelperOptions) {
        const content = options.fn ? new Handlebars.SafeString(options.fn(this)) : '';
        return new Handlebars.SafeString(template({ ...options.hash, content }, { data: options.data }));
      });
    }
  }
}

/** The switcher's choices: each language in its own name, the page's chosen. */
function languageChoices(speaks: string): { locale: string; name: string; chosen: boolean }[] {
  return pageLocales().map((locale) => ({
    locale,
    name: locale === PSEUDO_LOCALE ? `${pseudoMessage('Pseudo')} (en-XA)` : LOCALE_NAMES[locale],
    chosen: locale === speaks,
  }));
}

/** The views of a folder as [name, source]; none when there is no such folder. */
function viewFilesIn(folder: string): [string, string][] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((entry) => entry.endsWith('.hbs'))
    .map((entry) => [
      entry.slice(0, -'.hbs'.length),
      readFileSync(path.join(folder, entry), 'utf8').replace(/\n$/, ''),
    ]);
}
