// Dates a bookings page posts back must parse back, whatever language and digits the page is written in. The
// pages write dates for people in the page's language (Hindi's, and Devanagari digits for `hi-IN-u-nu-deva`),
// but no form posts a date it wrote as text: every date a form sends is a value in ISO 8601 with ASCII digits —
// a native date or time input's value (whatever it shows, a browser posts YYYY-MM-DDTHH:mm), a date typed back
// into one as it was sent, or a series' date as a box's value. So the test reads every value a page's forms
// hold, in every language, and parses each back to the moment meant, in the space's zone.
import { DateTime } from 'luxon';
import { SUPPORTED_LOCALES } from '@cocomo/i18n';
import { rendererFor } from '@cocomo/web';
import { parseDecline } from './answers/decline-form';
import { bookingsSite } from './bookings-site';
import { offerRows } from './actions/link-forms';

const pages = rendererFor(bookingsSite);
const ZONE = 'Asia/Kolkata';
const start = new Date('2027-03-09T13:30:00Z'); // 19:00 in Pune
const end = new Date('2027-03-09T16:30:00Z');
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/;
const DEVANAGARI_DIGIT = /[\u0966-\u096F]/;

/** Every value an input of the page's forms holds, by its name. */
const valuesOf = (html: string) =>
  Object.fromEntries(
    [...html.matchAll(/<input\b[^>]*\bname="([^"]+)"[^>]*\bvalue="([^"]*)"/g)].map((match) => [
      match[1],
      match[2],
    ]),
  );

const LANGUAGES = [...SUPPORTED_LOCALES, 'hi-IN-u-nu-deva'];

describe.each(LANGUAGES)('dates posted back from a page in %s', (lang) => {
  it('a declining host’s other times, shown again after a refusal, parse back to the moments typed', () => {
    // The host typed three times; one was refused, so the page shows the form again with what was typed.
    const typed = {
      reason: 'closed',
      note: '',
      offer1Start: '2027-03-16T19:00',
      offer1End: '2027-03-16T22:00',
      offer2Start: '2027-03-23T19:00',
      offer2End: '2027-03-23T22:00',
    };
    const html = pages.render(
      'actions/host-decline',
      { start, end, timezone: ZONE, form: typed, problems: [], problemOf: {}, offerRows: offerRows(typed) },
      lang,
    );
    const posted = valuesOf(html);
    for (const field of ['offer1Start', 'offer1End', 'offer2Start', 'offer2End']) {
      expect(posted[field]).toMatch(ISO);
      expect(posted[field]).not.toMatch(DEVANAGARI_DIGIT);
    }
    const offered = Object.fromEntries(Object.entries(posted).filter(([name]) => name.startsWith('offer')));
    const parsed = parseDecline(
      { ...typed, ...offered },
      { start, end, timezone: ZONE },
      new Date('2027-03-01T00:00:00Z'),
    );
    expect(parsed).toMatchObject({
      decline: {
        offers: [
          { start: DateTime.fromISO('2027-03-16T19:00', { zone: ZONE }).toJSDate() },
          { start: DateTime.fromISO('2027-03-23T19:00', { zone: ZONE }).toJSDate() },
        ],
      },
    });
  });

  it('the dates a host ticks of a series are the series’ own dates, not their words', () => {
    const dates = ['2027-03-09', '2027-03-16'].map((date, index) => ({
      date,
      start: new Date(start.getTime() + index * 7 * 86_400_000),
      end: new Date(end.getTime() + index * 7 * 86_400_000),
      open: true,
      clashes: false,
      takeable: true,
      checked: true,
    }));
    const html = pages.render(
      'actions/series-choose',
      { timezone: ZONE, dates, formAction: '/actions/series/v1.token', needs: [] },
      lang,
    );
    const ticked = [...html.matchAll(/<input type="checkbox" name="dates" value="([^"]*)"/g)].map(
      (m) => m[1],
    );
    expect(ticked).toEqual(['2027-03-09', '2027-03-16']);
    // The words beside each box are the page's own: in Hindi with Devanagari digits when it asks for them.
    if (lang === 'hi-IN-u-nu-deva') expect(html).toMatch(DEVANAGARI_DIGIT);
  });

  it('the request form holds no date in words: its date inputs are native, and its example is ISO', () => {
    const html = pages.render(
      'request',
      { tileUrl: 'https://tiles.test/{z}/{x}/{y}.png', languages: [] },
      lang,
    );
    const inputs = [...html.matchAll(/<input\b[^>]*>/g)].map((match) => match[0]);
    const dated = inputs.filter((input) => /name="(event\.start|event\.end|repeatUntil)"/.test(input));
    expect(dated.map((input) => /type="([^"]+)"/.exec(input)?.[1])).toEqual([
      'datetime-local',
      'datetime-local',
      'date',
    ]);
    // No input starts with a date value the page wrote: the script reads the values as the browser gives them.
    for (const input of inputs)
      expect(/value="([^"]*)"/.exec(input)?.[1] ?? '').not.toMatch(DEVANAGARI_DIGIT);
    expect(html).toContain('2027-12-28');
  });
});
