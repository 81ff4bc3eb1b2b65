// The public map in Chromium, with tiles that cannot load: pins, legend, popups, filters and escaping.
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openWatchedPage } from '@cocomo/testing';
import {
  aSpace,
  operator,
  startDirectory,
  verifyThroughLink,
  type DirectoryUnderTest,
} from './directory-harness';

const FREE = '#0f7b6c';
const PAID = '#c2540a';
const SCRIPT_NAME = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">';

let directory: DirectoryUnderTest;
let browser: Browser;
const spaces: Record<'free' | 'paid' | 'script', string> = { free: '', paid: '', script: '' };

async function register(overrides: Record<string, unknown>): Promise<string> {
  const response = await request(directory.url).post('/api/spaces').send(aSpace(overrides)).expect(201);
  return response.body.id;
}

async function approved(overrides: Record<string, unknown>): Promise<string> {
  const id = await register(overrides);
  await verifyThroughLink(directory, id);
  await request(directory.url).post(`/api/spaces/${id}/approve`).set(operator).expect(200);
  return id;
}

beforeAll(async () => {
  directory = await startDirectory({ MAP_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png' });
  const germany = { country: 'DE', timezone: 'Europe/Berlin' };
  spaces.free = await approved({
    ...germany,
    name: 'Mitte Commons',
    city: 'Berlin',
    latitude: 52.52,
    longitude: 13.405,
    capacity: 30,
  });
  spaces.paid = await approved({
    ...germany,
    name: 'Harbour Loft',
    city: 'Hamburg',
    latitude: 53.5511,
    longitude: 9.9937,
    capacity: 120,
    amenities: ['wifi', 'projector', 'kitchen'],
    pricing: { model: 'paid', amount: 300, currency: 'EUR', per: 'day' },
    marketRate: { amount: 600, currency: 'EUR', per: 'day' },
  });
  spaces.script = await approved({
    ...germany,
    name: SCRIPT_NAME,
    city: 'Munich',
    latitude: 48.1351,
    longitude: 11.582,
    capacity: 25,
  });
  await register({
    ...germany,
    name: 'Unreviewed Garage',
    city: 'Leipzig',
    latitude: 51.34,
    longitude: 12.37,
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await directory?.stop();
});

let page: Page;
let errors: string[];
beforeEach(async () => {
  ({ page, errors } = await openWatchedPage(browser, {
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
  }));
});
afterEach(async () => {
  await page.context().close();
});

async function openMap(path = '/map', count = 3): Promise<void> {
  await page.goto(`${directory.url}${path}`);
  await page.locator('#status', { hasText: `${count} ${count === 1 ? 'space' : 'spaces'} shown.` }).waitFor();
}

const pinFills = () =>
  page.$$eval('path.leaflet-interactive', (paths) => paths.map((path) => path.getAttribute('fill')).sort());

/**
 * Clicks a pin until its popup shows `text`. Leaflet drops clicks while the map still animates its first fit,
 * which on a loaded machine can outlast Playwright's wait for the pin to stand still.
 */
async function openPopup(pin: ReturnType<typeof page.locator>, text: string | RegExp): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    // A second click on a pin whose popup is open would close it again.
    if ((await page.locator('.leaflet-popup').count()) === 0) await pin.click();
    try {
      await page.locator('.leaflet-popup-content', { hasText: text }).waitFor({ timeout: 5000 });
      return;
    } catch (error) {
      if (attempt === 5) throw error;
    }
  }
}

/**
 * Closes the open popup with its close button. On a loaded machine the click can land while the map still pans
 * the popup into view, and miss the button: the person would click again, and so does this.
 */
async function closePopup(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const popups = page.locator('.leaflet-popup');
    if ((await popups.count()) > 0) await page.locator('.leaflet-popup-close-button').click();
    try {
      await popups.waitFor({ state: 'detached', timeout: 5000 });
      return;
    } catch (error) {
      if (attempt === 5) throw error;
    }
  }
}

const popupText = async () => (await page.locator('.leaflet-popup-content').innerText()).replace(/\s+/g, ' ');

it('serves its script, style, logo and Leaflet itself, under a policy that allows only its own scripts', async () => {
  const pageResponse = await request(directory.url).get('/map').expect(200);
  expect(pageResponse.headers['content-security-policy']).toContain("script-src 'self'");
  expect(pageResponse.text).toContain('data-tile-url="http://127.0.0.1:9/{z}/{x}/{y}.png"');
  for (const [path, type] of [
    ['/map/assets/map.js', /javascript/],
    ['/map/assets/map.css', /css/],
    ['/map/assets/cocomo-logo.svg', /svg/],
    ['/map/assets/leaflet/leaflet.js', /javascript/],
    ['/map/assets/leaflet/leaflet.css', /css/],
  ] as const) {
    const response = await request(directory.url).get(path).expect(200);
    expect(response.headers['content-type']).toMatch(type);
  }
  await request(directory.url).get('/map/assets/missing.js').expect(404);
});

it('shows every approved space as a pin, free and paid in the two colours of the legend, without tiles', async () => {
  await openMap();
  expect(await pinFills()).toEqual([FREE, FREE, PAID]);
  for (const pin of await page.locator('path.leaflet-interactive').all()) {
    expect(await pin.isVisible()).toBe(true);
  }
  const legend = page.locator('#legend');
  expect(await legend.isVisible()).toBe(true);
  expect(await legend.innerText()).toMatch(/Free[\s\S]*Paid/);
  const swatches = await legend
    .locator('.swatch')
    .evaluateAll((nodes) => nodes.map((node) => window.getComputedStyle(node).backgroundColor));
  expect(swatches).toEqual(['rgb(15, 123, 108)', 'rgb(194, 84, 10)']);
  expect(await page.locator('#tile-notice').isVisible()).toBe(true);
  expect(await page.locator('#space-list li').count()).toBe(3);
  expect(errors).toEqual([]);
});

it('opens a popup with the name, capacity, amenities and price when a pin is clicked', async () => {
  await openMap();
  await openPopup(page.locator(`path.leaflet-interactive[fill="${PAID}"]`), 'Harbour Loft');
  const paid = await popupText();
  expect(paid).toContain('Harbour Loft');
  expect(paid).toContain('Capacity 120 people');
  expect(paid).toContain('Amenities wifi, projector, kitchen');
  expect(paid).toContain('Price EUR 300 per day');
  await closePopup();
  await openPopup(page.locator(`path.leaflet-interactive[fill="${FREE}"]`).first(), /Price\s*Free/);
  expect(await popupText()).toMatch(/Capacity \d+ people .*Price Free/);
});

it('shows a name written as HTML as text, and nothing in it runs', async () => {
  await openMap();
  const listed = page.locator('.space-item', { hasText: 'Munich' });
  expect(await listed.locator('.space-item-name').textContent()).toBe(SCRIPT_NAME);
  await listed.click();
  expect(await page.locator('.leaflet-popup-content .space-name').textContent()).toBe(SCRIPT_NAME);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('img[src="x"], body script:not([src])').count()).toBe(0);
  expect(errors).toEqual([]);
});

it("opens the popup of the space named in the address's #space=<id>", async () => {
  await openMap(`/map#space=${spaces.paid}`);
  expect(await popupText()).toContain('Harbour Loft');
});

it('filters by pricing, and keeps the filter in the address', async () => {
  await openMap();
  await page.getByLabel('Paid', { exact: true }).check();
  await page.getByRole('button', { name: 'Show spaces' }).click();
  await page.locator('#status', { hasText: '1 space shown.' }).waitFor();
  expect(await pinFills()).toEqual([PAID]);
  expect(new URL(page.url()).search).toBe('?pricing=paid');
  await openMap('/map?pricing=paid&minCapacity=100', 1);
  expect(await pinFills()).toEqual([PAID]);
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.locator('#status', { hasText: '3 spaces shown.' }).waitFor();
});

it('follows nextCursor until every page of spaces is on the map', async () => {
  const asked: URL[] = [];
  await page.route(
    (url) => url.pathname === '/api/spaces.geojson',
    async (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set('limit', '1');
      asked.push(url);
      await route.continue({ url: url.toString() });
    },
  );
  await openMap();
  expect(await pinFills()).toEqual([FREE, FREE, PAID]);
  expect(asked.length).toBeGreaterThanOrEqual(3);
  expect(asked[0].searchParams.has('cursor')).toBe(false);
  expect(asked.slice(1).every((url) => url.searchParams.has('cursor'))).toBe(true);
});

it('says so when the spaces cannot be loaded, and loads them on "Try again"', async () => {
  let failing = true;
  await page.route(
    (url) => url.pathname === '/api/spaces.geojson',
    (route) => (failing ? route.fulfill({ status: 503, body: 'down' }) : route.continue()),
  );
  await page.goto(`${directory.url}/map`);
  const problem = page.getByRole('alert');
  await problem.waitFor();
  expect(await problem.innerText()).toMatch(/status 503/);
  failing = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.locator('#status', { hasText: '3 spaces shown.' }).waitFor();
  expect(await problem.isVisible()).toBe(false);
});
