// The HTML of the map page: the frame a person reads first (what CoCoMo is, the filters, the legend). The page's
// script, map.js, fills in pins, popups and the list with text nodes, never with HTML strings.
import countries from 'i18n-iso-countries';
import { escapeHtml } from '@cocomo/platform';
import { MAP_ASSETS_PATH } from './map-assets';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const countryOptions = Object.keys(countries.getAlpha2Codes())
  .map((code) => ({ code, name: regionNames.of(code) ?? code }))
  .sort((a, b) => a.name.localeCompare(b.name, 'en'))
  .map(({ code, name }) => `<option value="${code}">${escapeHtml(name)}</option>`)
  .join('');

export function mapPage(options: { tileUrl: string }): string {
  const assets = MAP_ASSETS_PATH;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="A map of spaces that host free and open source software events, free or at a fair price.">
<title>CoCoMo — spaces for FOSS events</title>
<link rel="icon" href="${assets}/cocomo-logo.svg" type="image/svg+xml">
<link rel="stylesheet" href="${assets}/leaflet/leaflet.css">
<link rel="stylesheet" href="${assets}/map.css">
<script src="${assets}/leaflet/leaflet.js" defer></script>
<script src="${assets}/map.js" defer></script>
</head>
<body data-tile-url="${escapeHtml(options.tileUrl)}">
<header class="masthead">
  <img class="logo" src="${assets}/cocomo-logo.svg" alt="" width="44" height="44">
  <div>
    <h1>CoCoMo <small>Connected Communities</small></h1>
    <p>Hackerspaces, colleges, companies and community rooms that host free and open source software
      events — for free or at a fair price. Find a room for your meetup, workshop or conference.</p>
  </div>
  <a class="masthead-action" href="/map/register">List your space</a>
</header>
<div class="layout">
  <details class="filters" open>
    <summary>Filter spaces</summary>
    <form id="filters" method="get" action="/map">
      <fieldset class="pricing">
        <legend>Price</legend>
        <label><input type="radio" name="pricing" value="" checked> Any</label>
        <label><input type="radio" name="pricing" value="free"> Free</label>
        <label><input type="radio" name="pricing" value="paid"> Paid</label>
      </fieldset>
      <label>Minimum capacity
        <input type="number" name="minCapacity" min="1" step="1" inputmode="numeric" placeholder="e.g. 50">
      </label>
      <label>Amenity
        <input type="text" name="amenities" list="amenity-names" maxlength="60" placeholder="e.g. projector">
      </label>
      <label>Country
        <select name="country"><option value="">Any country</option>${countryOptions}</select>
      </label>
      <label>Search
        <input type="search" name="q" maxlength="100" placeholder="Name, city or description">
      </label>
      <div class="actions">
        <button type="submit">Show spaces</button>
        <button type="reset" class="secondary">Clear</button>
      </div>
    </form>
    <datalist id="amenity-names"></datalist>
  </details>
  <p id="status" class="status" role="status" aria-live="polite">Loading spaces…</p>
  <p id="tile-notice" class="notice" hidden>The background map could not be loaded; the pins are still in their
    places.</p>
  <div id="problem" class="problem" role="alert" hidden>
    <p id="problem-text"></p>
    <button type="button" id="retry">Try again</button>
  </div>
  <div class="map-area">
    <div id="map" aria-label="Map of spaces"></div>
    <div class="legend" id="legend">
      <h2>Legend</h2>
      <ul>
        <li><span class="swatch swatch-free"></span>Free</li>
        <li><span class="swatch swatch-paid"></span>Paid</li>
      </ul>
    </div>
  </div>
  <ul id="space-list" class="space-list" aria-label="Spaces on the map"></ul>
</div>
<noscript><p class="problem">The map needs JavaScript. The same spaces are listed as JSON at
  <a href="/api/spaces">/api/spaces</a>.</p></noscript>
</body>
</html>`;
}
