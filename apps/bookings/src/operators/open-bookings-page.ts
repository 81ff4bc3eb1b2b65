// The operators' page of bookings that have no space yet: first those for which no space was found (the
// operators were mailed), then those still waiting for a host. Each can be given a space by hand — its id, or
// the address of its profile — or be cancelled with a reason the organizer and any asked host are told.
// Server-rendered without script; every user-written text is escaped.
import { escapeHtml, noticeHtml, type PageNotice } from '@cocomo/platform';
import type { Booking } from '../bookings/booking.entity';
import type { BookingState } from '../machine/booking-machine';
import { REQUEST_ASSETS_PATH } from '../requests/request-assets';

const STATE_LABELS: Partial<Record<BookingState, string>> = {
  unplaced: 'No space found',
  requested: 'Waiting for the directory to rank spaces',
  pending_host: 'Waiting for a host to answer',
  seeking_fallback: 'Looking for another space after a late denial',
};

export interface OpenBookingsState {
  unplaced: Booking[];
  waiting: Booking[];
  notice?: PageNotice;
  /** A form that was refused, shown again with the problem beside its field. */
  refused?: { bookingId: string; field: 'space' | 'reason'; value: string; problem: string };
}

/** When the event is, in the zone of the spaces it was meant for, or UTC when no space was found. */
function whenOf(booking: Booking): string {
  const timeZone = Object.values(booking.spaceSnapshots)[0]?.timezone ?? 'UTC';
  const format = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone });
  return `${format.formatRange(booking.start, booking.end)} (${timeZone})`;
}

/** The spaces the directory proposed, and which of them are asked now. */
function spacesOf(booking: Booking): string {
  const known = Object.values(booking.spaceSnapshots).map((space) => space.name);
  if (known.length === 0) return 'none found';
  const asking = booking.asked.map((ask) => booking.spaceSnapshots[ask.spaceId]?.name ?? ask.spaceId);
  return `${known.join(', ')}${asking.length ? ` — asked now: ${asking.join(', ')}` : ''}`;
}

function field(state: OpenBookingsState, booking: Booking, name: 'space' | 'reason') {
  const refused =
    state.refused?.bookingId === booking.id && state.refused.field === name ? state.refused : undefined;
  return {
    problem: refused ? ` <span class="field-problem">${escapeHtml(refused.problem)}</span>` : '',
    invalid: refused ? ' aria-invalid="true"' : '',
    value: escapeHtml(refused?.value ?? ''),
  };
}

function card(booking: Booking, state: OpenBookingsState): string {
  const id = escapeHtml(booking.id);
  const space = field(state, booking, 'space');
  const reason = field(state, booking, 'reason');
  const email = escapeHtml(booking.organizerEmail);
  return `<article class="booking-card" aria-labelledby="booking-${id}">
    <h2 id="booking-${id}">${escapeHtml(booking.title)}</h2>
    <p class="booking-state">${escapeHtml(STATE_LABELS[booking.state] ?? booking.state)} · ${escapeHtml(booking.community)}</p>
    <dl class="booking-facts">
      <dt>When</dt><dd>${escapeHtml(whenOf(booking))}</dd>
      <dt>People</dt><dd>about ${booking.expectedAttendees}</dd>
      <dt>Needs</dt><dd>${escapeHtml(booking.needs.join(', ') || 'nothing named')}</dd>
      <dt>Spaces</dt><dd>${escapeHtml(spacesOf(booking))}</dd>
      <dt>Organizer</dt><dd>${escapeHtml(booking.organizerName)}, <a href="mailto:${email}">${email}</a></dd>
      <dt>Booking</dt><dd><code>${id}</code></dd>
    </dl>
    <div class="booking-actions">
      <form method="post" action="/bookings/${id}/assign">
        <label>Give it a space: its id, or the address of its profile on the map${space.problem}
          <input name="space" required placeholder="https://…/map/spaces/…"${space.invalid} value="${space.value}">
        </label>
        <button type="submit">Assign</button>
      </form>
      <form method="post" action="/bookings/${id}/cancel">
        <label>Or cancel it, with a reason for the organizer${reason.problem}
          <textarea name="reason" maxlength="2000" rows="2" required${reason.invalid}>${reason.value}</textarea>
        </label>
        <button type="submit" class="secondary">Cancel the booking</button>
      </form>
    </div>
  </article>`;
}

function section(title: string, empty: string, bookings: Booking[], state: OpenBookingsState): string {
  return `<section>
    <h2 class="section-title">${escapeHtml(title)} (${bookings.length})</h2>
    ${bookings.length ? bookings.map((booking) => card(booking, state)).join('\n') : `<p class="hint">${escapeHtml(empty)}</p>`}
  </section>`;
}

export function openBookingsPage(state: OpenBookingsState): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bookings without a space — CoCoMo operators</title>
<link rel="stylesheet" href="${REQUEST_ASSETS_PATH}/bookings.css">
</head>
<body>
<header class="masthead">
  <h1>Bookings without a space</h1>
  <p>Requests no host has taken yet, soonest event first. Assigning a space confirms the booking with it and tells
    the organizer and the host; cancelling tells the organizer your reason.</p>
</header>
<main>
  ${noticeHtml(state.notice)}
  ${section('No space found', 'No booking is without a space.', state.unplaced, state)}
  ${section('Still waiting', 'No booking is waiting for a host.', state.waiting, state)}
</main>
</body>
</html>`;
}
