import Handlebars from 'handlebars';
import { anyCounted, count, dateTime, eq, money } from './template-helpers';

const handlebars = Handlebars.create();
handlebars.registerHelper('dateTime', dateTime);
const render = (source: string, context: object, locale = 'en') =>
  handlebars.compile(source, { strict: true })(context, { data: { locale } });

describe('dateTime', () => {
  it.each([
    ['without a zone, in UTC as before', '{{dateTime at}}', 'en', 'Friday, January 15, 2027 at 12:30 PM UTC'],
    ['in UTC, named once', '{{dateTime at "UTC"}}', 'en', 'Friday, January 15, 2027 at 12:30 PM UTC'],
    [
      'in the given zone, with its offset and name',
      '{{dateTime at "Europe/Berlin"}}',
      'en',
      'Friday, January 15, 2027 at 1:30 PM GMT+1 (Europe/Berlin)',
    ],
    [
      'with a half-hour offset',
      '{{dateTime at "Asia/Kolkata"}}',
      'en',
      'Friday, January 15, 2027 at 6:00 PM GMT+5:30 (Asia/Kolkata)',
    ],
    [
      'with daylight saving time where the zone has it',
      '{{dateTime summer "America/New_York"}}',
      'en',
      'Thursday, July 15, 2027 at 8:30 AM EDT (America/New_York)',
    ],
    [
      'in the mail’s language',
      '{{dateTime at "Europe/Berlin"}}',
      'de',
      'Freitag, 15. Januar 2027 um 13:30 MEZ (Europe/Berlin)',
    ],
    [
      'from a field of the data',
      '{{dateTime at zone}}',
      'en',
      'Friday, January 15, 2027 at 9:30 AM GMT-3 (America/Sao_Paulo)',
    ],
  ])('shows a moment %s', (_rule, source, locale, shown) => {
    const context = { at: '2027-01-15T12:30:00Z', summer: '2027-07-15T12:30:00Z', zone: 'America/Sao_Paulo' };
    expect(render(source, context, locale)).toBe(shown);
  });

  it.each([
    ['{{dateTime "soon"}}', /"soon" is not a date/],
    ['{{dateTime "2027-01-15T12:30:00Z" "Mars/Olympus"}}', /"Mars\/Olympus" is not a time zone/],
  ])('refuses %s', (source, error) => expect(() => render(source, {})).toThrow(error));
});

describe('the helpers for figures', () => {
  const figures = Handlebars.create();
  figures.registerHelper({ anyCounted, count, eq, money });
  const show = (source: string, context: object, locale = 'en') =>
    figures.compile(source, { strict: true })(context, { data: { locale } });

  it.each([
    ['a count in the mail’s language', '{{count n}}', { n: 1200 }, 'en', '1,200'],
    ['a count in German', '{{count n}}', { n: 1200 }, 'de', '1.200'],
    ['a whole amount without cents', '{{money n c}}', { n: 600, c: 'EUR' }, 'en', '€600'],
    ['an amount with cents', '{{money n c}}', { n: 612.5, c: 'EUR' }, 'en', '€612.50'],
    ['an amount in German', '{{money n c}}', { n: 6000, c: 'INR' }, 'de', '6.000\u00a0₹'],
    ['a choice by value', '{{#if (eq r "closed")}}yes{{else}}no{{/if}}', { r: 'closed' }, 'en', 'yes'],
    [
      'counts with one above 0',
      '{{#if (anyCounted a)}}yes{{else}}no{{/if}}',
      { a: { x: 0, y: 2 } },
      'en',
      'yes',
    ],
    ['counts all 0', '{{#if (anyCounted a)}}yes{{else}}no{{/if}}', { a: { x: 0 } }, 'en', 'no'],
  ])('%s', (_case, source, context, locale, shown) => {
    expect(show(source, context, locale)).toBe(shown);
  });
});
