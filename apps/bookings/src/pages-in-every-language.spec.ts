// Every bookings page, in every language CoCoMo speaks: rendered with data such as the controllers give it,
// none may show a catalogue key (`bookings:…`) or a placeholder left unfilled, and each speaks its language.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { SUPPORTED_LOCALES } from '@cocomo/i18n';
import { LINK_VIEWS, PageRenderer, rendererFor, shippedFolder } from '@cocomo/web';
import { bookingsSite } from './bookings-site';
import { offerRows } from './actions/link-forms';

const pages = rendererFor(bookingsSite);

const start = new Date('2027-03-09T18:00:00Z');
const end = new Date('2027-03-09T21:00:00Z');
const date = (days: number) => ({
  start: new Date(start.getTime() + days * 86_400_000),
  end: new Date(end.getTime() + days * 86_400_000),
});
const booking = {
  organizer: 'Olga',
  community: 'Berlin Rust',
  event: 'Rust night',
  space: 'Kiez Hall',
  start,
  end,
  timezone: 'Europe/Berlin',
  expectedAttendees: 30,
  needs: ['wifi', 'projector'],
  formAction: '/actions/v1.token',
  form: {},
  problems: [],
  problemOf: {},
  offerRows: offerRows({}),
  later: [date(7), date(14)],
  currency: 'EUR',
  asked: { start, end },
  languageChange: { action: '/actions/v1.token/language', current: 'hi' },
};
const seriesDates = [
  { date: '2027-03-09', ...date(0), open: true, clashes: false, takeable: true, checked: true },
  { date: '2027-03-16', ...date(7), open: true, clashes: true, takeable: false, checked: false },
  {
    date: '2027-03-23',
    ...date(14),
    open: true,
    clashes: false,
    closed: 'closed',
    takeable: false,
    checked: false,
  },
  { date: '2027-03-30', ...date(21), open: false, clashes: false, takeable: false, checked: false },
];
const series = { ...booking, dates: seriesDates, clashing: 1 };
const status = (state: string) => ({
  state,
  title: 'Rust night',
  community: 'Berlin Rust',
  start,
  end,
  expectedAttendees: 30,
  space: {
    confirmed: state !== 'pending_host',
    name: 'Kiez Hall',
    address: 'Oranienstraße 1',
    city: 'Berlin',
  },
  timezone: 'Europe/Berlin',
  history: [{ at: start, iso: start.toISOString(), to: state, cause: 'requested' }],
  leftOut: state === 'unplaced' ? { booked: 2 } : undefined,
  whyUnplaced: () => '2 spaces were booked then.',
  series: [
    { ...date(0), state: 'confirmed', space: { confirmed: true, name: 'Kiez Hall' }, current: true },
    { ...date(7), state: 'pending_host', space: { confirmed: false, name: 'Kiez Hall' }, current: false },
    { ...date(14), state: 'unplaced', space: null, current: false },
  ],
  cancelSeries: '/series-actions/v1.token',
  languageChange: { action: '/api/bookings/1/language', current: 'hi', token: 'v1.token' },
});
const card = (state: string) => ({
  id: `b-${state}`,
  title: 'Rust night',
  state,
  community: 'Berlin Rust',
  start,
  end,
  timezone: 'Europe/Berlin',
  expectedAttendees: 30,
  needs: state === 'unplaced' ? [] : ['wifi'],
  spaces: state === 'unplaced' ? [] : ['Kiez Hall', 'Hafen Lab'],
  asking: state === 'pending_host' ? ['Kiez Hall'] : [],
  organizerName: 'Olga',
  organizerEmail: 'olga@example.org',
});

const ACTIONS = [
  'host-accept',
  'host-decline',
  'host-withdraw',
  'host-withdraw-rest',
  'host-still-on',
  'host-cant-host',
  'organizer-cancel',
  'organizer-cancel-rest',
  'organizer-report',
  'organizer-take-offer',
];
const SERIES_ACTIONS = ['series-accept-all', 'series-choose', 'series-decline', 'series-cancel'];
const STATES = [
  'requested',
  'pending_host',
  'confirmed',
  'reconfirming',
  'seeking_fallback',
  'unplaced',
  'awaiting_report',
  'cancelled',
  'held',
  'not_held',
  'closed_unreported',
];

/** Every bookings view with data that reaches each of its sentences: [name, view, data]. */
export const VIEWS: [string, string, object][] = [
  ['request', 'request', { tileUrl: 'https://tiles.test/{z}/{x}/{y}.png', languages: [] }],
  ...STATES.map((state): [string, string, object] => [`status ${state}`, 'booking-status', status(state)]),
  [
    'calendar host',
    'calendar-link',
    {
      owner: 'host',
      feedUrl: 'https://c.test/f.ics',
      webcalUrl: 'webcal://c.test/f.ics',
      renewAction: 'x/renew',
    },
  ],
  [
    'calendar organizer',
    'calendar-link',
    {
      owner: 'organizer',
      feedUrl: 'https://c.test/f.ics',
      webcalUrl: 'webcal://c.test/f.ics',
      renewAction: 'x/renew',
    },
  ],
  ['calendar renewed', 'calendar-link', { renewed: true }],
  [
    'open bookings',
    'open-bookings',
    {
      unplaced: [card('unplaced')],
      waiting: [card('requested'), card('pending_host'), card('seeking_fallback')],
      assigned: { title: 'Rust night', space: 'Kiez Hall' },
      cancelled: { title: 'Go meetup' },
    },
  ],
  ['open bookings, none', 'open-bookings', { unplaced: [], waiting: [] }],
  ['already booked', 'actions/already-booked', {}],
  ['offer booked meanwhile', 'actions/offer-booked-meanwhile', {}],
  ['language changed', 'language-changed', { series: 'yes', back: '/actions/v1.token?lang=de' }],
  ...ACTIONS.flatMap((name): [string, string, object][] => [
    [name, `actions/${name}`, booking],
    [
      `${name}, last date`,
      `actions/${name}`,
      { ...booking, later: [], currency: undefined, asked: undefined },
    ],
    [`${name}, done`, `actions/${name}`, { done: true }],
  ]),
  ...SERIES_ACTIONS.flatMap((name): [string, string, object][] => [
    [name, `actions/${name}`, series],
    [`${name}, refused`, `actions/${name}`, { ...series, refusal: 'none' }],
    [`${name}, done`, `actions/${name}`, { done: true, taken: 3, left: 1 }],
    [`${name}, done, every date`, `actions/${name}`, { done: true, taken: 4, left: 0 }],
  ]),
];

/** The words a person reads: the text between tags, and the attributes that are read out or shown. */
export function wordsOf(html: string): string {
  const attributes = [
    ...html.matchAll(/\b(?:placeholder|aria-label|title|content|data-label|data-sending)="([^"]*)"/g),
  ].map((match) => match[1]);
  const text = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ');
  return [...attributes, text].join(' ').replace(/\s+/g, ' ').trim();
}

function render(renderer: PageRenderer, view: string, data: object, lang: string): string {
  return renderer.render(view, data, lang);
}

describe.each(SUPPORTED_LOCALES)('the bookings pages in %s', (lang) => {
  it.each(VIEWS)('%s shows no catalogue key and no unfilled placeholder', (_name, view, data) => {
    const html = render(pages, view, data, lang);
    expect(html).not.toMatch(/bookings:/);
    expect(html).not.toMatch(
      /\{(?!(?:z|x|y|count|status|name|city|capacity|price|amenities|amount|currency|distance|zone|email|field|problem)\})[^}\s]*\}/,
    );
    expect(html).toContain(`lang="${lang}"`);
  });
});

describe('the bookings pages in a language other than English', () => {
  it.each(VIEWS)('%s says every sentence in that language', (_name, view, data) => {
    const english = wordsOf(render(pages, view, data, 'en'));
    for (const lang of SUPPORTED_LOCALES.filter((other) => other !== 'en')) {
      expect(wordsOf(render(pages, view, data, lang))).not.toEqual(english);
    }
  });
});

// DUMP_PAGES=<folder> writes each page's words, to compare the English with the views before the catalogue.
if (process.env.DUMP_PAGES) {
  const folder = process.env.DUMP_PAGES;
  const views = process.env.DUMP_VIEWS;
  const renderer = views
    ? new PageRenderer({ views: [views, shippedFolder(LINK_VIEWS)], assets: bookingsSite.assets })
    : pages;
  it('writes every page', () => {
    for (const [name, view, data] of VIEWS) {
      writeFileSync(
        path.join(folder, `${name}.txt`),
        wordsOf(render(renderer, view, data, process.env.DUMP_LANG ?? 'en')) + '\n',
      );
    }
  });
}
