import type { EmailTemplates } from '@cocomo/contracts';
import { MailRenderer, mailTemplatesFolder, UnknownTemplate } from './mail-renderer';

const folder = mailTemplatesFolder();
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
  [
    'calendar-renewed',
    { whose: 'host', calendarUrl: 'https://cocomo.example.org/api/bookings/calendars/t.ics' },
    'Your new CoCoMo calendar link',
    ["your space's calendar", 'https://cocomo.example.org/api/bookings/calendars/t.ics', 'no longer works'],
  ],
  [
    'space-summary',
    {
      hostName: 'Asha',
      spaceName: 'Hall',
      from: '2026-01-15T08:00:00Z',
      to: '2027-01-15T08:00:00Z',
      timeZone: 'Europe/Berlin',
      events: 12,
      attendance: 1240,
      newcomers: 85,
      marketCost: 7200,
      currency: 'EUR',
    },
    'Your year of hosting on CoCoMo at Hall',
    [
      'January 15, 2026 at 9:00 AM GMT+1',
      'Events hosted: 12',
      'People who came: 1,240',
      'New to their community: 85',
      'about €7,200',
    ],
  ],
  [
    'space-manage-link',
    { hostName: 'Asha', spaceName: 'Hall', expiresAt: '2026-11-24T14:00:00Z' },
    'Your link to manage Hall',
    ['you asked for the link to manage Hall', 'works until Tuesday, November 24, 2026 at 2:00 PM UTC'],
  ],
  [
    'personal-data-link',
    { expiresAt: '2026-11-24T14:00:00Z' },
    'Your data on CoCoMo',
    ['download a copy of it', 'works until Tuesday, November 24, 2026 at 2:00 PM UTC'],
  ],
  [
    'space-changed',
    {
      hostName: 'Asha',
      spaceName: 'Hall',
      what: 'change_awaits_review',
      changes: [{ field: 'Name', value: 'Great Hall' }],
      by: 'asha@example.org',
    },
    'Your change to Hall waits for review',
    ['asha@example.org changed what operators review of Hall', '  Name: Great Hall'],
  ],
  [
    'space-changed',
    {
      hostName: 'Asha',
      spaceName: 'Hall',
      what: 'change_rejected',
      changes: [{ field: 'Name', value: 'Great Hall' }],
      by: 'operators@example.org',
      reason: 'Not the name on the door',
    },
    'Your change to Hall was not approved',
    ["The operator's reason: Not the name on the door", '  Name: Great Hall'],
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

  it('end a mail to a host with the link to manage their space, and others without it', () => {
    const manage = {
      url: 'https://cocomo.example.org/actions/spaces/manage/v1.a.b',
      expiresAt: '2026-11-24T14:00:00Z',
    };
    const data = { hostName: 'Asha', spaceName: 'Hall', mapUrl: 'https://x.example', manage };
    const mail = renderer.render({ template: 'space-approved', locale: 'en', data, actions: [] });
    expect(mail.text).toContain(`Manage your space:\n${manage.url}\nThe link works until Tuesday`);
    expect(mail.html).toContain(`<a href="${manage.url}"`);
    const without = renderer.render({
      template: 'space-approved',
      locale: 'en',
      data: { ...data, manage: undefined },
      actions: [],
    });
    expect(without.text).not.toContain('Manage your space');
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

describe("the reader's language", () => {
  const data = {
    hostName: 'Jonas',
    spaceName: 'Halle <b>',
    mapUrl: 'https://x.example/map?a=1&b=2',
    manage: { url: 'https://x.example/manage', expiresAt: '2026-11-24T14:00:00Z' },
  };

  it.each([
    ['es', 'es', 'Halle <b> ya aparece en CoCoMo'],
    ['es-MX', 'es', 'Halle <b> ya aparece en CoCoMo'],
    ['hi', 'hi', 'Halle <b> अब CoCoMo पर सूचीबद्ध है'],
    ['ja', 'en', 'Halle <b> is now listed on CoCoMo'],
    ['../../etc', 'en', 'Halle <b> is now listed on CoCoMo'],
  ])('a mail for %s is written in %s', (locale, used, subject) => {
    const mail = renderer.render({ template: 'space-approved', locale, data, actions: [] });
    expect(mail).toMatchObject({ locale: used, subject });
  });

  it('writes every part, the layout and the manage link in it, dates in its own words, values escaped', () => {
    const mail = renderer.render({ template: 'space-approved', locale: 'es', data, actions: [] });
    expect(mail.text).toContain('Hola, Jonas:');
    expect(mail.text).toContain('martes, 24 de noviembre de 2026');
    expect(mail.text).toContain('Gestionar tu espacio');
    expect(mail.html).toContain('<html lang="es" dir="ltr">');
    expect(mail.html).toContain('<strong>Halle &lt;b&gt;</strong>');
    expect(mail.html).toContain('<a href="https://x.example/map?a&#x3D;1&amp;b&#x3D;2">');
  });
});
