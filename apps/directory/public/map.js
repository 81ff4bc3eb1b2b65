// @ts-check
// The map page: asks for the approved spaces of the view it shows (on every move and zoom, a moment after the
// map stands still, dropping answers a newer view made stale), draws them as clusters that count free and paid
// spaces apart or, close enough, as pins coloured by pricing, and lists the spaces nearest the view's centre.
// Text from the directory enters the page only as text nodes, in copies of the page's templates; the words
// around it come from the page's view.
import { copyOf, say } from './words.js';

const LIST_PAGE_SIZE = 20;
/** How long the map must stand still before the view is asked for. */
const SETTLE_MS = 250;
const FILTERS = ['pricing', 'minCapacity', 'amenities', 'country', 'q', 'from', 'to'];
/** Filters typed as a local date and time, asked for as an instant (the browser's zone). */
const TIMES = ['from', 'to'];
const form = /** @type {HTMLFormElement} */ (document.getElementById('filters'));
const statusLine = /** @type {HTMLElement} */ (document.getElementById('status'));
const problem = /** @type {HTMLElement} */ (document.getElementById('problem'));
const list = /** @type {HTMLElement} */ (document.getElementById('space-list'));
const amenityNames = /** @type {HTMLElement} */ (document.getElementById('amenity-names'));
const more = /** @type {HTMLButtonElement} */ (document.getElementById('list-more'));
const moreRow = /** @type {HTMLElement} */ (document.getElementById('list-more-row'));
const regionNames = new Intl.DisplayNames([document.documentElement.lang || 'en'], { type: 'region' });

/**
 * @typedef {{ model: string, amount: number, currency: string, per: string }} Pricing
 * @typedef {{ id: string, name: string, kind: string, city: string, country: string, capacity: number,
 *   amenities: string[], pricing: Pricing }} Space
 * @typedef {{ properties: { cluster: false, id: string, pricing: 'free' | 'paid' },
 *   geometry: { coordinates: [number, number] } }}
 *   Feature
 * @typedef {{ cluster: true, count: number, free: number, paid: number, bbox: [number, number, number, number] }}
 *   Cluster
 * @typedef {{ properties: Cluster, geometry: { coordinates: [number, number] } }} ClusterFeature
 * @typedef {{ total: number, clustered: boolean, features: (Feature | ClusterFeature)[] }} MapAnswer
 * @typedef {Space & { latitude: number, longitude: number }} ListedSpace
 * @typedef {{ items: ListedSpace[], total: number, nextCursor: string | null }} ListAnswer
 */

/** A failure to load that the person can act on; its message is shown as it is. */
class LoadProblem extends Error {}

/** @param {string} message */
function showProblem(message) {
  /** @type {HTMLElement} */ (document.getElementById('problem-text')).textContent = message;
  problem.hidden = false;
  statusLine.textContent = say('none-shown');
}

/** @param {string} name */
const field = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));

/** @param {string} code */
function countryName(code) {
  try {
    return regionNames.of(code) || code;
  } catch {
    return code;
  }
}

/** @param {Pricing} pricing */
function priceOf(pricing) {
  if (pricing.model !== 'paid') return say('free');
  const amount = new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency: pricing.currency,
    currencyDisplay: 'code',
    maximumFractionDigits: Number.isInteger(pricing.amount) ? 0 : 2,
  }).format(pricing.amount);
  return say(`price-${pricing.per}`, { amount });
}

/** @param {number} count */
const people = (count) => say(count === 1 ? 'person' : 'people', { count });

/** @param {Space} space */
function popupContent(space) {
  const popup = copyOf('space-popup');
  popup.slot('name').textContent = space.name;
  const kind = say(
    `kind-${['college', 'company', 'hackerspace', 'community'].includes(space.kind) ? space.kind : 'other'}`,
  );
  popup.slot('place').textContent = say('place', {
    kind,
    city: space.city,
    country: countryName(space.country),
  });
  popup.slot('capacity').textContent = people(space.capacity);
  popup.slot('amenities').textContent = space.amenities.length
    ? space.amenities.join(', ')
    : say('none-listed');
  popup.slot('price').textContent = priceOf(space.pricing);
  const id = encodeURIComponent(space.id);
  /** @type {HTMLAnchorElement} */ (popup.slot('link')).href = `#space=${id}`;
  /** @type {HTMLAnchorElement} */ (popup.slot('profile')).href = `/map/spaces/${id}`;
  /** @type {HTMLAnchorElement} */ (popup.slot('ask')).href = `/request?space=${id}`;
  return popup.root;
}

function start() {
  if (typeof L === 'undefined') {
    showProblem(say('no-library'));
    document.getElementById('retry')?.addEventListener('click', () => window.location.reload());
    return;
  }

  // The pin colours are the legend's colours, defined once in the shared stylesheet's tokens.
  const style = window.getComputedStyle(document.documentElement);
  /** @type {Record<string, string>} */
  const colours = {
    free: style.getPropertyValue('--colour-free').trim(),
    paid: style.getPropertyValue('--colour-paid').trim(),
  };

  const map = L.map('map', { worldCopyJump: true }).setView([20, 0], 2);
  const tiles = L.tileLayer(document.body.dataset.tileUrl ?? '', {
    maxZoom: 19,
    attribution: document.getElementById('attribution')?.innerHTML ?? '',
  }).addTo(map);
  tiles.once('tileerror', () => {
    /** @type {HTMLElement} */ (document.getElementById('tile-notice')).hidden = false;
  });
  const pins = L.featureGroup().addTo(map);
  /** @type {Map<string, L.CircleMarker>} */
  const pinsById = new Map();
  let countText = '';
  const knownAmenities = new Set();
  /** The space to open once its pin is drawn: from the address, or from the list. */
  let wanted = /** @type {string | null} */ (null);
  let fitted = false;

  /** @param {string} id */
  function openWhenShown(id) {
    const pin = pinsById.get(id);
    if (pin) {
      wanted = null;
      pin.openPopup();
      return true;
    }
    return false;
  }

  /** @param {ListedSpace} space */
  function focusSpace(space) {
    wanted = space.id;
    if (openWhenShown(space.id) && map.getZoom() >= 12) return;
    map.setView([space.latitude, space.longitude], Math.max(map.getZoom(), 15));
  }

  /**
   * @param {Space} space
   * @param {string} model
   * @param {() => void} focus
   */
  function listItem(space, model, focus) {
    const item = copyOf('space-item');
    item.slot('swatch').classList.add(`swatch-${model}`);
    item.slot('name').textContent = space.name;
    item.slot('meta').textContent = say('item-meta', {
      city: space.city,
      country: countryName(space.country),
      capacity: people(space.capacity),
      price: priceOf(space.pricing),
    });
    item.root.querySelector('button')?.addEventListener('click', () => {
      focus();
      document.getElementById('map')?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
    });
    return item.root;
  }

  /** @param {Iterable<string>} amenities */
  function learnAmenities(amenities) {
    for (const amenity of amenities) knownAmenities.add(amenity);
    amenityNames.replaceChildren(
      ...[...knownAmenities].sort().map((amenity) => {
        const option = document.createElement('option');
        option.value = amenity;
        return option;
      }),
    );
  }

  /**
   * The spaces whose popups were opened or which the list shows, by id: a pin holds only its place and colour.
   * @type {Map<string, Promise<Space>>}
   */
  const spaces = new Map();

  /** @param {string} id */
  function spaceById(id) {
    let space = spaces.get(id);
    if (!space) {
      space = fetch(`/api/spaces/${encodeURIComponent(id)}`, {
        headers: { accept: 'application/json' },
      }).then((response) => {
        if (!response.ok) throw new LoadProblem(say('status', { status: response.status }));
        return response.json();
      });
      space.catch(() => spaces.delete(id));
      spaces.set(id, space);
    }
    return space;
  }

  /** @param {Feature} feature */
  function pinOf(feature) {
    const space = feature.properties;
    const [longitude, latitude] = feature.geometry.coordinates;
    const model = space.pricing === 'paid' ? 'paid' : 'free';
    const pin = L.circleMarker([latitude, longitude], {
      radius: 9,
      weight: 2,
      color: '#ffffff',
      fillColor: colours[model],
      fillOpacity: 0.95,
      className: `space-pin space-pin-${model}`,
    });
    pin.bindPopup(
      () => {
        const waiting = document.createElement('p');
        waiting.textContent = say('loading-space');
        spaceById(space.id).then(
          (found) => pin.setPopupContent(popupContent(found)),
          () => pin.setPopupContent(say('unreachable')),
        );
        return waiting;
      },
      { maxWidth: 280 },
    );
    pin.on('popupopen', () => window.history.replaceState(null, '', `#space=${space.id}`));
    pin.on('popupclose', () => {
      if (window.location.hash === `#space=${space.id}`) {
        window.history.replaceState(null, '', window.location.pathname + window.location.search);
      }
    });
    pinsById.set(space.id, pin);
    return pin;
  }

  /**
   * A cluster: its count in a ring whose two colours share it as its free and paid spaces do; pressing it (or
   * Enter on it) zooms to its cell.
   * @param {ClusterFeature} feature
   */
  function clusterOf(feature) {
    const { count, free, paid, bbox } = feature.properties;
    const [longitude, latitude] = feature.geometry.coordinates;
    const ring = document.createElement('div');
    ring.className = `space-cluster-ring ${free && paid ? 'space-cluster-mixed' : free ? 'space-cluster-free' : 'space-cluster-paid'}`;
    ring.style.setProperty('--paid-share', `${Math.round((paid / count) * 100)}%`);
    const label = document.createElement('span');
    label.textContent =
      count < 1000 ? String(count) : `${(count / 1000).toFixed(count < 10000 ? 1 : 0).replace(/\.0$/, '')}k`;
    ring.append(label);
    ring.dataset.free = String(free);
    ring.dataset.paid = String(paid);
    const size = count < 100 ? 34 : count < 10000 ? 42 : 50;
    const marker = L.marker([latitude, longitude], {
      icon: L.divIcon({ html: ring, className: 'space-cluster', iconSize: [size, size] }),
      title: say('cluster', { count, free, paid }),
      alt: say('cluster', { count, free, paid }),
      riseOnHover: true,
    });
    const zoomIn = () => {
      const [west, south, east, north] = bbox;
      map.fitBounds(
        [
          [south, west],
          [north, east],
        ],
        { maxZoom: Math.max(map.getZoom() + 1, Math.min(map.getZoom() + 3, 18)) },
      );
    };
    marker.on('click', zoomIn);
    // Leaflet makes a marker focusable; Enter or Space on it presses it.
    marker.on('keypress', (event) => {
      const key = /** @type {L.LeafletKeyboardEvent} */ (event).originalEvent.key;
      if (key === 'Enter' || key === ' ') zoomIn();
    });
    return marker;
  }

  /**
   * The first answer, for the whole world, only shows where the spaces are: the map moves there (keeping them
   * above the legend in the bottom-left corner), and that view's answer is the one drawn and listed.
   * @param {MapAnswer} answer
   */
  function fitFirst(answer) {
    if (fitted || wanted || answer.features.length === 0) {
      fitted = true;
      return false;
    }
    fitted = true;
    const bounds = L.latLngBounds([]);
    for (const feature of answer.features) {
      const [longitude, latitude] = feature.geometry.coordinates;
      if (feature.properties.cluster) {
        // Clusters stand for their cells: the view takes in the cells, so that zooming to it splits them.
        const [west, south, east, north] = feature.properties.bbox;
        bounds.extend([south, west]).extend([north, east]);
      } else {
        bounds.extend([latitude, longitude]);
      }
    }
    map.fitBounds(bounds, { paddingTopLeft: [40, 40], paddingBottomRight: [40, 110], maxZoom: 13 });
    return true;
  }

  /**
   * @param {MapAnswer} answer
   * @param {boolean} filtered
   */
  function show(answer, filtered) {
    pins.clearLayers();
    pinsById.clear();
    for (const feature of answer.features) {
      if (feature.properties.cluster) pins.addLayer(clusterOf(/** @type {ClusterFeature} */ (feature)));
      else pins.addLayer(pinOf(/** @type {Feature} */ (feature)));
    }
    const count = answer.total;
    countText =
      count === 0
        ? say(filtered ? 'none-match' : 'none-yet')
        : answer.clustered
          ? say('in-clusters', { count })
          : say(count === 1 ? 'shown-one' : 'shown-many', { count });
    statusLine.textContent = countText;
    if (wanted && !openWhenShown(wanted))
      statusLine.textContent = say('linked-missing', { shown: countText });
  }

  /**
   * The list beside the map: the spaces in view nearest its centre, a page at a time.
   * @param {ListAnswer} page
   * @param {boolean} first
   */
  function showList(page, first) {
    if (first) list.replaceChildren();
    for (const space of page.items) {
      const model = space.pricing.model === 'paid' ? 'paid' : 'free';
      if (!spaces.has(space.id)) spaces.set(space.id, Promise.resolve(space));
      list.appendChild(listItem(space, model, () => focusSpace(space)));
      learnAmenities(space.amenities);
    }
    moreRow.hidden = !page.nextCursor;
    listCursor = page.nextCursor;
  }

  function chosenFilters() {
    /** @type {Record<string, string>} */
    const filters = {};
    for (const name of FILTERS) {
      const value = String(field(name).value).trim();
      if (value) filters[name] = value;
    }
    return filters;
  }

  /**
   * The filters as the directory takes them: a time typed in the browser's zone goes as an instant with its
   * zone; one the browser cannot read goes as typed, for the directory to name.
   * @param {Record<string, string>} filters
   */
  function askedFilters(filters) {
    /** @type {Record<string, string>} */
    const asked = { ...filters };
    for (const name of TIMES) {
      const moment = asked[name] ? new Date(asked[name]) : null;
      if (moment && !Number.isNaN(moment.getTime())) asked[name] = moment.toISOString();
    }
    return asked;
  }

  /** @param {Response} response */
  async function explain(response) {
    try {
      const body = await response.json();
      if (Array.isArray(body.problems) && body.problems.length) {
        return body.problems
          .map((/** @type {{ field: string, problem: string }} */ p) =>
            say('filter-problem', {
              filter: FILTERS.includes(p.field) ? say(`filter-${p.field}`) : p.field,
              problem: p.problem.replace(/\.$/, ''),
            }),
          )
          .join(' ');
      }
    } catch {
      // Not JSON: the status says enough.
    }
    return say('status', { status: response.status });
  }

  /**
   * The view as `west,south,east,north`, within the one world the directory knows: a view reaching past the
   * antimeridian (the map repeats the world sideways) is cut at it, on the side of the view's centre.
   */
  function viewBox() {
    const bounds = map.getBounds();
    const centre = bounds.getCenter();
    const shift = L.Util.wrapNum(centre.lng, [-180, 180], true) - centre.lng;
    const clamp = (/** @type {number} */ value, /** @type {number} */ limit) =>
      Math.round(Math.min(limit, Math.max(-limit, value)) * 1e5) / 1e5;
    return [
      clamp(bounds.getWest() + shift, 180),
      clamp(bounds.getSouth(), 90),
      clamp(bounds.getEast() + shift, 180),
      clamp(bounds.getNorth(), 90),
    ].join(',');
  }

  /**
   * @param {string} path
   * @param {Record<string, string>} params
   * @param {AbortSignal} signal
   */
  async function ask(path, params, signal) {
    const url = new URL(path, window.location.href);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    let response;
    try {
      response = await fetch(url, { headers: { accept: 'application/json' }, signal });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new LoadProblem(say('unreachable'));
    }
    if (!response.ok) throw new LoadProblem(await explain(response));
    return response.json();
  }

  /** @type {AbortController | null} */
  let inFlight = null;
  /** @type {string | null} */
  let listCursor = null;
  /** @type {Record<string, string>} */
  let listQuery = {};

  async function load() {
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    const filters = chosenFilters();
    const view = { ...askedFilters(filters), bbox: viewBox() };
    problem.hidden = true;
    statusLine.textContent = say('loading');
    try {
      listQuery = { ...view, limit: String(LIST_PAGE_SIZE) };
      const [answer, page] = await Promise.all([
        ask('/api/map', view, controller.signal),
        ask('/api/spaces', listQuery, controller.signal),
      ]);
      if (controller.signal.aborted || fitFirst(answer)) return;
      show(answer, Object.keys(filters).length > 0);
      showList(page, true);
    } catch (error) {
      if (controller.signal.aborted) return;
      showProblem(error instanceof LoadProblem ? error.message : say('unreadable'));
    } finally {
      if (inFlight === controller) inFlight = null;
    }
  }

  async function loadMore() {
    if (!listCursor) return;
    const signal = (inFlight ?? new AbortController()).signal;
    try {
      showList(await ask('/api/spaces', { ...listQuery, cursor: listCursor }, signal), false);
    } catch (error) {
      if (!signal.aborted) showProblem(error instanceof LoadProblem ? error.message : say('unreadable'));
    }
  }

  /** @type {number | undefined} */
  let settle;
  map.on('moveend', () => {
    window.clearTimeout(settle);
    settle = window.setTimeout(load, SETTLE_MS);
  });
  more.addEventListener('click', loadMore);

  /** Shows the space named in the address (#space=<id>) where it is, and opens its popup. */
  async function openLinkedSpace() {
    const match = /^#space=([\w-]+)$/.exec(window.location.hash);
    if (!match) return false;
    if (openWhenShown(match[1])) return true;
    wanted = match[1];
    try {
      const response = await fetch(`/api/spaces/${encodeURIComponent(match[1])}`, {
        headers: { accept: 'application/json' },
      });
      if (!response.ok) throw new Error(String(response.status));
      const space = await response.json();
      fitted = true;
      map.setView([space.latitude, space.longitude], 15);
      return true;
    } catch {
      wanted = null;
      statusLine.textContent = say('linked-missing', { shown: countText });
      return false;
    }
  }

  // Filters live in the address too, so a filtered map can be shared.
  function rememberFilters() {
    const url = new URL(window.location.pathname, window.location.href);
    for (const [name, value] of Object.entries(chosenFilters())) url.searchParams.set(name, value);
    window.history.replaceState(null, '', url.pathname + url.search);
  }

  function restoreFilters() {
    const params = new URL(window.location.href).searchParams;
    for (const name of FILTERS) {
      const value = params.get(name);
      if (value !== null) field(name).value = value;
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    rememberFilters();
    load();
  });
  form.addEventListener('reset', () => {
    // The form clears its fields after this event; load once they are empty.
    window.setTimeout(() => {
      rememberFilters();
      load();
    });
  });
  document.getElementById('retry')?.addEventListener('click', load);
  window.addEventListener('hashchange', () => void openLinkedSpace());
  restoreFilters();
  // On a phone the map comes first; the filters fold away unless the address chose some.
  if (window.matchMedia('(max-width: 720px)').matches && Object.keys(chosenFilters()).length === 0) {
    /** @type {HTMLDetailsElement} */ (form.parentElement).open = false;
  }
  openLinkedSpace().then((linked) => {
    if (!linked) load();
  });
}

start();
