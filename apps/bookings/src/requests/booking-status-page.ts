// What the organizer sees behind "Follow your request" in their mails, when a browser opens it: where the
// request stands in words, the event, the space, and every step so far. API clients get the same facts as JSON
// from the same address. Server-rendered without script; every user-written text is escaped.
import { escapeHtml } from '@cocomo/platform';
import type { BookingState } from '../machine/booking-machine';
import { REQUEST_ASSETS_PATH } from './request-assets';

export interface BookingStatus {
  state: BookingState;
  title: string;
  community: string;
  start: Date;
  end: Date;
  expectedAttendees: number;
  /** The space the event has ("Space") or is asking now ("Asked"); null while neither. */
  space: { label: 'Space' | 'Asked'; name: string; address: string; city: string } | null;
  /** The zone of the spaces it was meant for, which its times are shown in; UTC when no space was found. */
  timezone: string;
  history: { at: Date; to: string; cause: string }[];
}

const WHERE_IT_STANDS: Record<BookingState, string> = {
  requested: 'We are looking for spaces that fit your event.',
  pending_host: 'We have asked a host and are waiting for their answer. You hear from us at every step.',
  confirmed: 'Confirmed: the space expects you.',
  reconfirming: 'Confirmed; we are checking with the host that it is still on.',
  seeking_fallback: 'The host can no longer have you; we are asking other spaces.',
  unplaced: 'No space could take it. The operators have been told and may still find one.',
  awaiting_report: 'The event is over; we will ask you how it went.',
  cancelled: 'Cancelled.',
  held: 'Held, and reported. Thank you!',
  not_held: 'Reported as not held.',
  unreported: 'Closed without a report.',
};

export function bookingStatusPage(status: BookingStatus): string {
  const zone = status.timezone;
  const moment = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: zone,
  });
  const space = status.space
    ? `<dt>${status.space.label}</dt><dd>${escapeHtml(`${status.space.name}, ${status.space.address}, ${status.space.city}`)}</dd>`
    : '';
  const steps = status.history
    .map(
      (step) =>
        `<li><time datetime="${step.at.toISOString()}">${escapeHtml(moment.format(step.at))}</time> — ${escapeHtml(step.cause)}</li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(status.title)} — your request on CoCoMo</title>
<link rel="stylesheet" href="${REQUEST_ASSETS_PATH}/bookings.css">
</head>
<body>
<header class="masthead">
  <h1>${escapeHtml(status.title)}</h1>
  <p>Your request for a space, for ${escapeHtml(status.community)}.</p>
</header>
<main>
  <section class="space" aria-labelledby="where-it-stands">
    <h2 id="where-it-stands">${escapeHtml(WHERE_IT_STANDS[status.state])}</h2>
    <dl class="booking-facts">
      <dt>When</dt><dd>${escapeHtml(moment.formatRange(status.start, status.end))} (${escapeHtml(zone)})</dd>
      <dt>People</dt><dd>about ${status.expectedAttendees}</dd>
      ${space}
    </dl>
  </section>
  <section class="space" aria-labelledby="steps">
    <h2 id="steps">Every step so far</h2>
    <ol class="steps">${steps}</ol>
  </section>
</main>
</body>
</html>`;
}
