// The operators' review page: every space whose host has confirmed their address and that waits for a decision,
// oldest first, with what an operator needs to judge it and two forms — approve, or reject with a reason the
// host is told. Server-rendered without script; every user-written text is escaped.
import type { Space } from '../spaces/space.entity';
import { marketRateOf, pricingOf } from '../spaces/space-view';
import { escapeHtml, noticeHtml, type PageNotice } from '@cocomo/platform';
import { MAP_ASSETS_PATH } from '../map/map-assets';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

export interface ReviewPageState {
  waiting: Space[];
  /** Spaces whose hosts have not yet confirmed their address. */
  unverified: number;
  /** What the last action did, or why it could not. */
  notice?: PageNotice;
  /** A reason that was refused, shown again beside its form. */
  refusedReason?: { spaceId: string; reason: string; problem: string };
}

function priceOf(space: Space): string {
  const pricing = pricingOf(space);
  return pricing.model === 'free' ? 'Free' : `${pricing.amount} ${pricing.currency} per ${pricing.per}`;
}

function marketRateText(space: Space): string {
  const rate = marketRateOf(space);
  return rate ? `${rate.amount} ${rate.currency} per ${rate.per}` : 'not given';
}

function card(space: Space, state: ReviewPageState): string {
  const id = escapeHtml(space.id);
  const refused = state.refusedReason?.spaceId === space.id ? state.refusedReason : undefined;
  const osm = `https://www.openstreetmap.org/?mlat=${space.latitude}&mlon=${space.longitude}#map=17/${space.latitude}/${space.longitude}`;
  return `<article class="review-card" aria-labelledby="space-${id}">
    <h2 id="space-${id}">${escapeHtml(space.name)}</h2>
    <p class="review-place">${escapeHtml(space.kind)} in ${escapeHtml(space.city)},
      ${escapeHtml(regionNames.of(space.country) ?? space.country)} · registered ${escapeHtml(day.format(space.createdAt))}</p>
    <p class="profile-description">${escapeHtml(space.description || '(no description)')}</p>
    <dl class="space-facts">
      <dt>Address</dt><dd>${escapeHtml(space.address)} (<a href="${escapeHtml(osm)}" rel="noreferrer">on OpenStreetMap</a>)</dd>
      <dt>Time zone</dt><dd>${escapeHtml(space.timezone)}</dd>
      <dt>Capacity</dt><dd>${space.capacity} people</dd>
      <dt>Amenities</dt><dd>${escapeHtml(space.amenities.join(', '))}</dd>
      <dt>Price</dt><dd>${escapeHtml(priceOf(space))}</dd>
      <dt>Market rate</dt><dd>${escapeHtml(marketRateText(space))}</dd>
      <dt>Host</dt><dd>${escapeHtml(space.hostName)},
        <a href="mailto:${escapeHtml(encodeURIComponent(space.hostEmail).replace(/%40/g, '@'))}">${escapeHtml(space.hostEmail)}</a></dd>
    </dl>
    <div class="review-actions">
      <form method="post" action="/review/${id}/approve">
        <button type="submit">Approve: put it on the map</button>
      </form>
      <form method="post" action="/review/${id}/reject" class="reject">
        <label>Reason for the host${
          refused ? ` <span class="field-problem">${escapeHtml(refused.problem)}</span>` : ''
        }
          <textarea name="reason" maxlength="2000" rows="2" required${refused ? ' aria-invalid="true"' : ''}>${escapeHtml(refused?.reason ?? '')}</textarea>
        </label>
        <button type="submit" class="secondary">Reject</button>
      </form>
    </div>
  </article>`;
}

export function reviewPage(state: ReviewPageState): string {
  const assets = MAP_ASSETS_PATH;
  const count = state.waiting.length;
  const summary =
    count === 0
      ? 'No space waits for review.'
      : `${count} ${count === 1 ? 'space waits' : 'spaces wait'} for review, oldest first.`;
  const unverified =
    state.unverified > 0
      ? ` ${state.unverified} more ${state.unverified === 1 ? 'waits' : 'wait'} for the host to confirm their address.`
      : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Spaces to review — CoCoMo operators</title>
<link rel="icon" href="${assets}/cocomo-logo.svg" type="image/svg+xml">
<link rel="stylesheet" href="${assets}/map.css">
</head>
<body class="profile">
<header class="masthead">
  <img class="logo" src="${assets}/cocomo-logo.svg" alt="" width="44" height="44">
  <div>
    <h1>Spaces to review</h1>
    <p>Check that each is a real place that welcomes FOSS events. Approving puts it on the map and tells its host;
      rejecting tells the host your reason.</p>
  </div>
</header>
<main class="profile-main">
  ${noticeHtml(state.notice)}
  <p class="profile-summary">${summary}${unverified}</p>
  ${state.waiting.map((space) => card(space, state)).join('\n')}
</main>
</body>
</html>`;
}
