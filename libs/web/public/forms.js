// @ts-check
// The one script of the forms that send JSON (list your space, ask for a space): reads the form into the body
// the API takes (each input's name is the path of the field it fills), sends it, and shows the answer — every
// problem beside its field and in a list at the top, in the form's order — while keeping what was typed.
// Text from the answer enters the page only as text nodes; the sentences come from the page's words.
import { say } from './words.js';

/** @typedef {{ field?: string, problem: string, code?: string }} Problem */
/** @typedef {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} Control */

/**
 * @typedef {object} FormOptions
 * @property {HTMLFormElement} form
 * @property {string} endpoint Where the JSON goes, e.g. "/api/spaces".
 * @property {() => object} body The JSON to send, read when the form is sent.
 * @property {(answer: any, response: Response) => void} done What to show after a 201.
 * @property {(field: string) => Element | null} [inputFor] The control a problem's field names, when its name is not the field's path.
 */

/**
 * Sets `value` at the dotted `path` of `target`: ("host.email", "a@b") → { host: { email: "a@b" } }.
 * @param {Record<string, any>} target
 * @param {string} path
 * @param {unknown} value
 */
export function setPath(target, path, value) {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = node[key] = node[key] || {};
  node[keys[keys.length - 1]] = value;
}

/**
 * What a control holds, as the API takes it: data-type="number" a number (left out when empty),
 * data-type="boolean" whether it is ticked, anything else its trimmed text (sent even when empty, so that
 * the API names it).
 * @param {Control} input
 * @returns {unknown}
 */
export function valueOf(input) {
  if (input.dataset.type === 'boolean') return /** @type {HTMLInputElement} */ (input).checked;
  const text = input.value.trim();
  if (input.dataset.type === 'number') return text === '' ? undefined : Number(text);
  return text;
}

/**
 * The form's named controls, radio buttons only when chosen.
 * @param {HTMLFormElement} form
 * @returns {Control[]}
 */
export function controlsOf(form) {
  return /** @type {Control[]} */ ([...form.elements]).filter(
    (input) =>
      'name' in input &&
      input.name !== '' &&
      !(input instanceof HTMLButtonElement) &&
      !(input instanceof HTMLInputElement && input.type === 'radio' && !input.checked),
  );
}

/**
 * The values of the ticked boxes named `name`, and of the text field `othersName` split at commas.
 * @param {HTMLFormElement} form
 * @param {string} name
 * @param {string} othersName
 * @returns {string[]}
 */
export function tickedAndOthers(form, name, othersName) {
  const ticked = [...form.querySelectorAll(`input[name="${CSS.escape(name)}"]:checked`)].map(
    (box) => /** @type {HTMLInputElement} */ (box).value,
  );
  const others = /** @type {HTMLInputElement} */ (form.elements.namedItem(othersName)).value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return [...ticked, ...others];
}

/**
 * Sends the form as JSON when it is submitted, and shows the answer.
 * @param {FormOptions} options
 */
export function connectForm(options) {
  const { form } = options;
  const problemsBox = /** @type {HTMLElement} */ (document.getElementById('problems'));
  const problemList = /** @type {HTMLElement} */ (document.getElementById('problem-list'));
  const submit = /** @type {HTMLButtonElement} */ (form.querySelector('button[type="submit"]'));
  const label = submit.textContent ?? '';

  function clearProblems() {
    problemsBox.hidden = true;
    problemList.replaceChildren();
    for (const slot of form.querySelectorAll('[data-problem-for]')) {
      const place = /** @type {HTMLElement} */ (slot);
      place.hidden = true;
      place.textContent = '';
    }
    for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  }

  /**
   * The slot beside the field, or the one of the nearest enclosing field (pricing.model → pricing).
   * @param {string} field
   * @returns {{ slot: HTMLElement, path: string } | null}
   */
  function slotFor(field) {
    for (let path = field; path; path = path.split('.').slice(0, -1).join('.')) {
      const slot = form.querySelector(`[data-problem-for="${CSS.escape(path)}"]`);
      if (slot instanceof HTMLElement) return { slot, path };
    }
    return null;
  }

  /** @param {string} path */
  function inputFor(path) {
    return (
      options.inputFor?.(path) ??
      form.querySelector(`[name="${CSS.escape(path)}"], [name^="${CSS.escape(path)}."]`)
    );
  }

  /**
   * A problem as a person reads it: a missing value, or a list where nothing was chosen, "is required"; a
   * box to tick is "true" to the API and "ticked" to a person.
   * @param {Problem} given
   * @param {string | undefined} path
   */
  function wordsFor(given, path) {
    const chosen = path && form.querySelector(`select[name="${CSS.escape(path)}"]`);
    if (given.problem === 'Required' || (chosen instanceof HTMLSelectElement && chosen.value === '')) {
      return say('required');
    }
    return given.problem.replace(/^must be true\b/, say('ticked'));
  }

  /**
   * @param {string} intro
   * @param {Problem[]} problems
   */
  function showProblems(intro, problems) {
    /** @type {HTMLElement} */ (document.getElementById('problems-intro')).textContent = intro;
    const slots = [...form.querySelectorAll('[data-problem-for]')];
    /** @param {Problem} given */
    const place = (given) => {
      const found = given.field ? slotFor(given.field) : null;
      return found ? slots.indexOf(found.slot) : slots.length;
    };
    for (const given of [...problems].sort((a, b) => place(a) - place(b))) {
      const found = given.field ? slotFor(given.field) : null;
      const problem = wordsFor(given, found?.path);
      const name = found?.slot.dataset.label || given.field;
      const text = name ? say('problem-item', { field: name, problem }) : problem;
      const item = document.createElement('li');
      const input = found && inputFor(found.path);
      if (found) {
        found.slot.textContent = problem;
        found.slot.hidden = false;
        for (const control of form.querySelectorAll(`[name="${CSS.escape(found.path)}"]`)) {
          control.setAttribute('aria-invalid', 'true');
        }
        if (input) input.setAttribute('aria-invalid', 'true');
      }
      if (found) {
        const link = document.createElement('a');
        link.href = '#';
        link.textContent = text;
        link.addEventListener('click', (event) => {
          event.preventDefault();
          /** @type {HTMLElement} */ (input instanceof HTMLElement ? input : found.slot).focus();
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

  /** @param {Response} response */
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
    submit.textContent = submit.dataset.sending || label;
    try {
      const response = await fetch(options.endpoint, {
        method: 'POST',
        // The API says its problems in the page's language, not the browser's.
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'accept-language': document.documentElement.lang || 'en',
        },
        body: JSON.stringify(options.body()),
      });
      const answer = await answerOf(response);
      if (response.status === 201) {
        options.done(answer, response);
        return;
      }
      if (response.status === 400 && Array.isArray(answer.problems)) {
        const count = answer.problems.length;
        showProblems(say(count === 1 ? 'problems-one' : 'problems-many', { count }), answer.problems);
        return;
      }
      showProblems(say('problems-failed'), [
        { problem: answer.message || say('status', { status: response.status }) },
      ]);
    } catch {
      showProblems(say('problems-failed'), [{ problem: say('unreachable') }]);
    } finally {
      submit.disabled = false;
      submit.textContent = label;
    }
  });
}

/**
 * Shows the element of the form's success (#done), with its text, and hides the form.
 * @param {HTMLFormElement} form
 * @param {string} text
 */
export function showDone(form, text) {
  const done = /** @type {HTMLElement} */ (document.getElementById('done'));
  form.hidden = true;
  /** @type {HTMLElement} */ (document.getElementById('done-text')).textContent = text;
  done.hidden = false;
  done.focus();
}
