// Every page of the notifications and metrics services (the operators' pages, the development mailbox, a
// person's own data, the dashboard) rendered in every locale with representative data: each reads in its
// language, with no catalogue key, no ICU placeholder left unfilled, and English as it always read.
import { LINK_VIEWS, PageRenderer, shipped } from '@cocomo/web';
import { SUPPORTED_LOCALES } from '@cocomo/i18n';

const notifications = new PageRenderer({
  views: [shipped('apps/notifications/views'), LINK_VIEWS],
  assets: '/mailbox/assets',
});
const metrics = new PageRenderer({ views: [shipped('apps/metrics/views')], assets: '/dashboard/assets' });

const at = new Date('2027-03-01T18:05:00Z');
const operator = { name: 'Ada Admin', email: 'ada@operators.test', roles: ['admin'], countries: [] };
const token = (id: string, used: boolean, revoked = false) => ({
  id,
  name: `script ${id}`,
  createdAt: at,
  lastUsedAt: used ? at : null,
  revoked,
});
const mail = {
  id: 'mail-1',
  createdAt: at.toISOString(),
  time: '2027-03-01 18:05:00',
  recipient: 'asha@example.org',
  status: 'failed',
};
const metricsSummary = {
  registeredSpaces: { total: 12, free: 9, paid: 3 },
  availabilityRequests: 40,
  eventsConducted: 21,
  conductedRatio: { ratio: 0.525 },
  stability: { repeatVenueShare: 0.5, lateVenueChanges: 2 },
  seriesStability: {
    shareHeldAtItsSpace: 0.75,
    heldAtItsSpace: 3,
    dates: 4,
    series: 1,
    lateVenueChanges: 0,
    averageWeeksHeld: 6,
    singleEvents: { held: 18, lateVenueChanges: 2 },
  },
  diversity: { attendance: 600, newcomers: 120 },
  readiness: { responseRate: 0.9, medianHoursToAnswer: 5, acceptanceRate: 0.6 },
  declines: {
    declined: 8,
    byReason: { closed: 2, too_many_people: 1, not_a_fit: 2, other: 1, unsaid: 2 },
    offersMade: 4,
    offersTaken: 1,
  },
  protocols: {
    lateDenials: 1,
    fallbackRescues: 1,
    escalations: 2,
    unplaced: 1,
    cancellations: { organizer: 3, operator: 1 },
  },
  freeShare: { share: 0.8 },
};
const stuckBooking = (reason: string) => ({
  reason,
  bookingId: `b-${reason}`,
  community: 'Berlin Rust',
  country: 'DE',
  eventStart: at.toISOString(),
  since: at.toISOString(),
});

/** Each page in each of its states worth reading: [name, renderer, view, data]. */
const PAGES: [string, PageRenderer, string, object][] = [
  ['sign-in', notifications, 'operators/sign-in', { return: '/', provider: 'Example Org', ended: true }],
  ['sign-in, signed out', notifications, 'operators/sign-in', { signedOut: true }],
  ...[
    'missing',
    'foreign-form',
    'wrong',
    'no-account',
    'unverified-email',
    'disabled',
    'provider-off',
    'provider-unreachable',
    'provider-not-started-here',
    'provider-refused',
  ].map((reason): [string, PageRenderer, string, object] => [
    `sign-in refused: ${reason}`,
    notifications,
    'operators/sign-in',
    { refusal: { status: 400, reason, provider: 'Example Org' }, email: 'ada@operators.test' },
  ]),
  ...['locked', 'too-many'].map((reason): [string, PageRenderer, string, object] => [
    `sign-in refused: ${reason}`,
    notifications,
    'operators/sign-in',
    { refusal: { status: 423, reason, until: at } },
  ]),
  ['sign-in code', notifications, 'operators/sign-in-code', { return: '/', awaiting: 'x' }],
  ...['wrong-code', 'no-code', 'code-wait-over'].map((reason): [string, PageRenderer, string, object] => [
    `sign-in code refused: ${reason}`,
    notifications,
    'operators/sign-in-code',
    { refusal: { status: 401, reason } },
  ]),
  [
    'account',
    notifications,
    'operators/account',
    {
      operator,
      tokens: [token('1', true), token('2', false), token('3', true, true)],
      made: { name: 'Prometheus', token: 'ey.token' },
      revoked: true,
      secondFactorOff: true,
    },
  ],
  [
    'account, no token',
    notifications,
    'operators/account',
    { operator, tokens: [], secondFactor: { codesLeft: 1 } },
  ],
  ...['token-name-empty', 'token-name-long', 'not-named'].map(
    (refusal): [string, PageRenderer, string, object] => [
      `account refused: ${refusal}`,
      notifications,
      'operators/account',
      { operator: { ...operator, countries: ['DE'] }, tokens: [], refusal, secondFactor: { codesLeft: 10 } },
    ],
  ),
  [
    'second factor, to set up',
    notifications,
    'operators/second-factor',
    { secret: 'A'.repeat(32), uri: 'otpauth://totp/x', qrCode: 'data:,', codeProblem: 'no-match' },
  ],
  [
    'second factor, set up',
    notifications,
    'operators/second-factor',
    { secret: 'A'.repeat(32), uri: 'otpauth://totp/x', qrCode: 'data:,' },
  ],
  [
    'second factor, just on',
    notifications,
    'operators/second-factor',
    { recoveryCodes: ['ABCD-EFGH-JKLM-NPQR'] },
  ],
  [
    'second factor, on',
    notifications,
    'operators/second-factor',
    { on: true, codesLeft: 9, codeProblem: 'wrong' },
  ],
  ['second factor, on with one code', notifications, 'operators/second-factor', { on: true, codesLeft: 1 }],
  ...['on-already', 'unknown-secret', 'locked', 'not-named'].map(
    (refusal): [string, PageRenderer, string, object] => [
      `second factor refused: ${refusal}`,
      notifications,
      'operators/second-factor',
      { refusal },
    ],
  ),
  [
    'the record',
    notifications,
    'operators/record',
    {
      typed: { person: '', space: '', booking: '', from: '', to: '' },
      problemOf: {},
      entries: ['operator', 'host', 'organizer'].map((actorKind, index) => ({
        action: 'space-approved',
        at,
        actorEmail: 'ada@operators.test',
        actorKind,
        personLink: '/operators/record?person=ada',
        spaceId: 's-1',
        spaceLink: '/operators/record?space=s-1',
        bookingId: 'b-1',
        bookingLink: '/operators/record?booking=b-1',
        subject: 'sub',
        detail: 'name, capacity',
        address: index ? '203.0.113.9' : null,
      })),
      newer: '/operators/record?page=1',
      older: '/operators/record?page=3',
    },
  ],
  ['the record, empty', notifications, 'operators/record', { typed: {}, problemOf: {}, entries: [] }],
  [
    'the mailbox',
    notifications,
    'mailbox',
    {
      mails: ['queued', 'sending', 'sent', 'failed'].map((status) => ({
        ...mail,
        status,
        subject: status === 'sent' ? '' : 'Your data',
      })),
    },
  ],
  ['the mailbox, one mail', notifications, 'mailbox', { mails: [{ ...mail, subject: 'Your data' }] }],
  ['the mailbox, empty', notifications, 'mailbox', { mails: [] }],
  [
    'a mail in the mailbox',
    notifications,
    'mailbox-mail',
    {
      ...mail,
      subject: 'Your data on CoCoMo',
      from: 'CoCoMo <mail@cocomo.test>',
      recipientName: 'Asha',
      messageId: '<m@cocomo>',
      template: 'personal-data-link',
      locale: 'es',
      lastError: '550 no such user',
      actions: [{ label: 'See your data', url: 'http://x/my-data/t' }],
      html: '<p>Hello</p>',
      text: 'Hello',
    },
  ],
  [
    'a mail without subject',
    notifications,
    'mailbox-mail',
    { ...mail, subject: '', actions: [], status: 'sent' },
  ],
  ['my data', notifications, 'my-data/ask', {}],
  ['my data, refused', notifications, 'my-data/ask', { typed: 'not-an-email', problem: true }],
  ['my data, too many', notifications, 'my-data/ask', { typed: 'asha@example.org', tooMany: true }],
  ['my data, sent', notifications, 'my-data/ask', { sent: 'asha@example.org' }],
  [
    'my data behind the link',
    notifications,
    'my-data/link',
    { email: 'asha@example.org', copyUrl: '/c', eraseAction: '/e' },
  ],
  [
    'my data behind the link, refused',
    notifications,
    'my-data/link',
    { email: 'asha@example.org', copyUrl: '/c', eraseAction: '/e', problem: true },
  ],
  ['my data erased', notifications, 'my-data/erased', {}],
  [
    'the dashboard',
    metrics,
    'dashboard',
    {
      filters: { from: '2027-01-01', to: '2027-03-31', country: 'DE', interval: 'week' },
      csvQuery: 'interval=week',
      m: metricsSummary,
      moneySaved: [{ currency: 'EUR', saved: 300 }],
      stuck: ['escalated', 'unplaced', 'report-overdue'].map(stuckBooking),
      failedEmails: [
        {
          failedAt: at.toISOString(),
          to: 'asha@example.org',
          template: 'space-verify',
          attempts: 5,
          reason: '550',
        },
      ],
    },
  ],
  [
    'the dashboard, nothing yet',
    metrics,
    'dashboard',
    {
      filters: { from: '', to: '', country: '', interval: 'month' },
      csvQuery: 'interval=month',
      m: { ...metricsSummary, conductedRatio: { ratio: null } },
      moneySaved: [],
      stuck: [],
      failedEmails: [],
    },
  ],
];

/** The page's text: what a reader sees and what an assistive technology reads (attributes too). */
function wordsOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/srcdoc="[^"]*"/g, '')
    .replace(/<!--[\s\S]*?-->/g, '');
}

describe.each(SUPPORTED_LOCALES)('in %s', (locale) => {
  it.each(PAGES)('%s reads with no key or placeholder left', (_name, pages, view, data) => {
    const html = wordsOf(pages.render(view, data, locale));
    expect(html).not.toMatch(/operators:[a-zA-Z]+\./);
    // An ICU message given too few values comes out raw; the words' {reason} and {status} are the script's.
    const placeholders = [...html.matchAll(/\{[a-zA-Z]+[,}]/g)].map(([found]) => found);
    expect(placeholders.filter((found) => !['{reason}', '{status}'].includes(found))).toEqual([]);
    expect(html).toContain(`lang="${locale}"`);
  });
});

describe('English', () => {
  const english = (view: string, data: object, pages = notifications) => pages.render(view, data, 'en');

  it('reads as it always has', () => {
    expect(english('operators/sign-in', { refusal: { status: 423, reason: 'locked', until: at } })).toContain(
      'This account is locked after too many wrong passwords or codes. Try again after 18:05 UTC, or ask an admin.',
    );
    expect(english('operators/account', { operator, tokens: [], secondFactor: { codesLeft: 10 } })).toContain(
      '10 recovery codes left. <a href="/operators/account/second-factor">Manage it</a>',
    );
    const dashboard = PAGES.find(([name]) => name === 'the dashboard')!;
    const page = english('dashboard', dashboard[3], metrics);
    expect(page).toContain('<td>12 (9 free, 3 paid)</td>');
    expect(page).toContain('(3 of 4 dates, 1 series)');
    expect(page).toContain('8 (closed then 2, too many people 1, not a fit 2, another reason 1, not said 2)');
    expect(page).toContain('<span data-word="chart-failed">This chart could not be drawn: {reason}</span>');
    expect(page).toContain('<span data-word="series-availabilityRequests">Requests</span>');
    expect(page).toContain('<td>report overdue</td>');
    expect(
      english('mailbox', {
        mails: [
          { ...mail, subject: 'x' },
          { ...mail, subject: 'y' },
        ],
      }),
    ).toContain('The newest 2 mails, newest first.');
  });

  it("has the dashboard's numbers written as each language writes them", () => {
    const dashboard = PAGES.find(([name]) => name === 'the dashboard')!;
    const data = { ...dashboard[3], m: { ...metricsSummary, availabilityRequests: 12000 } };
    expect(metrics.render('dashboard', data, 'en')).toContain('<td>12,000</td>');
    expect(metrics.render('dashboard', data, 'de')).toContain('<td>12.000</td>');
    expect(metrics.render('dashboard', data, 'fr')).toContain('<td>12\u202f000</td>');
  });

  it('is not what the other languages read', () => {
    for (const [, pages, view, data] of PAGES) {
      const heading = (locale: string) => /<h1>([\s\S]*?)<\/h1>/.exec(pages.render(view, data, locale))?.[1];
      for (const locale of SUPPORTED_LOCALES.filter((other) => other !== 'en')) {
        if (view !== 'operators/account' && view !== 'mailbox-mail')
          expect(heading(locale)).not.toBe(heading('en'));
      }
    }
  });
});
