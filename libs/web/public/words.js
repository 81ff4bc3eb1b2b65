// @ts-check
// The words a page's script shows (counts, problems, labels) are written in the page's view, in
// <template class="words"> elements, one <span data-word="key"> each, so that every sentence a person reads
// lives in a template and none in code. Placeholders are written {name}.

/**
 * The sentence `key` of the page, with its placeholders filled in.
 * @param {string} key
 * @param {Record<string, string | number>} [values]
 * @returns {string}
 */
export function say(key, values = {}) {
  for (const words of document.querySelectorAll('template.words')) {
    const word = /** @type {HTMLTemplateElement} */ (words).content.querySelector(
      `[data-word="${CSS.escape(key)}"]`,
    );
    if (word) return fill(word.textContent ?? '', values);
  }
  throw new Error(`The page has no words for "${key}"`);
}

/**
 * Whether the page has words for `key`.
 * @param {string} key
 */
export function hasWords(key) {
  return [...document.querySelectorAll('template.words')].some((words) =>
    /** @type {HTMLTemplateElement} */ (words).content.querySelector(`[data-word="${CSS.escape(key)}"]`),
  );
}

/**
 * @param {string} text
 * @param {Record<string, string | number>} values
 */
function fill(text, values) {
  return text.trim().replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/**
 * A copy of the page's <template id="…">, whose [data-slot] elements the caller fills with text.
 * @param {string} id
 * @returns {{ root: HTMLElement, slot: (name: string) => HTMLElement }}
 */
export function copyOf(id) {
  const template = /** @type {HTMLTemplateElement} */ (document.getElementById(id));
  const root = /** @type {HTMLElement} */ (
    /** @type {DocumentFragment} */ (template.content.cloneNode(true)).firstElementChild
  );
  return {
    root,
    slot: (name) => {
      const found = root.querySelector(`[data-slot="${CSS.escape(name)}"]`);
      if (!(found instanceof HTMLElement)) throw new Error(`The template ${id} has no slot "${name}"`);
      return found;
    },
  };
}
