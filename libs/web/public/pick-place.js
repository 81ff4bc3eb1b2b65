// @ts-check
// A small map to pick a place on (where a space is, where an event should be): a click fills in the two
// coordinate fields, and typed coordinates move the pin. Without Leaflet the map hides and the hint says to
// type the coordinates.
import { say } from './words.js';

/**
 * @param {{ latitude: HTMLInputElement, longitude: HTMLInputElement, zoom: number }} options
 */
export function pickPlace({ latitude, longitude, zoom }) {
  const mapBox = /** @type {HTMLElement} */ (document.getElementById('pick-map'));
  const hint = /** @type {HTMLElement} */ (document.getElementById('pick-hint'));
  if (typeof L === 'undefined') {
    mapBox.hidden = true;
    hint.textContent = say('type-coordinates');
    return;
  }
  const pickMap = L.map(mapBox, { worldCopyJump: true }).setView([20, 0], 2);
  L.tileLayer(document.body.dataset.tileUrl ?? '', {
    maxZoom: 19,
    attribution: document.getElementById('attribution')?.innerHTML ?? '',
  }).addTo(pickMap);
  /** @type {L.CircleMarker | null} */
  let pin = null;
  /** @param {boolean} centre */
  const placePin = (centre) => {
    const lat = Number(latitude.value);
    const lng = Number(longitude.value);
    if (latitude.value === '' || longitude.value === '' || Math.abs(lat) > 90 || Math.abs(lng) > 180) return;
    if (pin) pin.setLatLng([lat, lng]);
    else pin = L.circleMarker([lat, lng], { radius: 9, className: 'picked-place' }).addTo(pickMap);
    if (centre) pickMap.setView([lat, lng], Math.max(pickMap.getZoom(), zoom));
  };
  pickMap.on('click', (event) => {
    const point = /** @type {L.LeafletMouseEvent} */ (event).latlng.wrap();
    latitude.value = point.lat.toFixed(5);
    longitude.value = point.lng.toFixed(5);
    placePin(false);
  });
  latitude.addEventListener('change', () => placePin(true));
  longitude.addEventListener('change', () => placePin(true));
}
