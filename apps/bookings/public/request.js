// The "ask for a space" page. With a space chosen (?space=<id>) it reads it from the directory
// (GET /api/spaces/:id) and takes the times in the space's time zone; without one it asks for a place, picked on
// a small map, and takes the times in the visitor's own zone. It sends the form to POST /api/bookings as JSON
// (each input's name is the field's path) and shows the answer: every problem beside its field and in a list at
// the top, or who was asked. Text from the answers enters the page only as text nodes.
(function () {
  'use strict';

  const FIELD_LABELS = {
    'event.title': 'Title',
    'event.description': 'What happens',
    'event.start': 'Starts',
    'event.end': 'Ends',
    'event.expectedAttendees': 'People expected',
    'event.needs': 'What you need',
    'organizer.name': 'Your name',
    'organizer.email': 'Your email',
    'organizer.community': 'Your community',
    near: 'Other spaces nearby',
    'near.latitude': 'Latitude',
    'near.longitude': 'Longitude',
    'near.radiusKm': 'Kilometres',
    spaceId: 'The space',
  };
  const form = document.getElementById('request');
  const submit = form.querySelector('button[type="submit"]');
  const problemsBox = document.getElementById('problems');
  const problemList = document.getElementById('problem-list');
  const spaceId = new URLSearchParams(window.location.search).get('space');
  /** The chosen space, or null when the organizer asks for any space near a place. */
  let space = null;
  /** The zone the typed times are read in: the space's, or the visitor's own. */
  let zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  /** Needs to tick when no space says what it has. */
  const COMMON_NEEDS = ['wifi', 'projector', 'microphone', 'whiteboard', 'power-outlets', 'accessible'];

  function element(tag, text) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function noSpace(text) {
    document.getElementById('loading').hidden = true;
    document.getElementById('no-space-text').textContent = text;
    document.getElementById('no-space').hidden = false;
  }

  // --- Times: a wall-clock time in the space's zone, as the instant the API takes.
  /** How far the zone's clocks are ahead of UTC at the instant, in milliseconds. */
  function offsetAt(instant, zone) {
    const parts = {};
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
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

  /** "2027-03-10T18:00" in Europe/Berlin → "2027-03-10T17:00:00.000Z"; undefined for an empty input. */
  function instantOf(local, zone) {
    const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
    if (!match) return local === '' ? undefined : local;
    const [year, month, day, hour, minute] = match.slice(1).map(Number);
    const wall = Date.UTC(year, month - 1, day, hour, minute);
    // The offset at the wall time read as UTC is right except near a change of the clocks; once more settles it.
    let instant = wall - offsetAt(wall, zone);
    instant = wall - offsetAt(instant, zone);
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
      noSpace(
        'The directory could not be reached to read the space. Check your connection and reload the page.',
      );
      return;
    }
    if (!response.ok) {
      noSpace('That space is not on the map (any more).');
      return;
    }
    space = await response.json();
    zone = space.timezone;
    showSpace();
  }

  function showNeeds(names) {
    const needs = document.getElementById('needs');
    for (const name of names) {
      const label = element('label');
      label.className = 'choice';
      const box = element('input');
      box.type = 'checkbox';
      box.name = 'needs';
      box.value = name;
      label.append(box, ` ${name}`);
      needs.appendChild(label);
    }
  }

  /** No space chosen: the organizer picks a place, and any suitable space near it is asked. */
  function showPlacePicker() {
    document.getElementById('loading').hidden = true;
    document.getElementById('near-intro').hidden = false;
    document.getElementById('where').hidden = false;
    document.getElementById('fallback').remove();
    document.getElementById('zone-hint').textContent =
      `Times are your local times (${zone.replace(/_/g, ' ')}).`;
    showNeeds(COMMON_NEEDS);
    form.hidden = false;
    const latitude = form.elements.namedItem('nearLatitude');
    const longitude = form.elements.namedItem('nearLongitude');
    if (typeof L === 'undefined') {
      document.getElementById('pick-map').hidden = true;
      document.getElementById('pick-hint').textContent = 'Type the coordinates of the place.';
      return;
    }
    const pickMap = L.map('pick-map', { worldCopyJump: true }).setView([20, 0], 2);
    L.tileLayer(document.body.dataset.tileUrl, {
      maxZoom: 19,
      attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    }).addTo(pickMap);
    let pin = null;
    const placePin = (centre) => {
      const lat = Number(latitude.value);
      const lng = Number(longitude.value);
      if (latitude.value === '' || longitude.value === '' || Math.abs(lat) > 90 || Math.abs(lng) > 180)
        return;
      if (pin) pin.setLatLng([lat, lng]);
      else pin = L.circleMarker([lat, lng], { radius: 9, className: 'picked-place' }).addTo(pickMap);
      if (centre) pickMap.setView([lat, lng], Math.max(pickMap.getZoom(), 11));
    };
    pickMap.on('click', (event) => {
      const point = event.latlng.wrap();
      latitude.value = point.lat.toFixed(5);
      longitude.value = point.lng.toFixed(5);
      placePin(false);
    });
    latitude.addEventListener('change', () => placePin(true));
    longitude.addEventListener('change', () => placePin(true));
  }

  function showSpace() {
    document.getElementById('loading').hidden = true;
    document.getElementById('space-name').textContent = `You are asking ${space.name}`;
    const price =
      space.pricing && space.pricing.model === 'paid'
        ? `${space.pricing.amount} ${space.pricing.currency} per ${space.pricing.per}`
        : 'free for FOSS events';
    document.getElementById('space-facts').textContent =
      `${space.city} · up to ${space.capacity} people · ${price}` +
      (space.amenities.length ? ` · ${space.amenities.join(', ')}` : '');
    document.getElementById('space').hidden = false;
    document.getElementById('zone-hint').textContent =
      `Times are the space's local times (${space.timezone.replace(/_/g, ' ')}).`;
    document.getElementById('fallback').hidden = false;
    document.getElementById('where').remove();
    showNeeds(space.amenities);
    form.hidden = false;
  }

  // --- From the form to the API's JSON.
  function setPath(target, path, value) {
    const keys = path.split('.');
    let node = target;
    for (const key of keys.slice(0, -1)) node = node[key] = node[key] || {};
    node[keys[keys.length - 1]] = value;
  }

  const numberIn = (name) => {
    const text = form.elements.namedItem(name).value.trim();
    return text === '' ? undefined : Number(text);
  };

  function body() {
    const request = space ? { spaceId: space.id } : {};
    for (const input of form.elements) {
      if (!input.name.includes('.')) continue;
      const text = input.value.trim();
      let value = text;
      if (input.dataset.type === 'number') value = text === '' ? undefined : Number(text);
      if (input.dataset.type === 'moment') value = instantOf(text, zone);
      if (value !== undefined) setPath(request, input.name, value);
    }
    const ticked = [...form.querySelectorAll('input[name="needs"]:checked')].map((box) => box.value);
    const others = form.elements
      .namedItem('otherNeeds')
      .value.split(',')
      .map((need) => need.trim())
      .filter(Boolean);
    request.event.needs = [...ticked, ...others];
    if (!space) {
      request.near = {
        latitude: numberIn('nearLatitude'),
        longitude: numberIn('nearLongitude'),
        radiusKm: numberIn('nearRadiusKm'),
      };
    } else if (form.elements.namedItem('askNearby').checked) {
      request.near = { latitude: space.latitude, longitude: space.longitude, radiusKm: numberIn('radiusKm') };
    }
    return request;
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

  function inputFor(field) {
    if (field === 'near.radiusKm') return form.elements.namedItem(space ? 'radiusKm' : 'nearRadiusKm');
    if (field === 'near.latitude') return form.elements.namedItem('nearLatitude');
    if (field === 'near.longitude') return form.elements.namedItem('nearLongitude');
    if (field === 'near') return form.elements.namedItem('askNearby');
    return form.querySelector(`[name="${CSS.escape(field)}"]`);
  }

  function showProblems(intro, problems) {
    document.getElementById('problems-intro').textContent = intro;
    // Listed in the order of the form, top to bottom; what has no field of its own comes last.
    const slots = [...form.querySelectorAll('[data-problem-for]')];
    const place = (given) => {
      if (given.field) {
        const slot = form.querySelector(`[data-problem-for="${CSS.escape(given.field)}"]`);
        return slot ? slots.indexOf(slot) : slots.length;
      }
      return slots.length;
    };
    const ordered = [...problems].sort((a, b) => place(a) - place(b));
    for (const given of ordered) {
      const field = given.field;
      const problem = given.problem === 'Required' ? 'is required' : given.problem;
      const name = FIELD_LABELS[field] || field;
      const text = name ? `${name}: ${problem}` : problem;
      const slot = field && form.querySelector(`[data-problem-for="${CSS.escape(field)}"]`);
      const input = field && inputFor(field);
      const item = element('li');
      if (slot) {
        slot.textContent = problem;
        slot.hidden = false;
      }
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        const link = element('a', text);
        link.href = '#';
        link.addEventListener('click', (event) => {
          event.preventDefault();
          input.focus();
        });
        item.appendChild(link);
      } else {
        item.textContent = text;
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
      const response = await fetch('/api/bookings', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body()),
      });
      const answer = await answerOf(response);
      if (response.status === 201) {
        form.hidden = true;
        const email = form.elements.namedItem('organizer.email').value.trim();
        const follow = 'with a link to follow the request or cancel it.';
        let told;
        if (space && answer.spaceId === space.id) {
          told = `We have asked ${space.name}'s host. Every step reaches you at ${email}, ${follow}`;
        } else if (!space && answer.spaceId) {
          told = `We have asked the best-suited space near the place you picked. Every step reaches you at ${email}, ${follow}`;
        } else {
          told = `We are looking for a space and will tell you at ${email} which one we asked, ${follow}`;
        }
        document.getElementById('done-text').textContent = told;
        document.getElementById('done').hidden = false;
        document.getElementById('done').focus();
        return;
      }
      if (response.status === 400 && Array.isArray(answer.problems)) {
        const count = answer.problems.length;
        showProblems(
          `Nothing was sent: ${count === 1 ? 'one thing needs' : `${count} things need`} fixing.`,
          answer.problems,
        );
        return;
      }
      showProblems('Nothing was sent.', [
        { field: '', problem: answer.message || `The system answered with status ${response.status}.` },
      ]);
    } catch {
      showProblems('Nothing was sent.', [
        { field: '', problem: 'The system could not be reached. Check your connection and try again.' },
      ]);
    } finally {
      submit.disabled = false;
      submit.textContent = 'Ask for the space';
    }
  });

  void loadSpace();
})();
