// Every directory page in every language: rendered from its view with representative data, none may show a
// catalogue key, a placeholder, or (in a language other than English) an English sentence of the catalogue.
import { ALWAYS_AVAILABLE } from './availability/availability';
import { CATALOGUES, SUPPORTED_LOCALES, type Messages } from '@cocomo/i18n';
import { PageRenderer } from '@cocomo/web';
import { directorySite } from './directory-site';
import { managePage } from './manage/manage-page';
import { countryChoices } from './map/country-choices';
import { COMMON_AMENITIES, currencyChoices, ZONE_CHOICES } from './registration/registration-choices';
import { badgeFacts } from './profile/badge.controller';
import type { SpaceHistoryEntry } from './spaces/space-history.entity';
import type { Space } from './spaces/space.entity';
import { spaceView } from './spaces/space-view';

const pages = new PageRenderer({ views: directorySite.views, assets: directorySite.assets });

const space = {
  id: '2a3f1c8e-5b7d-4e21-9f0a-6c4d8b2e1f3a',
  name: 'Lab Zentrum',
  kind: 'community',
  description: 'A room with a view.',
  address: 'Hauptstraße 1',
  city: 'Berlin',
  country: 'DE',
  latitude: 52.52,
  longitude: 13.4,
  timezone: 'Europe/Berlin',
  capacity: 40,
  amenities: ['wifi', 'projector'],
  pricingModel: 'paid',
  priceAmount: 25,
  priceCurrency: 'EUR',
  pricePer: 'hour',
  marketRateAmount: 80,
  marketRateCurrency: 'EUR',
  marketRatePer: 'day',
  hostName: 'Ravi Kumar',
  hostEmail: 'ravi@example.org',
  hostLocale: 'en',
  supportsFoss: true,
  nonCommercialPledge: true,
  status: 'approved',
  rejectionReason: null,
  createdAt: new Date('2027-03-01T10:00:00Z'),
  updatedAt: new Date('2027-03-02T10:00:00Z'),
  approvedAt: new Date('2027-03-02T10:00:00Z'),
  availability: {
    ...ALWAYS_AVAILABLE,
    closures: [{ from: '2027-12-24', to: '2027-12-26', note: 'Holidays' }],
  },
  pendingChange: { name: 'Lab Zentrum Mitte' },
  pendingChangeBy: 'ravi@example.org',
  pendingChangeAt: new Date('2027-03-03T10:00:00Z'),
  handOver: { name: 'Mia', email: 'mia@example.org', by: 'ravi@example.org', at: '2027-03-04T10:00:00Z' },
  summaryOptOutAt: null,
} as unknown as Space;

const kinds = [
  'listing_changed',
  'change_awaits_review',
  'change_approved',
  'change_rejected',
  'availability_changed',
  'hand_over_offered',
  'handed_over',
  'retired',
  'host_locale_changed',
];
const history = kinds.map((what, index) => ({
  at: new Date(Date.UTC(2027, 2, 5 + index)),
  byEmail: 'ravi@example.org',
  what,
  changes: [{ field: 'Name', value: 'Lab Zentrum' }],
  note: index === 3 ? 'Not a real place' : null,
})) as unknown as SpaceHistoryEntry[];

const offer = {
  mailLanguage: { action: '/x/language', locale: 'es', offered: 'Español', current: 'English' },
  mailLanguageSaved: 'Español',
};
const operatorSpace = spaceView(space, 'operator');
const waiting = { ...operatorSpace, openStreetMap: 'https://www.openstreetmap.org/' };

/** Each page (and each state of it worth a look) with its data, by the language it is rendered in. */
const views: [string, (lang: string) => object][] = [
  ['map', (lang) => ({ tileUrl: 'https://tiles.example/{z}/{x}/{y}.png', countries: countryChoices(lang) })],
  [
    'register',
    (lang) => ({
      languages: SUPPORTED_LOCALES.map((code) => ({ code, name: code, chosen: code === lang })),
      amenities: COMMON_AMENITIES,
      countries: countryChoices(lang).slice(0, 3),
      zones: ZONE_CHOICES.slice(0, 3),
      currencies: currencyChoices(lang).slice(0, 3),
    }),
  ],
  ['manage-link', () => ({})],
  ['manage-link', () => ({ sent: 'ravi@example.org' })],
  ['manage-link', () => ({ tooMany: true, typed: 'ravi@example.org', problem: 'x' })],
  ...(['listing', 'review', 'both', 'availability', 'nothing', 'hand-over', 'language'] as const).map(
    (saved): [string, () => object] => [
      'manage',
      () => ({
        ...managePage(space, 'token', history, { saved }, '/map/manage', 'https://cocomo.example'),
        badgePath: '/badge.svg',
      }),
    ],
  ),
  [
    'manage',
    () =>
      managePage(
        space,
        'token',
        [],
        {
          retire: { problem: true },
          language: { problem: true },
          handOver: {
            form: { newHostName: '', newHostEmail: 'ravi@example.org' },
            problems: [
              { field: 'newHostName', problem: 'empty' },
              { field: 'newHostEmail', problem: 'own_email' },
            ],
          },
        },
        '/map/manage',
        'https://cocomo.example',
      ),
  ],
  ['manage-retired', () => ({ space: { name: space.name } })],
  [
    'profile',
    () => ({
      space: spaceView(space, 'public'),
      hosted: {
        events: 3,
        attendance: 1200,
        newcomers: 1,
        cut: true,
        items: [
          {
            eventStart: '2027-04-01T17:00:00Z',
            title: 'Rust meetup',
            community: 'Rust Berlin',
            attendance: 40,
            newcomers: 1,
          },
          {
            eventStart: '2027-05-01T17:00:00Z',
            title: '',
            community: 'Python',
            attendance: 20,
            newcomers: 0,
          },
        ],
      },
    }),
  ],
  [
    'profile',
    () => ({ space: { ...spaceView(space, 'public'), amenities: [] }, hosted: { events: 0, items: [] } }),
  ],
  [
    'review',
    () => ({
      waiting: [
        waiting,
        { ...waiting, id: 'b', description: '', amenities: [], marketRate: null, pricing: { model: 'free' } },
      ],
      unverified: 2,
      approved: 'Lab Zentrum',
      rejected: 'Lab Ost',
      changes: [
        {
          id: 'c',
          name: space.name,
          by: 'ravi@example.org',
          at: '2027-03-03T10:00:00Z',
          facts: [{ label: 'Name', value: 'x' }],
        },
      ],
    }),
  ],
  ['review', () => ({ waiting: [], unverified: 0, changeDecided: 'approved' })],
  ['review', () => ({ waiting: [], unverified: 0, changeDecided: 'rejected' })],
  ['badge', (lang) => badgeFacts(12, lang)],
  ['actions/verify', () => ({ space: operatorSpace, formAction: '/x', ...offer })],
  ['actions/verify', () => ({ done: true, space: { name: space.name } })],
  [
    'actions/take-over',
    () => ({ space: operatorSpace, newHost: space.handOver, formAction: '/x', ...offer }),
  ],
  ['actions/take-over', () => ({ done: true, space: { name: space.name } })],
  ['actions/summary-opt-out', () => ({ space: { name: space.name }, formAction: '/x', ...offer })],
  ['actions/summary-opt-out', () => ({ space: { name: space.name }, already: true })],
  ['actions/summary-opt-out', () => ({ done: true, stopped: true, space: { name: space.name } })],
  ['actions/summary-opt-out', () => ({ done: true, stopped: false, space: { name: space.name } })],
];

/** The English catalogue's sentences without values: none may show on a page in another language. */
function englishSentences(messages: Messages): string[] {
  return Object.values(messages).flatMap((message) =>
    typeof message === 'string'
      ? /[{}<]/.test(message) || message.split(' ').length < 3
        ? []
        : [message]
      : englishSentences(message),
  );
}
const english = englishSentences(CATALOGUES.en.directory);

/** What a person reads of a page: its text and the attributes read out or shown. */
function readable(html: string): string {
  const attributes = [
    ...html.matchAll(/(?:placeholder|aria-label|alt|title|content|data-label|data-sending)="([^"]*)"/g),
  ]
    .map((match) => match[1])
    .join('\n');
  const text = html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, '\n')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  return `${text}\n${attributes}`;
}

describe.each(SUPPORTED_LOCALES)('the directory pages in %s', (lang) => {
  it.each(views.map(([view, data], index) => [`${view} #${index}`, view, data] as const))(
    '%s shows no catalogue key, no placeholder and no other language',
    (_name, view, data) => {
      const html = pages.render(view, data(lang), lang);
      const page = readable(html);
      expect(page).not.toMatch(/directory:|pages:/);
      // The scripts' words keep their {placeholders}, which the scripts fill in.
      const shown = readable(html.replace(/<template class="words">[\s\S]*?<\/template>/g, ''));
      expect(shown).not.toMatch(/\{\w+\}/);
      if (lang === 'en') return;
      // The shared footer is the pages catalogue's, not the directory's.
      const own = readable(html.replace(/<footer[\s\S]*?<\/footer>/g, ''));
      const leaked = english.filter((sentence) => own.includes(sentence));
      expect(leaked).toEqual([]);
    },
  );
});
