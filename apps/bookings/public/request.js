// The "ask for a space" page: reads the chosen space from the directory (GET /api/spaces/:id), takes the times
// as wall-clock times in the space's time zone, sends the form to POST /api/bookings as JSON (each input's name
// is the field's path) and shows the answer: every problem beside its field and in a list at the top, or which
// space was asked. Text from the answers enters the page only as text nodes.
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
    'near.radiusKm': 'Kilometres',
    spaceId: 'The space',
  };
  const form = document.getElementById('request');
  const submit = form.querySelector('button[type="submit"]');
  const problemsBox = document.getElementById('problems');
  const problemList = document.getElementById('problem-list');
  const spaceId = new URLSearchParams(window.location.search).get('space');
  let space = null;

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
      noSpace('No space is chosen yet.');
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
    showSpace();
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
    const needs = document.getElementById('needs');
    for (const amenity of space.amenities) {
      const label = element('label');
      label.className = 'choice';
      const box = element('input');
      box.type = 'checkbox';
      box.name = 'needs';
      box.value = amenity;
      label.append(box, ` ${amenity}`);
      needs.appendChild(label);
    }
    form.hidden = false;
  }

  // --- From the form to the API's JSON.
  function setPath(target, path, value) {
    const keys = path.split('.');
    let node = target;
    for (const key of keys.slice(0, -1)) node = node[key] = node[key] || {};
    node[keys[keys.length - 1]] = value;
  }

  function body() {
    const request = { spaceId: space.id };
    for (const input of form.elements) {
      if (!input.name.includes('.')) continue;
      const text = input.value.trim();
      let value = text;
      if (input.dataset.type === 'number') value = text === '' ? undefined : Number(text);
      if (input.dataset.type === 'moment') value = instantOf(text, space.timezone);
      if (value !== undefined) setPath(request, input.name, value);
    }
    const ticked = [...form.querySelectorAll('input[name="needs"]:checked')].map((box) => box.value);
    const others = form.elements
      .namedItem('otherNeeds')
      .value.split(',')
      .map((need) => need.trim())
      .filter(Boolean);
    request.event.needs = [...ticked, ...others];
    if (form.elements.namedItem('askNearby').checked) {
      const radius = form.elements.namedItem('radiusKm').value.trim();
      request.near = {
        latitude: space.latitude,
        longitude: space.longitude,
        radiusKm: radius === '' ? undefined : Number(radius),
      };
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
    if (field === 'near.radiusKm') return form.elements.namedItem('radiusKm');
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
        document.getElementById('done-text').textContent =
          answer.spaceId === space.id
            ? `We have asked ${space.name}'s host. Every step reaches you at ${email}, with a link to follow the request or cancel it.`
            : `We are looking for a space and will tell you at ${email} which one we asked, with a link to follow the request or cancel it.`;
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
