// The map page: loads the approved spaces as GeoJSON, draws them as pins coloured by pricing, and lists them.
// Text from the directory enters the page only as text nodes (textContent), so a name is never parsed as HTML.
(function () {
  'use strict';

  const PAGE_SIZE = 200;
  const FILTERS = ['pricing', 'minCapacity', 'amenities', 'country', 'q'];
  const KIND_LABELS = {
    college: 'College',
    company: 'Company',
    hackerspace: 'Hackerspace',
    community: 'Community space',
    other: 'Space',
  };
  const FILTER_LABELS = {
    pricing: 'Price',
    minCapacity: 'Minimum capacity',
    amenities: 'Amenity',
    country: 'Country',
    q: 'Search',
  };
  const form = document.getElementById('filters');
  const statusLine = document.getElementById('status');
  const problem = document.getElementById('problem');
  const list = document.getElementById('space-list');
  const amenityNames = document.getElementById('amenity-names');
  const regionNames = new Intl.DisplayNames([document.documentElement.lang || 'en'], { type: 'region' });

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** A failure to load that the person can act on; its message is shown as it is. */
  class LoadProblem extends Error {}

  function showProblem(message) {
    document.getElementById('problem-text').textContent = message;
    problem.hidden = false;
    statusLine.textContent = 'No spaces shown.';
  }

  if (typeof L === 'undefined') {
    showProblem('The map library could not be loaded. Reload the page to try again.');
    document.getElementById('retry').addEventListener('click', () => window.location.reload());
    return;
  }

  // The pin colours are the legend's colours, defined once in map.css.
  const style = window.getComputedStyle(document.documentElement);
  const colours = {
    free: style.getPropertyValue('--free').trim(),
    paid: style.getPropertyValue('--paid').trim(),
  };

  const map = L.map('map', { worldCopyJump: true }).setView([20, 0], 2);
  const tiles = L.tileLayer(document.body.dataset.tileUrl, {
    maxZoom: 19,
    attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
  }).addTo(map);
  tiles.once('tileerror', () => {
    document.getElementById('tile-notice').hidden = false;
  });
  const pins = L.featureGroup().addTo(map);
  const pinsById = new Map();
  let countText = '';
  const knownAmenities = new Set();

  function countryName(code) {
    try {
      return regionNames.of(code) || code;
    } catch {
      return code;
    }
  }

  function priceOf(pricing) {
    if (pricing.model !== 'paid') return 'Free';
    const amount = new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency: pricing.currency,
      currencyDisplay: 'code',
      maximumFractionDigits: Number.isInteger(pricing.amount) ? 0 : 2,
    }).format(pricing.amount);
    return `${amount} per ${pricing.per}`;
  }

  function placeOf(space) {
    return `${space.city}, ${countryName(space.country)}`;
  }

  function popupContent(space) {
    const box = element('div', 'space-popup');
    box.appendChild(element('h3', 'space-name', space.name));
    box.appendChild(
      element('p', 'space-place', `${KIND_LABELS[space.kind] || 'Space'} in ${placeOf(space)}`),
    );
    const facts = element('dl', 'space-facts');
    const fact = (term, value) => {
      facts.appendChild(element('dt', '', term));
      facts.appendChild(element('dd', '', value));
    };
    fact('Capacity', `${space.capacity} people`);
    fact('Amenities', space.amenities.length ? space.amenities.join(', ') : 'none listed');
    fact('Price', priceOf(space.pricing));
    box.appendChild(facts);
    const link = element('a', 'space-link', 'Link to this space');
    link.href = `#space=${encodeURIComponent(space.id)}`;
    box.appendChild(link);
    const profile = element('a', 'space-link', 'Events hosted here');
    profile.href = `/map/spaces/${encodeURIComponent(space.id)}`;
    box.appendChild(profile);
    const ask = element('a', 'space-link', 'Ask for this space');
    ask.href = `/request?space=${encodeURIComponent(space.id)}`;
    box.appendChild(ask);
    return box;
  }

  function focusPin(pin) {
    map.setView(pin.getLatLng(), Math.max(map.getZoom(), 12));
    pin.openPopup();
  }

  function listItem(space, model, pin) {
    const item = element('li');
    const button = element('button', 'space-item');
    button.type = 'button';
    button.appendChild(element('span', `swatch swatch-${model}`));
    button.appendChild(element('span', 'space-item-name', space.name));
    const meta = `${placeOf(space)} · ${space.capacity} people · ${priceOf(space.pricing)}`;
    button.appendChild(element('span', 'space-item-meta', meta));
    button.addEventListener('click', () => {
      focusPin(pin);
      document.getElementById('map').scrollIntoView({ behavior: 'smooth', block: 'nearest' });
    });
    item.appendChild(button);
    return item;
  }

  function show(features, filtered) {
    pins.clearLayers();
    pinsById.clear();
    list.replaceChildren();
    for (const feature of features) {
      const space = feature.properties;
      const [longitude, latitude] = feature.geometry.coordinates;
      const model = space.pricing.model === 'paid' ? 'paid' : 'free';
      const pin = L.circleMarker([latitude, longitude], {
        radius: 9,
        weight: 2,
        color: '#ffffff',
        fillColor: colours[model],
        fillOpacity: 0.95,
        className: `space-pin space-pin-${model}`,
      });
      pin.bindPopup(() => popupContent(space), { maxWidth: 280 });
      pin.on('popupopen', () => window.history.replaceState(null, '', `#space=${space.id}`));
      pin.on('popupclose', () => {
        if (window.location.hash === `#space=${space.id}`) {
          window.history.replaceState(null, '', window.location.pathname + window.location.search);
        }
      });
      pins.addLayer(pin);
      pinsById.set(space.id, pin);
      list.appendChild(listItem(space, model, pin));
      for (const amenity of space.amenities) knownAmenities.add(amenity);
    }
    amenityNames.replaceChildren(
      ...[...knownAmenities].sort().map((amenity) => {
        const option = element('option');
        option.value = amenity;
        return option;
      }),
    );
    const count = features.length;
    countText =
      count === 0
        ? filtered
          ? 'No spaces match these filters.'
          : 'No spaces are listed yet.'
        : `${count} ${count === 1 ? 'space' : 'spaces'} shown.`;
    statusLine.textContent = countText;
    if (!openLinkedSpace() && count > 0) {
      // The legend sits in the bottom-left corner: keep pins above it.
      map.fitBounds(pins.getBounds(), {
        paddingTopLeft: [40, 40],
        paddingBottomRight: [40, 110],
        maxZoom: 13,
      });
    }
  }

  /** Opens the popup of the space named in the address (#space=<id>); says so when it is not shown. */
  function openLinkedSpace() {
    const match = /^#space=([\w-]+)$/.exec(window.location.hash);
    if (!match) return false;
    const pin = pinsById.get(match[1]);
    statusLine.textContent = pin ? countText : `${countText} The linked space is not among them.`;
    if (!pin) return false;
    focusPin(pin);
    return true;
  }

  function chosenFilters() {
    const filters = {};
    for (const name of FILTERS) {
      const value = String(form.elements.namedItem(name).value).trim();
      if (value) filters[name] = value;
    }
    return filters;
  }

  async function explain(response) {
    try {
      const body = await response.json();
      if (Array.isArray(body.problems) && body.problems.length) {
        return body.problems
          .map((p) => `${FILTER_LABELS[p.field] || p.field} ${p.problem.replace(/\.$/, '')}.`)
          .join(' ');
      }
    } catch {
      // Not JSON: the status says enough.
    }
    return `The directory answered with status ${response.status}. Try again in a moment.`;
  }

  /** Every matching space: pages of PAGE_SIZE, following nextCursor to the end. */
  async function fetchSpaces(filters) {
    const features = [];
    let cursor = null;
    do {
      const url = new URL('/api/spaces.geojson', window.location.href);
      for (const [name, value] of Object.entries(filters)) url.searchParams.set(name, value);
      url.searchParams.set('limit', String(PAGE_SIZE));
      if (cursor) url.searchParams.set('cursor', cursor);
      let response;
      try {
        response = await fetch(url, { headers: { accept: 'application/json' } });
      } catch {
        throw new LoadProblem('The spaces could not be loaded. Check your connection and try again.');
      }
      if (!response.ok) throw new LoadProblem(await explain(response));
      const page = await response.json();
      features.push(...page.features);
      cursor = page.nextCursor;
    } while (cursor);
    return features;
  }

  let latestLoad = 0;
  async function load() {
    const filters = chosenFilters();
    const thisLoad = ++latestLoad;
    problem.hidden = true;
    statusLine.textContent = 'Loading spaces…';
    try {
      const features = await fetchSpaces(filters);
      if (thisLoad === latestLoad) show(features, Object.keys(filters).length > 0);
    } catch (error) {
      if (thisLoad !== latestLoad) return;
      showProblem(
        error instanceof LoadProblem ? error.message : 'The spaces could not be read. Try again in a moment.',
      );
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
      if (value !== null) form.elements.namedItem(name).value = value;
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
  document.getElementById('retry').addEventListener('click', load);
  window.addEventListener('hashchange', openLinkedSpace);
  restoreFilters();
  // On a phone the map comes first; the filters fold away unless the address chose some.
  if (window.matchMedia('(max-width: 720px)').matches && Object.keys(chosenFilters()).length === 0) {
    form.parentElement.open = false;
  }
  load();
})();
