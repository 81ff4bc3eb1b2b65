// The page where a host lists a space: the form the design promises hosts ("web form once; after that email
// links only"). Its script, register.js, sends the form to POST /api/spaces as JSON and shows the directory's
// answer: the problems beside their fields, or where the confirmation mail went. Every input's name is the
// path of the API field it fills, so a problem's field names its input.
import countries from 'i18n-iso-countries';
import { escapeHtml } from '@cocomo/platform';
import { MAP_ASSETS_PATH } from '../map/map-assets';
import { RATE_UNITS, SPACE_KINDS } from '../spaces/space.entity';

const KIND_LABELS: Record<(typeof SPACE_KINDS)[number], string> = {
  college: 'College or university',
  company: 'Company',
  hackerspace: 'Hackerspace or makerspace',
  community: 'Community space (library, hall, café)',
  other: 'Something else',
};
/** Offered as boxes to tick; a host may add others. */
export const COMMON_AMENITIES = [
  'wifi',
  'projector',
  'whiteboard',
  'microphone',
  'power-outlets',
  'accessible',
  'kitchen',
  'video-recording',
];
const UNIT_LABELS: Record<(typeof RATE_UNITS)[number], string> = {
  hour: 'per hour',
  day: 'per day',
  event: 'per event',
};

const options = (items: { value: string; label: string }[], chosen = '') =>
  items
    .map(
      ({ value, label }) =>
        `<option value="${escapeHtml(value)}"${value === chosen ? ' selected' : ''}>${escapeHtml(label)}</option>`,
    )
    .join('');

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const countryOptions = options(
  [
    { value: '', label: 'Choose a country' },
    ...Object.keys(countries.getAlpha2Codes())
      .map((code) => ({ value: code, label: regionNames.of(code) ?? code }))
      .sort((a, b) => a.label.localeCompare(b.label, 'en')),
  ],
  '',
);
/** The runtime lists some zones by their old names (Asia/Calcutta); people look for today's (Asia/Kolkata). */
const RENAMED_ZONES: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Europe/Kiev': 'Europe/Kyiv',
  'America/Godthab': 'America/Nuuk',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Enderbury': 'Pacific/Kanton',
};
/** Each zone by its current name; data-old-name lets register.js choose it for a browser that says the old one. */
const zoneOptions = [
  '<option value="">Choose a time zone</option>',
  ...Intl.supportedValuesOf('timeZone')
    .map((zone) => ({ zone: RENAMED_ZONES[zone] ?? zone, old: RENAMED_ZONES[zone] ? zone : undefined }))
    .sort((a, b) => a.zone.localeCompare(b.zone, 'en'))
    .map(
      ({ zone, old }) =>
        `<option value="${zone}"${old ? ` data-old-name="${old}"` : ''}>${escapeHtml(zone.replace(/_/g, ' '))}</option>`,
    ),
].join('');
const currencyNames = new Intl.DisplayNames(['en'], { type: 'currency' });
const currencyOptions = options([
  { value: '', label: 'Currency' },
  ...Intl.supportedValuesOf('currency').map((code) => ({
    value: code,
    label: `${code} — ${currencyNames.of(code) ?? code}`,
  })),
]);
const unitOptions = options(
  RATE_UNITS.map((unit) => ({ value: unit, label: UNIT_LABELS[unit] })),
  'day',
);

/** The place for a field's problem, inside its label so that it is read with the field; register.js fills it. */
const problemFor = (field: string) =>
  `<span class="field-problem" data-problem-for="${field}" hidden></span>`;

export function registrationPage(options: { tileUrl: string }): string {
  const assets = MAP_ASSETS_PATH;
  const kinds = SPACE_KINDS.map(
    (kind) =>
      `<label class="choice"><input type="radio" name="kind" value="${kind}"> ${escapeHtml(KIND_LABELS[kind])}</label>`,
  ).join('');
  const amenities = COMMON_AMENITIES.map(
    (amenity) =>
      `<label class="choice"><input type="checkbox" name="amenities" value="${amenity}"> ${amenity}</label>`,
  ).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="List a space that hosts free and open source software events on CoCoMo.">
<title>List your space — CoCoMo</title>
<link rel="icon" href="${assets}/cocomo-logo.svg" type="image/svg+xml">
<link rel="stylesheet" href="${assets}/leaflet/leaflet.css">
<link rel="stylesheet" href="${assets}/map.css">
<script src="${assets}/leaflet/leaflet.js" defer></script>
<script src="${assets}/register.js" defer></script>
</head>
<body class="register" data-tile-url="${escapeHtml(options.tileUrl)}">
<header class="masthead">
  <img class="logo" src="${assets}/cocomo-logo.svg" alt="" width="44" height="44">
  <div>
    <h1>List your space</h1>
    <p>A room that can host a free and open source software meetup, workshop or sprint — for free or at a fair
      price. We send you one mail to confirm your address; an operator then looks at the space, and once it is
      approved it shows on <a href="/map">the map</a>. Requests for events reach you by mail.</p>
  </div>
</header>
<main class="register-main">
  <div id="problems" class="problem" role="alert" tabindex="-1" hidden>
    <p id="problems-intro"></p>
    <ul id="problem-list"></ul>
  </div>
  <div id="done" class="done" role="status" tabindex="-1" hidden>
    <h2>Thank you — one step left</h2>
    <p id="done-text"></p>
  </div>
  <form id="register" novalidate>
    <fieldset>
      <legend>The space</legend>
      <label>Name ${problemFor('name')}
        <input name="name" maxlength="120" required autocomplete="organization">
      </label>
      <fieldset class="choices" data-field="kind">
        <legend>What kind of space is it? ${problemFor('kind')}</legend>
        ${kinds}
      </fieldset>
      <label>Description <small>what the room is like, how to get in, anything an organizer should know</small>
        ${problemFor('description')}
        <textarea name="description" maxlength="4000" rows="4"></textarea>
      </label>
      <label>How many people fit? ${problemFor('capacity')}
        <input name="capacity" type="number" min="1" step="1" inputmode="numeric" data-type="number" required>
      </label>
      <fieldset class="choices" data-field="amenities">
        <legend>What does it have? ${problemFor('amenities')}</legend>
        ${amenities}
        <label class="wide">Others, separated by commas
          <input name="otherAmenities" maxlength="600" placeholder="e.g. 3d-printer, parking" data-field="amenities">
        </label>
      </fieldset>
    </fieldset>

    <fieldset>
      <legend>Where it is</legend>
      <label>Street address ${problemFor('address')}
        <input name="address" maxlength="255" required autocomplete="street-address">
      </label>
      <label>City ${problemFor('city')}
        <input name="city" maxlength="120" required autocomplete="address-level2">
      </label>
      <label>Country ${problemFor('country')}
        <select name="country" required>${countryOptions}</select>
      </label>
      <label>Time zone <small>times in mails about the space are written in it</small> ${problemFor('timezone')}
        <select name="timezone" required>${zoneOptions}</select>
      </label>
      <p class="hint" id="pick-hint">Click the map where the space is, or type its coordinates.</p>
      <div id="pick-map" class="pick-map" aria-describedby="pick-hint"></div>
      <div class="pair">
        <label>Latitude ${problemFor('latitude')}
          <input name="latitude" type="number" min="-90" max="90" step="any" data-type="number" required>
        </label>
        <label>Longitude ${problemFor('longitude')}
          <input name="longitude" type="number" min="-180" max="180" step="any" data-type="number" required>
        </label>
      </div>
    </fieldset>

    <fieldset>
      <legend>What it costs</legend>
      <fieldset class="choices" data-field="pricing">
        <legend>For FOSS events the space is ${problemFor('pricing')}</legend>
        <label class="choice"><input type="radio" name="pricing.model" value="free" checked> free</label>
        <label class="choice"><input type="radio" name="pricing.model" value="paid"> paid</label>
      </fieldset>
      <div class="pair" id="paid-price" hidden>
        <label>Price ${problemFor('pricing.amount')}
          <input name="pricing.amount" type="number" min="0" step="any" data-type="number">
        </label>
        <label>Currency ${problemFor('pricing.currency')}
          <select name="pricing.currency">${currencyOptions}</select>
        </label>
        <label>Unit ${problemFor('pricing.per')}
          <select name="pricing.per">${unitOptions}</select>
        </label>
      </div>
      <p class="hint">What renting the space would cost anyone else: it shows how much the communities save.
        Needed for a paid space; welcome for a free one.</p>
      <div class="pair">
        <label>Market rate ${problemFor('marketRate.amount')} ${problemFor('marketRate')}
          <input name="marketRate.amount" type="number" min="0" step="any" data-type="number">
        </label>
        <label>Currency ${problemFor('marketRate.currency')}
          <select name="marketRate.currency">${currencyOptions}</select>
        </label>
        <label>Unit ${problemFor('marketRate.per')}
          <select name="marketRate.per">${unitOptions}</select>
        </label>
      </div>
    </fieldset>

    <fieldset>
      <legend>You, the host</legend>
      <label>Your name ${problemFor('host.name')}
        <input name="host.name" maxlength="120" required autocomplete="name">
      </label>
      <label>Your email <small>requests and reminders come here; it is never shown on the map</small>
        ${problemFor('host.email')}
        <input name="host.email" type="email" maxlength="320" required autocomplete="email">
      </label>
      <label class="choice">${problemFor('eligibility.supportsFoss')}
        <input type="checkbox" name="eligibility.supportsFoss" data-type="boolean">
        The space supports free and open source software and its events.</label>
      <label class="choice">${problemFor('eligibility.nonCommercialPledge')}
        <input type="checkbox" name="eligibility.nonCommercialPledge" data-type="boolean">
        I pledge not to commercialise the FOSS activities held here.</label>
    </fieldset>
    <div class="actions">
      <button type="submit">List the space</button>
    </div>
  </form>
</main>
<noscript><p class="problem">This form needs JavaScript. The same can be sent as JSON to
  <a href="/api/spaces/docs">POST /api/spaces</a>.</p></noscript>
</body>
</html>`;
}
