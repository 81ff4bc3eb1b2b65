import { BOOKING_MAIL_TEMPLATES, type BookingMailData, type EmailAction } from '@cocomo/contracts';
import { MailRenderer } from './mail-renderer';
import { findTemplatesFolder } from './templates-folder';

const renderer = new MailRenderer(findTemplatesFolder());
type BookingTemplate = (typeof BOOKING_MAIL_TEMPLATES)[number];

const button = (label: string): EmailAction => ({
  label,
  url: `https://cocomo.example.org/actions/${encodeURIComponent(label)}?token=t.1&b=2`,
});

/** The buttons each mail carries in the booking protocol. */
const buttons: Record<BookingTemplate, string[]> = {
  'booking-organizer-host-asked': ['Cancel the request'],
  'booking-organizer-host-declined': ['Cancel the request'],
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
  'booking-host-released': [],
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
