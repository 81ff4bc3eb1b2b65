// @ts-check
// The "ask for a space" page. With a space chosen (?space=<id>) it reads it from the directory
// (GET /api/spaces/:id) and takes the times in the space's time zone; without one it asks for a place, picked on
// a small map, and takes the times in the visitor's own zone. The shared form script sends the form to
// POST /api/bookings as JSON and shows the answer; this file says what goes in the body.
import { connectForm, setPath, showDone, tickedAndOthers } from './forms.js';
import { pickPlace } from './pick-place.js';
import { hasWords, say } from './words.js';

/**
 * @typedef {{ id: string, name: string, city: string, capacity: number, amenities: string[], timezone: string,
 *   latitude: number, longitude: number, pricing?: { model: string, amount: number, currency: string, per: string } }} Space
 */

const form = /** @type {HTMLFormElement} */ (document.getElementById('request'));
const spaceId = new URLSearchParams(window.location.search).get('space');
/** @type {Space | null} The chosen space, or null when the organizer asks for any space near a place. */
let space = null;
/** The zone the typed times are read in: the space's, or the visitor's own. */
let zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
/** Needs to tick when no space says what it has. */
const COMMON_NEEDS = ['wifi', 'projector', 'microphone', 'whiteboard', 'power-outlets', 'accessible'];

/** A number as the page's language writes it (1.5 km, 1,5 km). */
const numberFormat = new Intl.NumberFormat(document.documentElement.lang || undefined, {
  maximumFractionDigits: 1,
});

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @param {string} name */
const control = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));

/** @param {string} text */
function noSpace(text) {
  byId('loading').hidden = true;
  byId('no-space-text').textContent = text;
  byId('no-space').hidden = false;
}

// --- Times: a wall-clock time in the space's zone, as the instant the API takes.
/**
 * How far the zone's clocks are ahead of UTC at the instant, in milliseconds.
 * @param {number} instant
 * @param {string} timeZone
 */
function offsetAt(instant, timeZone) {
  /** @type {Record<string, number>} */
  const parts = {};
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  for (const part of format.formatToParts(new Date(instant))) parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * "2027-03-10T18:00" in Europe/Berlin → "2027-03-10T17:00:00.000Z"; undefined for an empty input.
 * @param {string} local
 * @param {string} timeZone
 */
function instantOf(local, timeZone) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return local === '' ? undefined : local;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // The offset at the wall time read as UTC is right except near a change of the clocks; once more settles it.
  let instant = wall - offsetAt(wall, timeZone);
  instant = wall - offsetAt(instant, timeZone);
  return new Date(instant).toISOString();
}

// --- The space.
async function loadSpace() {
  if (!spaceId) {
    showPlacePicker();
    return;
  }
  let response;
  try {
    response = await fetch(`/api/spaces/${encodeURIComponent(spaceId)}`, {
      headers: { accept: 'application/json' },
    });
  } catch {
    noSpace(say('directory-unreachable'));
    return;
  }
  if (!response.ok) {
    noSpace(say('not-listed'));
    return;
  }
  space = /** @type {Space} */ (await response.json());
  zone = space.timezone;
  showSpace(space);
}

// --- Whether the chosen space can be asked then: a warning as soon as both times are typed.
let availabilityAsked = 0;
async function checkAvailability() {
  const asked = ++availabilityAsked;
  const warning = byId('space-warning');
  const from = instantOf(control('event.start').value.trim(), zone);
  const to = instantOf(control('event.end').value.trim(), zone);
  if (!space || !from || !to || !(to > from)) {
    warning.hidden = true;
    return;
  }
  const query = new URLSearchParams({ from, to });
  let answer;
  try {
    const response = await fetch(`/api/spaces/${encodeURIComponent(space.id)}/availability?${query}`, {
      headers: { accept: 'application/json' },
    });
    if (!response.ok) return;
    answer = await response.json();
  } catch {
    return;
  }
  // Times typed again meanwhile: only the answer for the latest counts.
  if (asked !== availabilityAsked) return;
  if (answer.available) {
    warning.hidden = true;
    return;
  }
  byId('space-warning-text').textContent = `${say(`unavailable-${answer.reason}`, { name: space.name })} ${
    answer.nearest.length ? say('nearest') : say('nearest-none')
  }`;
  const list = byId('space-nearest');
  list.replaceChildren(
    ...answer.nearest.map(
      (/** @type {{ id: string, name: string, city: string, distanceKm: number }} */ open) => {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = `/request?space=${encodeURIComponent(open.id)}`;
        link.textContent = say('nearest-space', {
          name: open.name,
          city: open.city,
          distance: numberFormat.format(open.distanceKm),
        });
        item.appendChild(link);
        return item;
      },
    ),
  );
  warning.hidden = false;
}

/**
 * The needs to tick, each by its value; the common ones in the page's words, a space's own as its host wrote them.
 * @param {string[]} names
 */
function showNeeds(names) {
  const needs = byId('needs');
  for (const name of names) {
    const label = document.createElement('label');
    label.className = 'choice';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = 'needs';
    box.value = name;
    label.append(box, ` ${hasWords(`need-${name}`) ? say(`need-${name}`) : name}`);
    needs.appendChild(label);
  }
}

/** No space chosen: the organizer picks a place, and any suitable space near it is asked. */
function showPlacePicker() {
  byId('loading').hidden = true;
  byId('near-intro').hidden = false;
  byId('where').hidden = false;
  byId('fallback').remove();
  byId('zone-hint').textContent = say('your-zone', { zone: zone.replace(/_/g, ' ') });
  showNeeds(COMMON_NEEDS);
  form.hidden = false;
  pickPlace({ latitude: control('nearLatitude'), longitude: control('nearLongitude'), zoom: 11 });
}

/** @param {Space} chosen */
function showSpace(chosen) {
  byId('loading').hidden = true;
  byId('space-name').textContent = say('asking', { name: chosen.name });
  const pricing = chosen.pricing;
  const price =
    pricing && pricing.model === 'paid'
      ? say(`price-${pricing.per}`, {
          amount: numberFormat.format(pricing.amount),
          currency: pricing.currency,
        })
      : say('free');
  const facts = { city: chosen.city, capacity: numberFormat.format(chosen.capacity), price };
  byId('space-facts').textContent = chosen.amenities.length
    ? say('facts-amenities', { ...facts, amenities: chosen.amenities.join(', ') })
    : say('facts', facts);
  byId('space').hidden = false;
  byId('zone-hint').textContent = say('space-zone', { zone: chosen.timezone.replace(/_/g, ' ') });
  byId('fallback').hidden = false;
  byId('where').remove();
  showNeeds(chosen.amenities);
  form.hidden = false;
}

// --- From the form to the API's JSON.
/** @param {string} name */
const numberIn = (name) => {
  const text = control(name).value.trim();
  return text === '' ? undefined : Number(text);
};

function body() {
  /** @type {Record<string, any>} */
  const request = space ? { spaceId: space.id } : {};
  for (const input of /** @type {HTMLInputElement[]} */ ([...form.elements])) {
    if (!input.name || !input.name.includes('.')) continue;
    const text = input.value.trim();
    /** @type {unknown} */
    let value = text;
    if (input.dataset.type === 'number') value = text === '' ? undefined : Number(text);
    if (input.dataset.type === 'moment') value = instantOf(text, zone);
    if (value !== undefined) setPath(request, input.name, value);
  }
  request.event.needs = tickedAndOthers(form, 'needs', 'otherNeeds');
  if (!space) {
    request.near = {
      latitude: numberIn('nearLatitude'),
      longitude: numberIn('nearLongitude'),
      radiusKm: numberIn('nearRadiusKm'),
    };
  } else if (control('askNearby').checked) {
    request.near = { latitude: space.latitude, longitude: space.longitude, radiusKm: numberIn('radiusKm') };
  }
  const recurrence = recurrenceOf(control('event.start').value);
  if (recurrence) request.recurrence = recurrence;
  return request;
}

// --- A series: how the event repeats, read from the start's own weekday and day in the space's zone.
/** What "Does it repeat?" says: '' for once. */
const repeatChosen = () =>
  /** @type {HTMLSelectElement} */ (form.querySelector('select[name="repeat"]')).value;
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * The recurrence the form says, or undefined when the event happens once. The API checks the rest.
 * @param {string} start the typed start, "2027-03-09T19:00"
 */
function recurrenceOf(start) {
  const repeat = repeatChosen();
  if (!repeat) return undefined;
  /** @type {Record<string, any>} */
  const recurrence = { frequency: repeat === 'weekly' ? 'weekly' : 'monthly' };
  const interval = numberIn('repeatInterval');
  if (interval !== undefined) recurrence.interval = interval;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(start);
  if (match && repeat !== 'weekly') {
    const [year, month, day] = match.slice(1).map(Number);
    const weekday = WEEKDAYS[(new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7];
    const shorter = /** @type {HTMLInputElement | null} */ (
      form.querySelector('[name="shorterMonths"]:checked')
    );
    recurrence.monthlyOn =
      repeat === 'monthly-weekday'
        ? { weekday, ordinal: control('lastWeekday').checked ? -1 : Math.ceil(day / 7) }
        : { dayOfMonth: day, ...(shorter ? { shorterMonths: shorter.value } : {}) };
  }
  const count = numberIn('repeatCount');
  if (count !== undefined) recurrence.count = count;
  const until = control('repeatUntil').value;
  if (until) recurrence.until = until;
  const except = control('repeatExcept')
    .value.split(',')
    .map((date) => date.trim())
    .filter(Boolean);
  if (except.length) recurrence.except = except;
  return recurrence;
}

/** The details of a series show once the event repeats; the monthly ones only for a monthly series. */
function showRepeat() {
  const repeat = repeatChosen();
  byId('repeat-details').hidden = !repeat;
  byId('last-weekday').hidden = repeat !== 'monthly-weekday';
  byId('shorter-months').hidden = repeat !== 'monthly-day';
}
form.querySelector('[name="repeat"]')?.addEventListener('change', showRepeat);

/** The controls whose names are not the API's paths. */
const INPUTS = {
  'near.latitude': 'nearLatitude',
  'near.longitude': 'nearLongitude',
  near: 'askNearby',
  recurrence: 'repeat',
  'recurrence.frequency': 'repeat',
  'recurrence.interval': 'repeatInterval',
  'recurrence.count': 'repeatCount',
  'recurrence.until': 'repeatUntil',
  'recurrence.except': 'repeatExcept',
  'recurrence.monthlyOn': 'shorterMonths',
};

connectForm({
  form,
  endpoint: '/api/bookings',
  body,
  inputFor: (field) => {
    if (field === 'near.radiusKm') return control(space ? 'radiusKm' : 'nearRadiusKm');
    const name = INPUTS[/** @type {keyof typeof INPUTS} */ (field)];
    // The first of a group of radios stands for the group.
    return name ? form.querySelector(`[name="${name}"]`) : null;
  },
  done: (answer) => {
    const email = control('organizer.email').value.trim();
    if (answer.seriesId && space) {
      showDone(form, say('asked-series', { name: space.name, count: answer.dates.length, email }));
    } else if (space && answer.spaceId === space.id)
      showDone(form, say('asked-space', { name: space.name, email }));
    else if (!space && answer.spaceId) showDone(form, say('asked-near', { email }));
    else showDone(form, say('looking', { email }));
  },
});

for (const name of ['event.start', 'event.end']) {
  for (const kind of ['input', 'change'])
    control(name).addEventListener(kind, () => void checkAvailability());
}

void loadSpace();
