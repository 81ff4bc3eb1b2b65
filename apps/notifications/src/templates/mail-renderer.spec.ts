import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EmailTemplates } from '@cocomo/contracts';
import { localeCandidates, MailRenderer, UnknownTemplate } from './mail-renderer';
import { findTemplatesFolder } from './templates-folder';

const folder = findTemplatesFolder();
const renderer = new MailRenderer(folder);
const action = { label: 'Open it', url: 'https://cocomo.example.org/actions/x?token=a&b=1' };

const samples: {
  [T in keyof EmailTemplates]: [T, EmailTemplates[T], string, string[]];
}[keyof EmailTemplates][] = [
  [
    'space-verify',
    { hostName: 'Asha', spaceName: 'Hall', city: 'Pune', country: 'IN', expiresAt: '2026-11-24T14:00:00Z' },
    'Confirm your email address for Hall',
    ['registered Hall in Pune, IN', 'The link works until Tuesday, November 24, 2026 at 2:00 PM UTC'],
  ],
  [
    'space-review-needed',
    {
      spaceId: 'id-1',
      spaceName: 'Hall',
      kind: 'college',
      city: 'Pune',
      country: 'IN',
      capacity: 40,
      pricingModel: 'free',
      hostName: 'Asha',
      hostEmail: 'asha@example.org',
      reviewApiUrl: 'https://cocomo.example.org/api/spaces/docs',
    },
    'Review needed: Hall (Pune, IN)',
    ['Capacity:  40 people', 'Asha <asha@example.org>', 'POST /api/spaces/id-1/approve', 'no deadline'],
  ],
  [
    'space-approved',
    { hostName: 'Asha', spaceName: 'Hall', mapUrl: 'https://cocomo.example.org/map#space=1' },
    'Hall is now listed on CoCoMo',
    ['https://cocomo.example.org/map#space=1', 'until you ask us to retire it'],
  ],
  [
    'space-rejected',
    { hostName: 'Asha', spaceName: 'Hall', reason: 'No such address' },
    'Hall was not approved',
    ['No such address', 'register the space again'],
  ],
];

describe('the English templates', () => {
  it.each(samples)(
    'render %s with its subject, facts and action in text and HTML',
    (template, data, subject, facts) => {
      const mail = renderer.render({ template, locale: 'en', data, actions: [action] });
      expect(mail.subject).toBe(subject);
      for (const fact of facts) expect(mail.text).toContain(fact);
      expect(mail.text).toContain(`Open it:\n${action.url}`);
      expect(mail.html).toContain('href="https://cocomo.example.org/actions/x?token&#x3D;a&amp;b&#x3D;1"');
      expect(mail.html).toMatch(/^<!doctype html>/);
      expect(mail.html).toContain(`<title>${subject}</title>`);
    },
  );

  it('escape values in HTML and keep them as written in text and subject', () => {
    const mail = renderer.render({
      template: 'space-rejected',
      locale: 'en',
      data: { hostName: '<script>x()</script>', spaceName: 'R&D "Lab"', reason: "<img src=x onerror='y'>" },
      actions: [],
    });
    expect(mail.subject).toBe('R&D "Lab" was not approved');
    expect(mail.text).toContain('Hello <script>x()</script>,');
    expect(mail.text).toContain("<img src=x onerror='y'>");
    expect(mail.html).not.toMatch(/<script|<img/);
    expect(mail.html).toContain('&lt;script&gt;x()&lt;/script&gt;');
    expect(mail.html).toContain('R&amp;D &quot;Lab&quot;');
  });

  it('refuse data that lacks a field the template names', () => {
    expect(() =>
      renderer.render({
        template: 'space-rejected',
        locale: 'en',
        data: { hostName: 'A', spaceName: 'B' },
        actions: [],
      }),
    ).toThrow(/reason/);
  });

  it('do not include an unknown template', () => {
    expect(() => renderer.render({ template: 'nope', locale: 'en', data: {}, actions: [] })).toThrow(
      UnknownTemplate,
    );
    expect(() => renderer.render({ template: '../en/layout', locale: 'en', data: {}, actions: [] })).toThrow(
      UnknownTemplate,
    );
  });
});

describe('a second language', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'cocomo-templates-'));
    cpSync(folder, root, { recursive: true });
    mkdirSync(path.join(root, 'de'));
    writeFileSync(path.join(root, 'de', 'space-approved.subject.hbs'), '{{spaceName}} ist jetzt gelistet');
    writeFileSync(
      path.join(root, 'de', 'space-approved.text.hbs'),
      'Hallo {{hostName}}, bis {{dateTime at}}.',
    );
    writeFileSync(path.join(root, 'de', 'space-approved.html.hbs'), '<p>Hallo {{hostName}}</p>');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const data = {
    hostName: 'Jonas',
    spaceName: 'Halle',
    mapUrl: 'https://x.example',
    at: '2026-11-24T14:00:00Z',
  };

  it.each([
    ['de', 'de', 'Halle ist jetzt gelistet'],
    ['de-AT', 'de', 'Halle ist jetzt gelistet'],
    ['fr', 'en', 'Halle is now listed on CoCoMo'],
    ['../../etc', 'en', 'Halle is now listed on CoCoMo'],
  ])('is a folder of files: locale %s uses %s', (locale, used, subject) => {
    const mail = new MailRenderer(root).render({ template: 'space-approved', locale, data, actions: [] });
    expect(mail).toMatchObject({ locale: used, subject });
  });

  it('formats dates in its own language and falls back to the English layout and templates it lacks', () => {
    const german = new MailRenderer(root);
    const mail = german.render({ template: 'space-approved', locale: 'de', data, actions: [] });
    expect(mail.text).toContain('bis Dienstag, 24. November 2026 um 14:00 UTC.');
    expect(mail.html).toContain('<html lang="de">');
    expect(
      german.render({ template: 'space-rejected', locale: 'de', data: { ...data, reason: 'r' }, actions: [] })
        .locale,
    ).toBe('en');
  });

  it.each([
    ['pt-BR', ['pt-BR', 'pt', 'en']],
    ['en', ['en']],
    ['', ['en']],
    ['x/../../y', ['en']],
  ])('candidates for %j are %j', (locale, candidates) =>
    expect(localeCandidates(locale)).toEqual(candidates),
  );
});

describe('the templates folder', () => {
  it('is found from compiled code too, beside the package.json above it', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'cocomo-dist-'));
    try {
      writeFileSync(path.join(root, 'package.json'), '{}');
      mkdirSync(path.join(root, 'apps/notifications/templates'), { recursive: true });
      mkdirSync(path.join(root, 'dist/apps/notifications/src/templates'), { recursive: true });
      expect(findTemplatesFolder(path.join(root, 'dist/apps/notifications/src/templates'))).toBe(
        path.join(root, 'apps/notifications/templates'),
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
