// @ts-check
// The "list your space" page: the shared form script sends the form to POST /api/spaces as JSON and shows the
// answer; this file says what goes in the body, picks the place on a small map and guesses the time zone.
import { connectForm, controlsOf, setPath, showDone, tickedAndOthers, valueOf } from './forms.js';
import { pickPlace } from './pick-place.js';
import { say } from './words.js';

const form = /** @type {HTMLFormElement} */ (document.getElementById('register'));
const paidPrice = /** @type {HTMLElement} */ (document.getElementById('paid-price'));
/** @param {string} name */
const control = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));

pickPlace({ latitude: control('latitude'), longitude: control('longitude'), zoom: 13 });

// The time zone a person is in is the likeliest one of their space.
const zone = /** @type {HTMLSelectElement} */ (form.elements.namedItem('timezone'));
const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
const yours = [...zone.options].find(
  (option) => here && (option.value === here || option.dataset.oldName === here),
);
if (yours) zone.value = yours.value;

function showPaidPrice() {
  paidPrice.hidden = control('pricing.model').value !== 'paid';
}
form.addEventListener('change', (event) => {
  if (/** @type {HTMLInputElement} */ (event.target).name === 'pricing.model') showPaidPrice();
});
showPaidPrice();

/**
 * The body for POST /api/spaces: a price only for a paid space, a market rate only when its amount is given.
 * @returns {Record<string, any>}
 */
function body() {
  /** @type {Record<string, any>} */
  const space = {};
  for (const input of controlsOf(form)) {
    if (input.name === 'amenities' || input.name === 'otherAmenities') continue;
    if (input.name.startsWith('pricing.') && input.name !== 'pricing.model' && paidPrice.hidden) continue;
    const value = valueOf(input);
    if (value !== undefined) setPath(space, input.name, value);
  }
  space.amenities = tickedAndOthers(form, 'amenities', 'otherAmenities');
  if (space.marketRate.amount === undefined) delete space.marketRate;
  return space;
}

connectForm({
  form,
  endpoint: '/api/spaces',
  body,
  done: () => showDone(form, say('done', { email: control('host.email').value.trim() })),
});
