// A mail of every template with every part it can show filled in: for the guard that renders each of them in
// every locale.
import { BOOKING_MAIL_TEMPLATES, type EmailTemplates, type EmailTemplateId } from '@cocomo/contracts';

const manage = { url: 'https://cocomo.example.org/manage/t', expiresAt: '2027-03-01T00:00:00.000Z' };

const booking = {
  recipientName: 'Asha',
  bookingId: 'b-0042',
  event: {
    title: 'Rust Meetup',
    community: 'Rust Pune',
    start: '2027-01-15T12:30:00.000Z',
    end: '2027-01-15T15:00:00.000Z',
    expectedAttendees: 1200,
  },
  timeZone: 'Asia/Kolkata',
  space: { name: 'Pune Hackerspace', address: '12 FC Road', city: 'Pune', country: 'IN' },
  organizer: { name: 'Ravi', email: 'ravi@example.org' },
  note: 'The second floor, please',
  respondBy: '2027-01-10T20:00:00.000Z',
  decline: { reason: 'closed' as const },
  offers: [{ number: 1, start: '2027-01-16T12:30:00.000Z', end: '2027-01-16T15:00:00.000Z' }],
  report: {
    attendance: 1200,
    newcomers: 30,
    ageGroups: { '18to24': 300 },
    marketCost: 600,
    amountPaid: 50,
    saved: 550,
    currency: 'EUR',
  },
  manage,
  series: {
    dates: [{ start: '2027-01-15T12:30:00.000Z', end: '2027-01-15T15:00:00.000Z', clashes: true }],
  },
};

const space: { [T in Exclude<EmailTemplateId, (typeof BOOKING_MAIL_TEMPLATES)[number]>]: EmailTemplates[T] } =
  {
    'space-verify': {
      hostName: 'Asha',
      spaceName: 'Pune Hackerspace',
      city: 'Pune',
      country: 'IN',
      expiresAt: '2027-01-10T20:00:00.000Z',
    },
    'space-review-needed': {
      spaceId: 's-1',
      spaceName: 'Pune Hackerspace',
      kind: 'hackerspace',
      city: 'Pune',
      country: 'IN',
      capacity: 40,
      pricingModel: 'free',
      hostName: 'Asha',
      hostEmail: 'asha@example.org',
      reviewApiUrl: 'https://cocomo.example.org/api/spaces/docs',
    },
    'space-approved': {
      hostName: 'Asha',
      spaceName: 'Pune Hackerspace',
      mapUrl: 'https://cocomo.example.org/map',
      manage,
    },
    'space-summary': {
      hostName: 'Asha',
      spaceName: 'Pune Hackerspace',
      timeZone: 'Asia/Kolkata',
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-12-31T00:00:00.000Z',
      events: 12,
      attendance: 1200,
      newcomers: 40,
      marketCost: 9000,
      currency: 'INR',
      manage,
    },
    'space-manage-link': { hostName: 'Asha', spaceName: 'Pune Hackerspace', expiresAt: manage.expiresAt },
    'space-hand-over': {
      newHostName: 'Meera',
      spaceName: 'Pune Hackerspace',
      currentHostName: 'Asha',
      currentHostEmail: 'asha@example.org',
      expiresAt: manage.expiresAt,
    },
    'space-changed': {
      hostName: 'Asha',
      spaceName: 'Pune Hackerspace',
      what: 'change_rejected',
      changes: [{ field: 'capacity', value: '60' }],
      by: 'Asha',
      reason: 'The room holds 40',
      manage,
    },
    'space-rejected': { hostName: 'Asha', spaceName: 'Pune Hackerspace', reason: 'Not a real place' },
    'personal-data-link': { expiresAt: manage.expiresAt },
    'calendar-renewed': { whose: 'host', calendarUrl: 'https://cocomo.example.org/calendars/t' },
  };

/** Every template with its sample data. */
export const MAIL_SAMPLES: [EmailTemplateId, Record<string, unknown>][] = [
  ...BOOKING_MAIL_TEMPLATES.map((template): [EmailTemplateId, Record<string, unknown>] => [
    template,
    booking,
  ]),
  ...Object.entries(space).map(([template, data]): [EmailTemplateId, Record<string, unknown>] => [
    template as EmailTemplateId,
    data as Record<string, unknown>,
  ]),
];
