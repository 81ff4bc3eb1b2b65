import { rendererFor } from '@cocomo/web';
import { bookingsSite } from '../bookings-site';
import { BOOKING_ACTIONS } from '../workflow/booking-links';
import { offerRows } from './link-forms';

const pages = rendererFor(bookingsSite);
const HOSTILE = '<script>window.__pwned = 1</script>';
const booking = {
  organizer: 'Olga',
  community: HOSTILE,
  event: 'Rust night',
  space: 'Kreuzberg Hall',
  start: new Date('2027-03-10T17:00:00Z'),
  end: new Date('2027-03-10T20:00:00Z'),
  timezone: 'Europe/Berlin',
  expectedAttendees: 30,
  needs: ['wifi'],
  formAction: '/actions/v1.token',
  form: {},
  problems: [],
};
const h1Of = (html: string) => /<h1>([^<]*)<\/h1>/.exec(html)?.[1];

describe('the pages behind booking links', () => {
  it.each(Object.keys(BOOKING_ACTIONS))(
    '%s has a page with one button and a page after the press',
    (name) => {
      const page = pages.render(`actions/${name}`, booking);
      expect(page.match(/<h1>/g)).toHaveLength(1);
      expect(page.match(/name="choice" value="confirm"/g)).toHaveLength(1);
      expect(page).toContain('Wednesday, 10 March 2027 at 18:00 (Europe/Berlin)');
      expect(page).toContain('&lt;script&gt;window.__pwned &#x3D; 1&lt;/script&gt;');
      expect(page).not.toContain(HOSTILE);
      const done = pages.render(`actions/${name}`, { done: true });
      expect(h1Of(done)).toBeTruthy();
      expect(done).not.toContain('name="choice"');
    },
  );

  it('shows the report again with what was typed and what was wrong with it', () => {
    const page = pages.render('actions/organizer-report', {
      ...booking,
      currency: 'EUR',
      form: { held: 'yes', attendance: '12', newcomers: '20' },
      problems: ['Newcomers cannot be more than the people who came'],
      problemOf: { newcomers: 'Newcomers cannot be more than the people who came' },
    });
    expect(page).toMatch(/<input type="radio" name="held" value="yes" checked>/);
    expect(page).toMatch(/name="attendance"[^>]*value="12"/);
    expect(page).toContain('in EUR; 0 if it was free');
    expect(page).toMatch(/<li>Newcomers cannot be more than the people who came<\/li>/);
    expect(page).toMatch(/name="newcomers"[^>]*value="20" aria-invalid="true"/);
    expect(page).toMatch(/class="field-problem"[^>]*>Newcomers cannot be more than the people who came</);
    expect(page).not.toMatch(/name="attendance"[^>]*aria-invalid/);
  });

  it('asks a declining host why, and for other times in the space zone, all of it optional', () => {
    const page = pages.render('actions/host-decline', { ...booking, offerRows: offerRows({}) });
    expect(page).toMatch(/<input type="radio" name="reason" value="" checked> I would rather not say/);
    for (const reason of ['closed', 'too_many_people', 'not_a_fit', 'other']) {
      expect(page).toContain(`name="reason" value="${reason}">`);
    }
    expect(page).toContain('Times are in the space’s time zone, Europe/Berlin.');
    expect(page.match(/type="datetime-local"/g)).toHaveLength(6);
    expect(page).toContain('Time 3 ends');
  });

  it('shows a refused decline again with what was typed, each problem beside its field', () => {
    const form = {
      reason: 'other',
      note: '',
      offer2Start: '2027-03-10T19:00',
      offer2End: '2027-03-10T22:00',
    };
    const refused = {
      problems: ['Say in a few words why', 'Time 2 overlaps the time asked for'],
      problemOf: { note: 'Say in a few words why', offer2Start: 'Time 2 overlaps the time asked for' },
    };
    const page = pages.render('actions/host-decline', {
      ...booking,
      form,
      ...refused,
      offerRows: offerRows(form, refused),
    });
    expect(page).toMatch(/name="reason" value="other" checked>/);
    expect(page).toMatch(/<li>Time 2 overlaps the time asked for<\/li>/);
    expect(page).toMatch(
      /Time 2 starts\s*<span class="field-problem">Time 2 overlaps the time asked for<\/span>\s*<input type="datetime-local" name="offer2Start" value="2027-03-10T19:00" aria-invalid="true">/,
    );
    expect(page).toMatch(
      /<span class="field-problem">Say in a few words why<\/span>\s*<input type="text" name="note"/,
    );
    expect(page).toMatch(/name="offer2End" value="2027-03-10T22:00">/);
  });

  it('shows the organizer the time a host offered beside the one asked for', () => {
    const page = pages.render('actions/organizer-take-offer', {
      ...booking,
      start: new Date('2027-03-11T17:00:00Z'),
      end: new Date('2027-03-11T20:00:00Z'),
      asked: { start: booking.start, end: booking.end },
    });
    expect(page).toContain('Thursday, 11 March 2027 at 18:00 (Europe/Berlin)');
    expect(page).toContain('You asked for Wednesday, 10 March 2027 at 18:00. The host of Kreuzberg Hall');
  });
});
