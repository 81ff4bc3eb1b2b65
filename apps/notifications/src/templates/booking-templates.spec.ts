import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  BOOKING_MAIL_TEMPLATES,
  type BookingMailData,
  type BookingMailTemplate as BookingTemplate,
  type EmailAction,
} from '@cocomo/contracts';
import { MailRenderer, mailTemplatesFolder } from './mail-renderer';

const folder = mailTemplatesFolder();
const renderer = new MailRenderer(mailTemplatesFolder());

const button = (label: string): EmailAction => ({
  label,
  url: `https://cocomo.example.org/actions/${encodeURIComponent(label)}?token=t.1&b=2`,
});

/** The buttons each mail carries in the booking protocol. */
const buttons: Record<BookingTemplate, string[]> = {
  'booking-organizer-host-asked': ['Cancel the request'],
  'booking-organizer-host-declined': ['Cancel the request'],
  'booking-organizer-times-offered': ['Take time 1', 'Take time 2', 'Cancel the request'],
  'booking-organizer-offer-taken': ['Cancel the booking'],
  'booking-organizer-confirmed': ['Cancel the booking'],
  'booking-organizer-unplaced': [],
  'booking-organizer-late-denial': ['Cancel the request'],
  'booking-organizer-fallback-asked': ['Cancel the request'],
  'booking-organizer-reconfirmed': ['Cancel the booking'],
  'booking-organizer-cancelled': [],
  'booking-organizer-report-request': ['Report on the event'],
  'booking-host-request': ['Accept', 'Decline'],
  'booking-host-reminder': ['Accept', 'Decline'],
  'booking-host-confirmed': ['Withdraw'],
  'booking-host-reconfirm': ['Still on', "Can't host"],
  'booking-host-cancelled': [],
  'booking-host-withdrawn': [],
  'booking-host-released': [],
  'booking-host-offer-taken': ['Withdraw'],
  'booking-host-thanks': [],
  'booking-host-series-request': ['Accept all dates', 'Choose dates', 'Decline the series'],
  'booking-organizer-series-asked': ['Follow your request', 'Cancel the series'],
  'booking-organizer-series-confirmed': [],
  'booking-host-series-confirmed': [],
  'booking-operators-host-silent': [],
  'booking-operators-unplaced': [],
  'booking-operators-late-denial': [],
  'booking-operators-ranking-failed': [],
  'booking-operators-cancelled': [],
};

const full: BookingMailData = {
  recipientName: 'Asha',
  bookingId: 'b-0042',
  event: {
    title: 'Rust Meetup',
    community: 'Rust Pune',
    start: '2027-01-15T12:30:00Z',
    end: '2027-01-15T15:00:00Z',
    expectedAttendees: 30,
  },
  timeZone: 'Asia/Kolkata',
  space: { name: 'Pune Hackerspace', address: '12 FC Road', city: 'Pune', country: 'IN' },
  organizer: { name: 'Ravi', email: 'ravi@example.org' },
  note: 'The second floor, please',
  respondBy: '2027-01-10T20:00:00Z',
};
const { space: _space, note: _note, respondBy: _respondBy, ...bare } = full;

const START = 'Friday, January 15, 2027 at 6:00 PM GMT+5:30 (Asia/Kolkata)';
const END = 'Friday, January 15, 2027 at 8:30 PM GMT+5:30 (Asia/Kolkata)';
// In Pune it is already the next day.
const RESPOND_BY = 'Monday, January 11, 2027 at 1:30 AM GMT+5:30 (Asia/Kolkata)';

const render = (template: BookingTemplate, data: BookingMailData, labels = buttons[template]) =>
  renderer.render({ template, locale: 'en', data, actions: labels.map(button) });

it('every booking mail of the catalogue has English templates and its buttons are listed here', () => {
  expect(Object.keys(buttons).sort()).toEqual([...BOOKING_MAIL_TEMPLATES].sort());
});

it.each(BOOKING_MAIL_TEMPLATES)('%s has its subject, text and HTML files in templates/', (template) => {
  for (const part of ['subject', 'text', 'html']) {
    expect(existsSync(path.join(folder, `${template}.${part}.hbs`))).toBe(true);
  }
});

it('has no booking mail in templates/ that the catalogue does not name', () => {
  const files = readdirSync(folder).filter((file) => file.startsWith('booking-'));
  const named = new Set(files.map((file) => file.replace(/\.(subject|text|html)\.hbs$/, '')));
  expect([...named].sort()).toEqual([...BOOKING_MAIL_TEMPLATES].sort());
});

describe.each(BOOKING_MAIL_TEMPLATES)('%s', (template) => {
  it('names the event, its times in the given zone, the space, the note and the deadline', () => {
    const mail = render(template, full);
    expect(mail.subject).not.toBe('');
    expect(mail.subject).toContain('Rust Meetup');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('Hello Asha,');
      expect(part).toContain(START);
      expect(part).toContain(END);
      expect(part).toContain('Pune Hackerspace');
      expect(part).toContain('12 FC Road');
      expect(part).toContain('The second floor, please');
      expect(part).toContain('b-0042');
      expect(part).not.toMatch(/undefined|\[object Object\]|\{\{/);
    }
    // Every mail with buttons says until when they work; the others have no deadline to tell.
    if (buttons[template].length > 0) {
      expect(mail.text).toContain(RESPOND_BY);
      expect(mail.html).toContain(RESPOND_BY);
    }
  });

  it('reads well without a space, a note or a deadline', () => {
    const mail = render(template, bare);
    expect(mail.subject).not.toBe('');
    for (const part of [mail.subject, mail.text, mail.html]) {
      expect(part).not.toMatch(/undefined|\[object Object\]|\{\{|Space:/);
      expect(part).not.toContain(RESPOND_BY);
    }
    expect(mail.text).toContain(START);
    expect(mail.text).not.toMatch(/\n\n\n/);
  });

  it('shows its buttons in text and HTML', () => {
    const mail = render(template, full);
    for (const label of buttons[template]) {
      const { url } = button(label);
      expect(mail.text).toContain(`${label}:\n${url}`);
      const escapedUrl = url.replace(/&/g, '&amp;').replace(/=/g, '&#x3D;').replace(/'/g, '&#x27;');
      expect(mail.html).toContain(`href="${escapedUrl}"`);
      expect(mail.html).toContain(`>${label.replace(/'/g, '&#x27;')}</a>`);
    }
    // The text names the buttons it explains, so the reader knows which to press.
    for (const label of buttons[template].filter(
      (name) => !name.startsWith('Cancel') && !name.startsWith('Report'),
    )) {
      expect(mail.text).toContain(label);
    }
  });

  it('escapes a script in any value in HTML, and keeps it as written in the text', () => {
    const script = '<script>alert("x")</script>';
    const hostile: BookingMailData = {
      ...full,
      recipientName: script,
      event: { ...full.event, title: `${script} & Co`, community: script },
      space: { name: script, address: script, city: script, country: script },
      organizer: { name: script, email: script },
      note: script,
    };
    const mail = render(template, hostile);
    expect(mail.html).not.toMatch(/<script|<\/script/i);
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(mail.text).toContain(`${script} & Co`);
    expect(mail.subject).toContain(script);
  });
});

describe('what a host said when declining, and the times offered', () => {
  const offers = [
    { number: 1, start: '2027-01-16T12:30:00Z', end: '2027-01-16T15:00:00Z' },
    { number: 2, start: '2027-01-22T12:30:00Z', end: '2027-01-22T15:00:00Z' },
  ];

  it.each([
    ['closed', 'The host told us that the space is closed at that time.'],
    ['too_many_people', 'The host told us that the event is too big for the space.'],
    ['not_a_fit', 'The host told us that the event is not a fit for the space.'],
  ] as const)('tells the organizer the reason "%s" in words', (reason, words) => {
    for (const template of ['booking-organizer-host-declined', 'booking-organizer-times-offered'] as const) {
      const mail = render(template, { ...full, decline: { reason }, offers });
      expect(mail.text).toContain(words);
      expect(mail.html).toContain(words);
    }
  });

  it("quotes the host's own line for another reason, escaped in HTML", () => {
    const mail = render('booking-organizer-host-declined', {
      ...full,
      decline: { reason: 'other', note: 'Renovation <b>works</b>' },
    });
    expect(mail.text).toContain('The host told us why:\n\n  Renovation <b>works</b>');
    expect(mail.html).toContain('Renovation &lt;b&gt;works&lt;/b&gt;');
  });

  it('lists every date of a series in the space zone, saying which the space has booked already', () => {
    const series = {
      dates: [
        { start: '2027-01-15T12:30:00Z', end: '2027-01-15T15:00:00Z', clashes: false },
        { start: '2027-02-19T12:30:00Z', end: '2027-02-19T15:00:00Z', clashes: true },
      ],
    };
    for (const template of ['booking-host-series-request', 'booking-organizer-series-asked'] as const) {
      const mail = render(template, { ...full, series });
      for (const part of [mail.text, mail.html]) {
        expect(part).toContain(`${START} to ${END}`);
        expect(part).toMatch(
          /Friday, February 19, 2027 at 6:00 PM GMT\+5:30 \(Asia\/Kolkata\) to .*\(the space is booked then/,
        );
      }
    }
  });

  it('a series confirmed lists the dates held at the space, in its zone, and says the calendar entry is one', () => {
    const series = {
      dates: [
        { start: '2027-01-15T12:30:00Z', end: '2027-01-15T15:00:00Z', clashes: false },
        { start: '2027-02-19T12:30:00Z', end: '2027-02-19T15:00:00Z', clashes: false },
      ],
    };
    for (const template of ['booking-organizer-series-confirmed', 'booking-host-series-confirmed'] as const) {
      const mail = render(template, { ...full, series });
      expect(mail.subject).toMatch(/Rust Meetup .*series|series.*Rust Meetup at Pune Hackerspace/);
      for (const part of [mail.text, mail.html]) {
        expect(part).toContain(`${START} to ${END}`);
        expect(part).toContain('Friday, February 19, 2027 at 6:00 PM GMT+5:30 (Asia/Kolkata) to ');
        expect(part).toContain('holds the whole series as one event');
      }
    }
  });

  it('lists each offered time in the space zone beside the button that takes it', () => {
    const mail = render('booking-organizer-times-offered', { ...full, offers });
    expect(mail.text).toContain(
      'Time 1: from Saturday, January 16, 2027 at 6:00 PM GMT+5:30 (Asia/Kolkata) to Saturday, January 16, 2027 ' +
        'at 8:30 PM GMT+5:30 (Asia/Kolkata). To take it, press Take time 1 below.',
    );
    expect(mail.text).toContain('Time 2: from Friday, January 22, 2027 at 6:00 PM');
    expect(mail.html).toContain('press <strong>Take time 2</strong> below');
  });
});

describe("the host's thank-you", () => {
  const report = {
    attendance: 1200,
    newcomers: 35,
    ageGroups: { under18: 4, '18to24': 300, '65plus': 2 },
    marketCost: 6000,
    amountPaid: 500,
    saved: 5500,
    currency: 'INR',
  };

  it("gives the report's figures and what renting would have cost the community", () => {
    const mail = render('booking-host-thanks', { ...full, report });
    expect(mail.subject).toBe('Thank you for hosting Rust Meetup');
    expect(mail.text).toContain('People who came:      1,200\nNew to the community: 35');
    expect(mail.text).toContain('  Under 18: 4\n  18 to 24: 300\n  65 and over: 2\n');
    expect(mail.text).not.toContain('25 to 34');
    expect(mail.text).toContain(
      'Renting a space like yours for this event would have cost the community about ₹6,000. ' +
        'They paid ₹500, so your space saved them ₹5,500.',
    );
    expect(mail.html).toContain('<li>People who came: 1,200</li>');
    expect(mail.html).toContain('<li>18 to 24: 300</li>');
  });

  it('says a free event cost the community nothing, and leaves out ages nobody counted', () => {
    const mail = render('booking-host-thanks', {
      ...full,
      report: { ...report, ageGroups: {}, amountPaid: 0, saved: 6000, currency: 'EUR', marketCost: 612.5 },
    });
    expect(mail.text).toContain('would have cost the community about €612.50. They paid nothing for it.');
    expect(mail.text).not.toContain('Their ages');
  });

  it('leaves out the cost of a space without a market rate', () => {
    const mail = render('booking-host-thanks', {
      ...full,
      report: { ...report, marketCost: null, saved: null, currency: null },
    });
    expect(mail.text).toContain('People who came:      1,200');
    expect(mail.text).not.toContain('Renting');
  });
});
