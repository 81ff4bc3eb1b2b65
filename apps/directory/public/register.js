// The "list your space" page: reads the form into the JSON POST /api/spaces takes (each input's name is the
// field's path), sends it, and shows the answer — every problem beside its field and in a list at the top, or
// where the confirmation mail went. Text from the answer enters the page only as text nodes.
(function () {
  'use strict';

  const form = document.getElementById('register');
  const problemsBox = document.getElementById('problems');
  const problemList = document.getElementById('problem-list');
  const done = document.getElementById('done');
  const submit = form.querySelector('button[type="submit"]');
  const paidPrice = document.getElementById('paid-price');
  const latitude = form.elements.namedItem('latitude');
  /** How the problem list names each field the directory may name. */
  const FIELD_LABELS = {
    name: 'Name',
    kind: 'Kind of space',
    description: 'Description',
    capacity: 'Capacity',
    amenities: 'Amenities',
    address: 'Street address',
    city: 'City',
    country: 'Country',
    timezone: 'Time zone',
    latitude: 'Latitude',
    longitude: 'Longitude',
    pricing: 'Price',
    'pricing.amount': 'Price',
    'pricing.currency': 'Currency of the price',
    'pricing.per': 'Unit of the price',
    marketRate: 'Market rate',
    'marketRate.amount': 'Market rate',
    'marketRate.currency': 'Currency of the market rate',
    'marketRate.per': 'Unit of the market rate',
    'host.name': 'Your name',
    'host.email': 'Your email',
    'eligibility.supportsFoss': 'Supporting FOSS',
    'eligibility.nonCommercialPledge': 'The pledge',
  };
  const longitude = form.elements.namedItem('longitude');

  // --- The location picker: a click on the map fills in the coordinates; typed coordinates move the pin.
  let pin = null;
  let pickMap = null;
  if (typeof L !== 'undefined') {
    pickMap = L.map('pick-map', { worldCopyJump: true }).setView([20, 0], 2);
    L.tileLayer(document.body.dataset.tileUrl, {
      maxZoom: 19,
      attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    }).addTo(pickMap);
    pickMap.on('click', (event) => {
      const point = event.latlng.wrap();
      latitude.value = point.lat.toFixed(5);
      longitude.value = point.lng.toFixed(5);
      placePin(false);
    });
  } else {
    document.getElementById('pick-map').hidden = true;
    document.getElementById('pick-hint').textContent = 'Type the coordinates of the space.';
  }

  function placePin(centre) {
    if (!pickMap) return;
    const lat = Number(latitude.value);
    const lng = Number(longitude.value);
    if (latitude.value === '' || longitude.value === '' || Math.abs(lat) > 90 || Math.abs(lng) > 180) return;
    if (pin) pin.setLatLng([lat, lng]);
    else pin = L.circleMarker([lat, lng], { radius: 9, className: 'picked-place' }).addTo(pickMap);
    if (centre) pickMap.setView([lat, lng], Math.max(pickMap.getZoom(), 13));
  }
  latitude.addEventListener('change', () => placePin(true));
  longitude.addEventListener('change', () => placePin(true));

  // The time zone a person is in is the likeliest one of their space.
  const zone = form.elements.namedItem('timezone');
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const yours = [...zone.options].find(
    (option) => here && (option.value === here || option.dataset.oldName === here),
  );
  if (yours) zone.value = yours.value;

  function showPaidPrice() {
    paidPrice.hidden = form.elements.namedItem('pricing.model').value !== 'paid';
  }
  form.addEventListener('change', (event) => {
    if (event.target.name === 'pricing.model') showPaidPrice();
  });
  showPaidPrice();

  // --- From the form to the API's JSON.
  function setPath(target, path, value) {
    const keys = path.split('.');
    let node = target;
    for (const key of keys.slice(0, -1)) node = node[key] = node[key] || {};
    node[keys[keys.length - 1]] = value;
  }

  function valueOf(input) {
    if (input.dataset.type === 'boolean') return input.checked;
    const text = input.value.trim();
    if (input.dataset.type === 'number') return text === '' ? undefined : Number(text);
    return text;
  }

  /**
   * The body for POST /api/spaces. Empty text is sent as it is and empty numbers are left out, so that the
   * directory names them; a price is sent only for a paid space, a market rate only when its amount is given.
   */
  function body() {
    const space = {};
    for (const input of form.elements) {
      if (!input.name || input.name === 'amenities' || input.name === 'otherAmenities') continue;
      if (input.type === 'radio' && !input.checked) continue;
      if (input.name.startsWith('pricing.') && input.name !== 'pricing.model' && paidPrice.hidden) continue;
      const value = valueOf(input);
      if (value !== undefined) setPath(space, input.name, value);
    }
    const ticked = [...form.querySelectorAll('input[name="amenities"]:checked')].map((box) => box.value);
    const others = form.elements
      .namedItem('otherAmenities')
      .value.split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    space.amenities = [...ticked, ...others];
    if (space.marketRate.amount === undefined) delete space.marketRate;
    return space;
  }

  // --- Showing the answer.
  function clearProblems() {
    problemsBox.hidden = true;
    problemList.replaceChildren();
    for (const slot of form.querySelectorAll('[data-problem-for]')) {
      slot.hidden = true;
      slot.textContent = '';
    }
    for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  }

  /** The slot beside the field, or the one of the nearest enclosing field (pricing.model → pricing). */
  function slotFor(field) {
    for (let path = field; path; path = path.split('.').slice(0, -1).join('.')) {
      const slot = form.querySelector(`[data-problem-for="${CSS.escape(path)}"]`);
      if (slot) return { slot, path };
    }
    return null;
  }

  function showProblems(intro, problems) {
    document.getElementById('problems-intro').textContent = intro;
    // Listed in the order of the form, top to bottom; what has no field of its own comes last.
    const slots = [...form.querySelectorAll('[data-problem-for]')];
    const place = (given) => {
      if (given.field) {
        const found = slotFor(given.field);
        return found ? slots.indexOf(found.slot) : slots.length;
      }
      return slots.length;
    };
    const ordered = [...problems].sort((a, b) => place(a) - place(b));
    for (const given of ordered) {
      const field = given.field;
      const item = document.createElement('li');
      const found = field ? slotFor(field) : null;
      const name = FIELD_LABELS[field] || field;
      // A box to tick is "true" to the API and "ticked" to a person; a missing value is "Required", and so
      // is a list where nothing was chosen.
      const chosen = found && form.querySelector(`select[name="${CSS.escape(found.path)}"]`);
      const problem =
        given.problem === 'Required' || (chosen && chosen.value === '')
          ? 'is required'
          : given.problem.replace(/^must be true\b/, 'must be ticked');
      if (found) {
        const link = document.createElement('a');
        link.href = '#';
        link.textContent = `${name}: ${problem}`;
        link.addEventListener('click', (event) => {
          event.preventDefault();
          const input = form.querySelector(
            `[name="${CSS.escape(found.path)}"], [name^="${CSS.escape(found.path)}."]`,
          );
          (input || found.slot).focus();
        });
        item.appendChild(link);
        found.slot.textContent = problem;
        found.slot.hidden = false;
        for (const input of form.querySelectorAll(`[name="${CSS.escape(found.path)}"]`)) {
          input.setAttribute('aria-invalid', 'true');
        }
      } else {
        item.textContent = name ? `${name}: ${problem}` : problem;
      }
      problemList.appendChild(item);
    }
    problemsBox.hidden = false;
    problemsBox.focus();
  }

  async function answerOf(response) {
    try {
      return await response.json();
    } catch {
      return {};
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblems();
    submit.disabled = true;
    submit.textContent = 'Sending…';
    try {
      const response = await fetch('/api/spaces', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body()),
      });
      const answer = await answerOf(response);
      if (response.status === 201) {
        form.hidden = true;
        document.getElementById('done-text').textContent =
          `We have sent a mail to ${form.elements.namedItem('host.email').value.trim()}. ` +
          'Follow its link and press the button to confirm your address; an operator then reviews the space, ' +
          'and you hear from us by mail when it is on the map.';
        done.hidden = false;
        done.focus();
        return;
      }
      if (response.status === 400 && Array.isArray(answer.problems)) {
        const count = answer.problems.length;
        showProblems(
          `Nothing was saved: ${count === 1 ? 'one thing needs' : `${count} things need`} fixing.`,
          answer.problems,
        );
        return;
      }
      showProblems('Nothing was saved.', [
        { field: '', problem: answer.message || `The directory answered with status ${response.status}.` },
      ]);
    } catch {
      showProblems('Nothing was saved.', [
        { field: '', problem: 'The directory could not be reached. Check your connection and try again.' },
      ]);
    } finally {
      submit.disabled = false;
      submit.textContent = 'List the space';
    }
  });
})();
