import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PageRenderer, UnknownView } from './page-renderer';

let folder: string;
let pages: PageRenderer;

beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'cocomo-views-'));
  mkdirSync(path.join(folder, 'components'));
  writeFileSync(
    path.join(folder, 'page.hbs'),
    [
      '{{#> layout page="test-page"}}',
      '{{#*inline "title"}}{{name}} — CoCoMo{{/inline}}',
      '{{#*inline "heading"}}<h1>{{name}}</h1>{{/inline}}',
      '{{#notice kind="done"}}Approved “{{name}}”.{{/notice}}',
      '{{#field for="reason" label="Reason"}}<textarea name="reason">{{typed}}</textarea>{{/field}}',
      '{{#each spaces}}{{#button kind="secondary"}}Reject {{name}}{{/button}}{{/each}}',
      '{{/layout}}',
    ].join('\n'),
  );
  writeFileSync(path.join(folder, 'components', 'badge.hbs'), '<b class="badge">{{content}}</b>');
  writeFileSync(path.join(folder, 'badged.hbs'), '{{#badge}}{{name}}{{/badge}}');
  writeFileSync(
    path.join(folder, 'worded.hbs'),
    '{{#field for="locale" label=(t "language.label") hint=(t "language.hostHint")}}<select></select>{{/field}}',
  );
  pages = new PageRenderer({ views: [folder], assets: '/test/assets' });
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const hostile = '<img src=x onerror="window.__pwned = 1">';

describe('a page from the shared layout', () => {
  const page = () =>
    pages.render('page', {
      name: hostile,
      typed: '</textarea><script>',
      spaces: [{ name: 'Hall', kind: 'x' }],
    });

  it('is a whole document in the language it is given, with the shared stylesheet under the service prefix', () => {
    expect(page()).toMatch(/^<!doctype html>\n<html lang="en" dir="ltr">/);
    expect(pages.render('page', { name: 'Hall', spaces: [] }, 'de')).toContain('<html lang="de" dir="ltr">');
    expect(page()).toContain('<link rel="stylesheet" href="/test/assets/cocomo.css">');
    expect(page()).toContain('<main id="main"');
    expect(page().match(/<h1>/g)).toHaveLength(1);
  });

  it('escapes every value: in the title, the heading, a component block and a form field', () => {
    expect(page()).not.toContain('<img src=x');
    expect(page()).not.toContain('</textarea><script>');
    expect(page()).toContain(
      '<title>&lt;img src&#x3D;x onerror&#x3D;&quot;window.__pwned &#x3D; 1&quot;&gt; — CoCoMo</title>',
    );
  });

  it("gives a component only its hash: a space's kind does not become a button's", () => {
    expect(page()).toContain('<button type="submit" class="button secondary">Reject Hall</button>');
  });

  it("takes a service's own components beside the shared ones", () => {
    expect(pages.render('badged', { name: hostile })).toBe(
      '<b class="badge">&lt;img src&#x3D;x onerror&#x3D;&quot;window.__pwned &#x3D; 1&quot;&gt;</b>',
    );
  });

  it.each(['missing', '../page', 'Page', ''])('refuses the view "%s", which is none of its files', (view) => {
    expect(() => pages.render(view)).toThrow(UnknownView);
  });
});

describe('a view naming catalogue keys', () => {
  it.each([
    ['en', 'Your language'],
    ['es', 'Tu idioma'],
    ['hi', 'आपकी भाषा'],
    ['ja', 'Your language'],
  ])('speaks the page language %s', (lang, label) => {
    const html = pages.render('worded', {}, lang);
    expect(html).toContain(label);
    expect(html).not.toContain('language.');
  });
});
