// The HTML of the operators' dashboard: the filters, the seed's metrics for the period, the stuck bookings and
// the failed emails. Charts are drawn by dashboard.js from the public time-series API. Every text that came from
// outside (communities, addresses, reasons) is escaped.
import type { SeedMetrics } from '../projections/seed-metrics';
import type { StuckBooking } from '../projections/stuck-bookings';
import type { FailedEmail } from '../records/records.reader';
import { DASHBOARD_ASSETS_PATH } from './dashboard-assets';
import { escapeHtml } from '@cocomo/platform';

export interface DashboardView {
  filters: { from: string; to: string; country: string; interval: 'week' | 'month' };
  metrics: SeedMetrics;
  stuck: StuckBooking[];
  failedEmails: FailedEmail[];
}

const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 1000) / 10} %`);
const number = (value: number | null) => (value === null ? '—' : String(value));

function figures(m: SeedMetrics): [string, string][] {
  const money = Object.entries(m.moneySaved.byCurrency)
    .map(([currency, saved]) => `${saved.saved} ${currency}`)
    .join(', ');
  return [
    [
      'Registered spaces',
      `${m.registeredSpaces.total} (${m.registeredSpaces.free} free, ${m.registeredSpaces.paid} paid)`,
    ],
    ['Availability requests', String(m.availabilityRequests)],
    ['Events conducted', String(m.eventsConducted)],
    ['Conducted / requested', percent(m.conductedRatio.ratio)],
    ['Money saved', money || '—'],
    ['Same space as the previous event', percent(m.stability.repeatVenueShare)],
    ['Late venue changes', String(m.stability.lateVenueChanges)],
    ['Attendance (newcomers)', `${m.diversity.attendance} (${m.diversity.newcomers})`],
    ['Host response rate', percent(m.readiness.responseRate)],
    ['Median hours to answer', number(m.readiness.medianHoursToAnswer)],
    ['Acceptance rate', percent(m.readiness.acceptanceRate)],
    ['Late denials / rescues', `${m.protocols.lateDenials} / ${m.protocols.fallbackRescues}`],
    ['Escalations / unplaced', `${m.protocols.escalations} / ${m.protocols.unplaced}`],
    [
      'Cancellations (organizer / operator)',
      `${m.protocols.cancellations.organizer} / ${m.protocols.cancellations.operator}`,
    ],
    ['Events in free spaces', percent(m.freeShare.share)],
  ];
}

const CHARTS = [
  ['availabilityRequests,eventsConducted', 'Requests and events conducted'],
  ['conductedRatio,freeShare,repeatVenueShare', 'Conducted ratio, free share, same space as before'],
  ['attendance,newcomers', 'Attendance and newcomers'],
  ['hostResponseRate,acceptanceRate', 'Readiness of hosts'],
  ['lateDenials,fallbackRescues,escalations,unplaced,cancellations', 'Protocols at work'],
];

function stuckRows(stuck: StuckBooking[]): string {
  if (stuck.length === 0) return '<p class="none">No booking is stuck.</p>';
  const rows = stuck
    .map(
      (b) => `<tr><td>${escapeHtml(b.reason)}</td><td><code>${escapeHtml(b.bookingId)}</code></td>
<td>${escapeHtml(b.community)}</td><td>${escapeHtml(b.country ?? '—')}</td>
<td>${escapeHtml(b.eventStart)}</td><td>${escapeHtml(b.since)}</td></tr>`,
    )
    .join('\n');
  return `<table id="stuck-bookings"><thead><tr><th>Why</th><th>Booking</th><th>Community</th><th>Country</th>
<th>Event starts</th><th>Since</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function failedRows(failed: FailedEmail[]): string {
  if (failed.length === 0) return '<p class="none">No email has failed.</p>';
  const rows = failed
    .map(
      (mail) => `<tr><td>${escapeHtml(mail.failedAt)}</td><td>${escapeHtml(mail.to)}</td>
<td>${escapeHtml(mail.template)}</td><td>${mail.attempts}</td><td>${escapeHtml(mail.reason)}</td></tr>`,
    )
    .join('\n');
  return `<table id="failed-emails"><thead><tr><th>Failed at</th><th>To</th><th>Mail</th><th>Attempts</th>
<th>Reason</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function dashboardPage(view: DashboardView): string {
  const { filters } = view;
  const assets = DASHBOARD_ASSETS_PATH;
  const rows = figures(view.metrics)
    .map(
      ([label, value]) => `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
    )
    .join('\n');
  const charts = CHARTS.map(
    ([series, title]) =>
      `<figure><figcaption>${escapeHtml(title)}</figcaption><canvas data-series="${series}" role="img" aria-label="${escapeHtml(title)}"></canvas></figure>`,
  ).join('\n');
  const option = (value: string) =>
    `<option value="${value}"${filters.interval === value ? ' selected' : ''}>${value === 'week' ? 'Weeks' : 'Months'}</option>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dashboard · CoCoMo</title>
<link rel="stylesheet" href="${assets}/dashboard.css">
<script src="${assets}/chart.js/chart.umd.js" defer></script>
<script src="${assets}/dashboard.js" defer></script>
</head>
<body data-from="${escapeHtml(filters.from)}" data-to="${escapeHtml(filters.to)}" data-country="${escapeHtml(filters.country)}" data-interval="${filters.interval}">
<header>
  <h1>CoCoMo dashboard</h1>
  <nav><a href="/queues/">Queues</a> · <a href="/api/metrics/timeseries.csv?${escapeHtml(csvQuery(filters))}">Export CSV</a></nav>
</header>
<form id="filters" method="get" action="/dashboard">
  <label>From <input type="date" name="from" value="${escapeHtml(filters.from)}"></label>
  <label>To <input type="date" name="to" value="${escapeHtml(filters.to)}"></label>
  <label>Country <input type="text" name="country" value="${escapeHtml(filters.country)}" maxlength="2" pattern="[A-Za-z]{2}" placeholder="all"></label>
  <label>By <select name="interval">${option('week')}${option('month')}</select></label>
  <button type="submit">Show</button>
</form>
<section>
  <h2>The seed's metrics for the period</h2>
  <table id="figures">${rows}</table>
</section>
<section id="charts">
  <h2>Over time</h2>
  ${charts}
</section>
<section>
  <h2>Stuck bookings</h2>
  ${stuckRows(view.stuck)}
</section>
<section>
  <h2>Failed emails</h2>
  ${failedRows(view.failedEmails)}
</section>
</body>
</html>`;
}

function csvQuery(filters: DashboardView['filters']): string {
  const query = new URLSearchParams({ interval: filters.interval });
  if (filters.from) query.set('from', filters.from);
  if (filters.to) query.set('to', filters.to);
  if (filters.country) query.set('country', filters.country);
  return query.toString();
}
