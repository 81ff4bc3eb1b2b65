// The public profile of a space: what it offers and the events it has hosted, so that a space is recognised for
// the communities it welcomed. Server-rendered, no script; every user-written text is escaped.
import type { Space } from '../spaces/space.entity';
import { pricingOf } from '../spaces/space-view';
import { escapeHtml } from '@cocomo/platform';
import { MAP_ASSETS_PATH } from '../map/map-assets';
import type { HostedEvents } from './hosted-events.service';

const KIND_LABELS: Record<string, string> = {
  college: 'College',
  company: 'Company',
  hackerspace: 'Hackerspace',
  community: 'Community space',
  other: 'Space',
};
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const number = new Intl.NumberFormat('en');

function priceOf(space: Space): string {
  const pricing = pricingOf(space);
  return pricing.model === 'free' ? 'Free' : `${pricing.amount} ${pricing.currency} per ${pricing.per}`;
}

function dayOf(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone }).format(new Date(iso));
}

const plural = (count: number, one: string, many: string) =>
  `${number.format(count)} ${count === 1 ? one : many}`;

function hostedSection(space: Space, hosted: HostedEvents): string {
  if (hosted.events === 0) {
    return `<p class="profile-summary">No events reported here yet. After an event booked through CoCoMo, its
      organizer's report puts it on this page.</p>`;
  }
  const rows = hosted.items
    .map(
      (event) => `<tr>
        <td>${escapeHtml(dayOf(event.eventStart, space.timezone))}</td>
        <td>${event.title === null ? '<span class="untitled">untitled</span>' : escapeHtml(event.title)}</td>
        <td>${escapeHtml(event.community)}</td>
        <td class="number">${number.format(event.attendance)}</td>
        <td class="number">${number.format(event.newcomers)}</td>
      </tr>`,
    )
    .join('');
  const shown =
    hosted.items.length < hosted.events
      ? `<p class="profile-note">The latest ${hosted.items.length} are listed.</p>`
      : '';
  return `<p class="profile-summary">${plural(hosted.events, 'event', 'events')} for
      ${plural(hosted.attendance, 'person', 'people')}, ${plural(hosted.newcomers, 'newcomer', 'newcomers')}
      among them.</p>
    <table class="hosted-events">
      <thead><tr><th scope="col">Date</th><th scope="col">Event</th><th scope="col">Community</th><th scope="col">People</th>
        <th scope="col">Newcomers</th></tr></thead>
      <tbody>${rows}</tbody>
    </table>${shown}`;
}

export function profilePage(space: Space, hosted: HostedEvents): string {
  const assets = MAP_ASSETS_PATH;
  const place = `${space.city}, ${regionNames.of(space.country) ?? space.country}`;
  const name = escapeHtml(space.name);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${name} — CoCoMo</title>
<link rel="icon" href="${assets}/cocomo-logo.svg" type="image/svg+xml">
<link rel="stylesheet" href="${assets}/map.css">
</head>
<body class="profile">
<header class="masthead">
  <img class="logo" src="${assets}/cocomo-logo.svg" alt="" width="44" height="44">
  <div>
    <h1>${name}</h1>
    <p>${escapeHtml(KIND_LABELS[space.kind] ?? 'Space')} in ${escapeHtml(place)}, hosting free and open source
      software events.</p>
  </div>
</header>
<main class="profile-main">
  <p class="profile-description">${escapeHtml(space.description)}</p>
  <dl class="space-facts">
    <dt>Address</dt><dd>${escapeHtml(space.address)}, ${escapeHtml(place)}</dd>
    <dt>Capacity</dt><dd>${plural(space.capacity, 'person', 'people')}</dd>
    <dt>Amenities</dt><dd>${escapeHtml(space.amenities.join(', ') || 'none listed')}</dd>
    <dt>Price</dt><dd>${escapeHtml(priceOf(space))}</dd>
  </dl>
  <section aria-labelledby="hosted-heading">
    <h2 id="hosted-heading">Events hosted here</h2>
    ${hostedSection(space, hosted)}
  </section>
  <p class="profile-links"><a class="ask" href="/request?space=${encodeURIComponent(space.id)}">Ask for this space</a>
    <a href="/map#space=${encodeURIComponent(space.id)}">See it on the map</a></p>
</main>
</body>
</html>`;
}
