// The page where an organizer asks for a space: the design's "web form" for organizers. Reached from a space on
// the map or its profile (/request?space=<id>), it asks that space first; without one (/request), any suitable
// space near a place picked on a small map. Its script, request.js, reads the space from the directory's public
// API, takes the times in the space's time zone (or the visitor's), sends the form to POST /api/bookings as JSON,
// and shows the answer: the problems beside their fields, or who was asked and where the mails will go.
import { escapeHtml } from '@cocomo/platform';
import { REQUEST_ASSETS_PATH } from './request-assets';

/** The place for a field's problem, inside its label so that it is read with the field; request.js fills it. */
const problemFor = (field: string) =>
  `<span class="field-problem" data-problem-for="${field}" hidden></span>`;

export function requestPage(options: { tileUrl: string }): string {
  const assets = REQUEST_ASSETS_PATH;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="Ask for a space for your free and open source software event.">
<title>Ask for a space — CoCoMo</title>
<link rel="stylesheet" href="/map/assets/leaflet/leaflet.css">
<link rel="stylesheet" href="${assets}/bookings.css">
<!-- The directory serves Leaflet for its map; the router puts both services on this site. -->
<script src="/map/assets/leaflet/leaflet.js" defer></script>
<script src="${assets}/request.js" defer></script>
</head>
<body data-tile-url="${escapeHtml(options.tileUrl)}">
<header class="masthead">
  <h1>Ask for a space</h1>
  <p>For a free and open source software meetup, workshop or sprint. We ask the space's host for you and tell
    you by mail at every step; there is no account to make. Spaces are on <a href="/map">the map</a>.</p>
</header>
<main>
  <p id="loading" role="status">Reading the space…</p>
  <div id="no-space" class="problem" role="alert" hidden>
    <p id="no-space-text"></p>
    <p><a href="/map">Choose a space on the map</a>: each one has "Ask for this space".</p>
  </div>
  <section id="space" class="space" aria-labelledby="space-name" hidden>
    <h2 id="space-name"></h2>
    <p id="space-facts"></p>
  </section>
  <section id="near-intro" class="space" hidden>
    <h2>Any suitable space near a place</h2>
    <p>Pick the place below: we ask the best-suited space near it, then the others one after the other, until one
      accepts. To ask a particular space, <a href="/map">choose it on the map</a>.</p>
  </section>
  <div id="problems" class="problem" role="alert" tabindex="-1" hidden>
    <p id="problems-intro"></p>
    <ul id="problem-list"></ul>
  </div>
  <div id="done" class="done" role="status" tabindex="-1" hidden>
    <h2>Asked</h2>
    <p id="done-text"></p>
  </div>
  <form id="request" novalidate hidden>
    <fieldset>
      <legend>Your event</legend>
      <label>Title ${problemFor('event.title')}
        <input name="event.title" maxlength="200" required>
      </label>
      <label>What happens <small>for the host: the programme, who comes, anything the room needs</small>
        ${problemFor('event.description')}
        <textarea name="event.description" maxlength="4000" rows="4"></textarea>
      </label>
      <div class="pair">
        <label>Starts ${problemFor('event.start')}
          <input name="event.start" type="datetime-local" data-type="moment" required>
        </label>
        <label>Ends ${problemFor('event.end')}
          <input name="event.end" type="datetime-local" data-type="moment" required>
        </label>
      </div>
      <p class="hint" id="zone-hint"></p>
      <label>How many people do you expect? ${problemFor('event.expectedAttendees')}
        <input name="event.expectedAttendees" type="number" min="1" step="1" inputmode="numeric"
          data-type="number" required>
      </label>
      <fieldset class="choices">
        <legend>What do you need? ${problemFor('event.needs')}</legend>
        <div id="needs"></div>
        <label>Others, separated by commas
          <input name="otherNeeds" maxlength="600" placeholder="e.g. microphone, whiteboard">
        </label>
      </fieldset>
    </fieldset>

    <fieldset>
      <legend>You</legend>
      <label>Your name ${problemFor('organizer.name')}
        <input name="organizer.name" maxlength="120" required autocomplete="name">
      </label>
      <label>Your email <small>every step reaches you here, with links to follow or cancel</small>
        ${problemFor('organizer.email')}
        <input name="organizer.email" type="email" maxlength="320" required autocomplete="email">
      </label>
      <label>Your community <small>e.g. "Berlin Rust"; the spaces it used before are asked first next time</small>
        ${problemFor('organizer.community')}
        <input name="organizer.community" maxlength="120" required>
      </label>
    </fieldset>

    <fieldset id="where" hidden>
      <legend>Where</legend>
      <p class="hint" id="pick-hint">Click the map where the event should be, or type the coordinates.</p>
      <div id="pick-map" class="pick-map" aria-describedby="pick-hint"></div>
      <div class="pair">
        <label>Latitude ${problemFor('near.latitude')}
          <input name="nearLatitude" type="number" min="-90" max="90" step="any" required>
        </label>
        <label>Longitude ${problemFor('near.longitude')}
          <input name="nearLongitude" type="number" min="-180" max="180" step="any" required>
        </label>
      </div>
      <label>Within how many kilometres? ${problemFor('near.radiusKm')}
        <input name="nearRadiusKm" type="number" min="1" max="500" step="any" value="10" inputmode="decimal">
      </label>
    </fieldset>

    <fieldset id="fallback" hidden>
      <legend>If this space cannot host you</legend>
      <label class="choice">${problemFor('near')}
        <input type="checkbox" name="askNearby" checked>
        Ask other suitable spaces nearby, one after the other, until one accepts.</label>
      <label>Within how many kilometres? ${problemFor('near.radiusKm')}
        <input name="radiusKm" type="number" min="1" max="500" step="any" value="10" inputmode="decimal">
      </label>
    </fieldset>
    ${problemFor('spaceId')}
    <div class="actions">
      <button type="submit">Ask for the space</button>
    </div>
  </form>
</main>
<noscript><p class="problem">This form needs JavaScript. The same can be sent as JSON to
  <a href="/api/bookings/docs">POST /api/bookings</a>.</p></noscript>
</body>
</html>`;
}
