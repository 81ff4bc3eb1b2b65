// The public map in Chromium, with tiles that cannot load: pins, legend, popups, filters and escaping.
import request from 'supertest';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openWatchedPage } from '@cocomo/testing';
import { mapViewStatement } from '../src/map/map-view-statement';
import { searchStatement } from '../src/search/search-statements';
import { mapViewSchema, searchSpacesSchema } from '../src/spaces/space.dto';
import {
  aSpace,
  approvedSpace,
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

/** Whether a request asks for the map's view once it has moved from the whole world to where the spaces are. */
function fittedView(url: URL): boolean {
  const bbox = url.searchParams.get('bbox');
  if (url.pathname !== '/api/map' || !bbox) return false;
  const [west, , east] = bbox.split(',').map(Number);
  return east - west < 300;
}

async function openMap(path = '/map', count = 3): Promise<void> {
  const fitted = page.waitForResponse((response) => fittedView(new URL(response.url())));
  await page.goto(`${directory.url}${path}`);
  await fitted;
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
    if ((await page.locator('.leaflet-popup').count()) === 0) {
      await pin.click({ timeout: 3000 }).catch(() => undefined);
    }
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
 * the popup into view, and miss the button, or wait on a button that keeps moving: the person would click
 * again, and so does this, each click given a few seconds rather than the whole test's time.
 */
async function closePopup(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const popups = page.locator('.leaflet-popup');
    if ((await popups.count()) > 0) {
      await page
        .locator('.leaflet-popup-close-button')
        .click({ timeout: 3000 })
        .catch(() => undefined);
    }
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
  // The map goes to the space (close enough to show it alone), and opens its popup.
  await openMap(`/map#space=${spaces.paid}`, 1);
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
  // Clearing the filters keeps the view (the one paid space, close up): the free spaces elsewhere stay out of it.
  const cleared = page.waitForResponse((response) => {
    const url = new URL(response.url());
    return url.pathname === '/api/map' && !url.searchParams.has('pricing');
  });
  await page.getByRole('button', { name: 'Clear' }).click();
  await cleared;
  await page.locator('#status', { hasText: '1 space shown.' }).waitFor();
  expect(new URL(page.url()).search).toBe('');
});

it('asks only for the view it shows, and pages the list of the spaces nearest its middle', async () => {
  const asked: URL[] = [];
  await page.route(
    (url) => url.pathname === '/api/map' || url.pathname === '/api/spaces',
    async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/api/spaces') url.searchParams.set('limit', '1');
      asked.push(url);
      await route.continue({ url: url.toString() });
    },
  );
  await openMap();
  expect(await pinFills()).toEqual([FREE, FREE, PAID]);
  expect(asked.length).toBeGreaterThanOrEqual(2);
  for (const url of asked) {
    const [west, south, east, north] = url.searchParams.get('bbox')!.split(',').map(Number);
    expect(west).toBeLessThan(east);
    expect(south).toBeLessThan(north);
    expect(url.searchParams.has('cursor')).toBe(false);
  }
  // The view fitted to the three spaces of Germany: its box holds them all and little of the world.
  const last = asked.filter((url) => url.pathname === '/api/map').pop()!;
  const [west, south, east, north] = last.searchParams.get('bbox')!.split(',').map(Number);
  expect(west).toBeLessThan(9.9937);
  expect(east).toBeGreaterThan(13.405);
  expect(east - west).toBeLessThan(60);
  expect(south).toBeLessThan(48.1351);
  expect(north).toBeGreaterThan(53.5511);

  expect(await page.locator('#space-list li').count()).toBe(1);
  const more = page.getByRole('button', { name: 'Show more spaces' });
  await more.click();
  await page.locator('#space-list li').nth(1).waitFor();
  await more.click();
  await page.locator('#space-list li').nth(2).waitFor();
  expect(await more.isVisible()).toBe(false);
  const names = await page.locator('.space-item-name').allTextContents();
  expect(new Set(names).size).toBe(3);
  expect(asked.filter((url) => url.searchParams.has('cursor'))).toHaveLength(2);
});

it('says so when the spaces cannot be loaded, and loads them on "Try again"', async () => {
  let failing = true;
  await page.route(
    (url) => url.pathname === '/api/map',
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

describe('open and free for a time', () => {
  // Mitte Commons opens on Tuesday evenings only; Harbour Loft is booked on one Tuesday evening.
  const TUESDAY = { from: '2030-03-05T19:00:00+01:00', to: '2030-03-05T21:00:00+01:00' };
  const WEDNESDAY = { from: '2030-03-06T19:00:00+01:00', to: '2030-03-06T21:00:00+01:00' };
  const GERMANY = '5.5,47,15.5,55.5';
  const sql = (text: string, params: unknown[] = []) =>
    directory.app.get(EntityManager).fork().getConnection().execute(text, params);
  const ids = async (path: string, time: { from: string; to: string }) => {
    const { body } = await request(directory.url)
      .get(path)
      .query({ bbox: GERMANY, ...time })
      .expect(200);
    const found: string[] =
      path === '/api/map'
        ? body.features.map((feature: { properties: { id: string } }) => feature.properties.id)
        : body.items.map((item: { id: string }) => item.id);
    return found.sort();
  };

  beforeAll(async () => {
    const evenings = {
      mon: [],
      tue: [{ from: '18:00', to: '22:00' }],
      wed: [],
      thu: [],
      fri: [],
      sat: [],
      sun: [],
    };
    await sql(
      `update "directory"."space" set "availability" = jsonb_set("availability", '{hours}', ?::jsonb) where "id" = ?`,
      [JSON.stringify({ mode: 'weekly', days: evenings }), spaces.free],
    );
    await sql(
      `insert into "directory"."booked_time" ("booking_id", "space_id", "event_title", "event_start", "event_end", "booking_version", "changed_at")
       values (gen_random_uuid(), ?, 'Booked', ?, ?, 1, now())`,
      [spaces.paid, '2030-03-05T17:00:00Z', '2030-03-05T22:00:00Z'],
    );
  });
  afterAll(async () => {
    await sql(
      `update "directory"."space" set "availability" = jsonb_set("availability", '{hours}', '{"mode":"on-request"}') where "id" = ?`,
      [spaces.free],
    );
    await sql(`delete from "directory"."booked_time" where "space_id" = ?`, [spaces.paid]);
  });

  it('leaves out of the map the spaces closed or booked then, as the search does', async () => {
    for (const path of ['/api/map', '/api/spaces']) {
      expect(await ids(path, TUESDAY)).toEqual([spaces.free, spaces.script].sort());
      expect(await ids(path, WEDNESDAY)).toEqual([spaces.paid, spaces.script].sort());
    }
  });

  it.each([
    [{ from: TUESDAY.from }, 'to', 'go together'],
    [{ to: TUESDAY.to }, 'from', 'go together'],
    [{ from: 'next tuesday', to: TUESDAY.to }, 'from', 'ISO 8601'],
    [{ from: TUESDAY.to, to: TUESDAY.from }, 'to', 'after from'],
  ])('refuses the time %j with a 400 naming %s', async (time, field, problem) => {
    for (const path of ['/api/map', '/api/spaces']) {
      const response = await request(directory.url)
        .get(path)
        .query({ bbox: GERMANY, ...time })
        .expect(400);
      expect(response.body.problems).toEqual([
        { field, problem: expect.stringContaining(problem), code: expect.any(String) },
      ]);
    }
  });

  it("filters the map page by the time typed, in the browser's zone, and keeps it in the address", async () => {
    await page.context().close();
    ({ page, errors } = await openWatchedPage(browser, {
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
      timezoneId: 'Europe/Berlin',
    }));
    await openMap();
    await page.getByLabel('From', { exact: true }).fill('2030-03-06T19:00');
    await page.getByLabel('To', { exact: true }).fill('2030-03-06T21:00');
    const asked = page.waitForResponse((response) => {
      const url = new URL(response.url());
      return url.pathname === '/api/map' && url.searchParams.get('from') === '2030-03-06T18:00:00.000Z';
    });
    await page.getByRole('button', { name: 'Show spaces' }).click();
    await asked;
    await page.locator('#status', { hasText: '2 spaces shown.' }).waitFor();
    expect(await pinFills()).toEqual([FREE, PAID]);
    expect(await page.locator('.space-item-name').allTextContents()).not.toContain('Mitte Commons');
    expect(new URL(page.url()).searchParams.get('from')).toBe('2030-03-06T19:00');
    // A time the directory refuses is named beside what was asked.
    await page.getByLabel('To', { exact: true }).fill('2030-03-06T18:00');
    await page.getByRole('button', { name: 'Show spaces' }).click();
    await page.getByRole('alert').filter({ hasText: 'To must be after from.' }).waitFor();
    expect(errors).toEqual([]);
  });
});

describe('at 10,000 spaces', () => {
  // Two cities' worth of spaces on a regular grid, every third one paid: around Berlin 6,000 over 2° × 1°
  // (a space every ~1.5 km), around Paris 4,000 over 2° × 1° (every ~2 km).
  const BERLIN = { west: 12.4, south: 52.0, columns: 100, rows: 60 };
  const PARIS = { west: 1.35, south: 48.35, columns: 80, rows: 50 };
  const TOTAL = BERLIN.columns * BERLIN.rows + PARIS.columns * PARIS.rows;
  const PAID_SPACES =
    Math.ceil((BERLIN.columns * BERLIN.rows) / 3) + Math.ceil((PARIS.columns * PARIS.rows) / 3);
  const WORLD = '-180,-85,180,85';
  const BERLIN_CITY = '13.3,52.45,13.5,52.55';
  let many: DirectoryUnderTest;
  let em: EntityManager;

  const gridInsert = (
    grid: typeof BERLIN,
    city: string,
    country: string,
    timezone: string,
    offset: number,
  ) => `
    insert into "directory"."space" ("id", "name", "kind", "description", "address", "city", "country", "latitude",
      "longitude", "timezone", "capacity", "amenities", "pricing_model", "price_amount", "price_currency", "price_per",
      "market_rate_amount", "market_rate_currency", "market_rate_per", "host_name", "host_email", "supports_foss",
      "non_commercial_pledge", "status", "created_at", "updated_at", "approved_at")
    select gen_random_uuid(), '${city} space ' || n, 'community', 'A room.', n || ' Grid Street', '${city}', '${country}',
      ${grid.south} + (n / ${grid.columns}) * ${1 / grid.rows}, ${grid.west} + (n % ${grid.columns}) * ${2 / grid.columns},
      '${timezone}', 10 + n % 90, array['wifi'], case when n % 3 = 0 then 'paid' else 'free' end,
      case when n % 3 = 0 then 100 end, case when n % 3 = 0 then 'EUR' end, case when n % 3 = 0 then 'day' end,
      300, 'EUR', 'day', 'Host', 'host' || n || '@example.org', true, true, 'approved', now(), now(), now()
    from generate_series(${offset}, ${offset + grid.columns * grid.rows - 1}) n`;

  beforeAll(async () => {
    many = await startDirectory({ MAP_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png' });
    em = many.app.get(EntityManager).fork();
    await em.execute(gridInsert(BERLIN, 'Berlin', 'DE', 'Europe/Berlin', 0));
    await em.execute(gridInsert(PARIS, 'Paris', 'FR', 'Europe/Paris', 0));
    await em.execute('analyze "directory"."space"');
  });
  afterAll(async () => {
    await many?.stop();
  });

  type Answer = {
    total: number;
    clustered: boolean;
    features: {
      geometry: { coordinates: [number, number] };
      properties: { cluster?: true; count: number; free: number; paid: number; pricing?: string };
    }[];
  };
  const view = async (query: string): Promise<Answer> =>
    (await request(many.url).get(`/api/map?${query}`).expect(200)).body;
  const countIn = async (bbox: string, extra = ''): Promise<number> => {
    const [west, south, east, north] = bbox.split(',').map(Number);
    const rows: { count: string }[] = await em.execute(
      `select count(*) from "directory"."space" where "status" = 'approved' and "longitude" between ? and ?
        and "latitude" between ? and ? ${extra}`,
      [west, east, south, north],
    );
    return Number(rows[0].count);
  };

  it('answers a wide view with clusters that count free and paid apart, from the kept grid', async () => {
    const world = await view(`bbox=${WORLD}`);
    expect(world.clustered).toBe(true);
    expect(world.total).toBe(TOTAL);
    const clusters = world.features.map((feature) => feature.properties);
    expect(clusters.every((cluster) => cluster.cluster === true)).toBe(true);
    expect(clusters.reduce((sum, cluster) => sum + cluster.count, 0)).toBe(TOTAL);
    expect(clusters.every((cluster) => cluster.free + cluster.paid === cluster.count)).toBe(true);
    expect(clusters.reduce((sum, cluster) => sum + cluster.paid, 0)).toBe(PAID_SPACES);
    expect(clusters.some((cluster) => cluster.free > 0 && cluster.paid > 0)).toBe(true);

    const paid = await view(`bbox=${WORLD}&pricing=paid`);
    expect(paid.total).toBe(PAID_SPACES);
    expect(paid.features.every((feature) => feature.properties.free === 0)).toBe(true);

    // The filters the kept grid does not know are counted from the map index, on the same cells.
    const big = await view(`bbox=${WORLD}&minCapacity=90`);
    expect(big.total).toBe(await countIn(WORLD, 'and "capacity" >= 90'));
    expect(big.features.every((feature) => feature.properties.cluster)).toBe(true);
  });

  it('keeps the grid counted as spaces are approved and retired', async () => {
    const bbox = '100,-50,110,-40';
    expect((await view(`bbox=${bbox}`)).total).toBe(0);
    const id = await approvedSpace(many, {
      latitude: -45,
      longitude: 105,
      country: 'AU',
      timezone: 'Australia/Perth',
    });
    const one = await view(`bbox=${WORLD}`);
    expect(one.total).toBe(TOTAL + 1);
    expect((await view(`bbox=${bbox}`)).features).toHaveLength(1);
    await request(many.url).post(`/api/spaces/${id}/retire`).set(operator).expect(200);
    expect((await view(`bbox=${WORLD}`)).total).toBe(TOTAL);
    expect((await view(`bbox=${bbox}`)).total).toBe(0);
  });

  it("answers a city's view with a pin for each of its spaces, both colours, through the map index", async () => {
    const city = await view(`bbox=${BERLIN_CITY}`);
    expect(city.clustered).toBe(false);
    expect(city.total).toBe(await countIn(BERLIN_CITY));
    expect(city.features.length).toBe(city.total);
    const models = new Set(city.features.map((feature) => feature.properties.pricing));
    expect(models).toEqual(new Set(['free', 'paid']));
    for (const { geometry } of city.features) {
      const [lng, lat] = geometry.coordinates;
      expect(lng >= 13.3 && lng <= 13.5 && lat >= 52.45 && lat <= 52.55).toBe(true);
    }
    const plan = async (statement: { sql: string; params: unknown[] }) =>
      (await em.execute(`explain ${statement.sql}`, statement.params))
        .map((row: Record<string, string>) => row['QUERY PLAN'])
        .join('\n');
    const cityView = mapViewSchema.parse({ bbox: BERLIN_CITY });
    expect(await plan(mapViewStatement(cityView))).toContain('space_approved_map');
    expect(await plan(mapViewStatement(mapViewSchema.parse({ bbox: WORLD })))).toContain('map_cell_pkey');
    const list = searchSpacesSchema.parse({ bbox: BERLIN_CITY });
    // (On a million spaces the list walks the index nearest first: the bench shows its plan.)
    expect(await plan(searchStatement(list, 'approved'))).toContain('space_approved_map');
  });

  it('lists the spaces in view nearest its middle, page by page, each once', async () => {
    const inView = await countIn(BERLIN_CITY);
    const seen: string[] = [];
    const distances: number[] = [];
    let cursor: string | null = null;
    do {
      const page: {
        body: {
          items: { id: string; latitude: number; longitude: number }[];
          total: number;
          nextCursor: string | null;
        };
      } = await request(many.url)
        .get('/api/spaces')
        .query({ bbox: BERLIN_CITY, limit: 50, ...(cursor ? { cursor } : {}) })
        .expect(200);
      expect(page.body.total).toBe(inView);
      for (const item of page.body.items) {
        seen.push(item.id);
        distances.push(Math.hypot(item.longitude - 13.4, item.latitude - 52.5));
      }
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(inView);
    expect(new Set(seen).size).toBe(inView);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    const free = await request(many.url)
      .get('/api/spaces')
      .query({ bbox: BERLIN_CITY, pricing: 'paid' })
      .expect(200);
    expect(free.body.total).toBe(await countIn(BERLIN_CITY, `and "pricing_model" = 'paid'`));
  });

  it.each([
    ['13.3,52.45,13.5', 'must be four numbers'],
    ['a,b,c,d', 'must be four numbers'],
    ['13.3,52.45,13.5,1e3', 'must be four numbers'],
    ['13.3,52.55,13.5,52.45', 'south below its north'],
    ['-190,10,10,20', 'outside the map'],
    ['10,-95,20,20', 'outside the map'],
    ['170,-20,-170,-10', 'antimeridian'],
  ])('refuses bbox=%s with a 400 that names bbox (%s)', async (bbox, problem) => {
    for (const path of ['/api/map', '/api/spaces']) {
      const response = await request(many.url).get(path).query({ bbox }).expect(400);
      expect(response.body.problems).toEqual([
        { field: 'bbox', problem: expect.stringContaining(problem), code: expect.any(String) },
      ]);
    }
  });

  it('refuses a view without a box, and filters it does not know', async () => {
    const none = await request(many.url).get('/api/map').expect(400);
    expect(none.body.problems.map((p: { field: string }) => p.field)).toEqual(['bbox']);
    const unknown = await request(many.url).get('/api/map').query({ bbox: WORLD, cursor: 'x' }).expect(400);
    expect(JSON.stringify(unknown.body.problems)).toContain('cursor');
  });

  describe('in Chromium', () => {
    let wide: Page;
    beforeEach(async () => {
      ({ page: wide, errors } = await openWatchedPage(browser, {
        viewport: { width: 1280, height: 800 },
        locale: 'en-US',
      }));
    });
    afterEach(async () => {
      await wide.context().close();
    });

    const clusterRings = () =>
      wide.$$eval('.space-cluster-ring', (rings) =>
        rings.map((ring) => ({
          className: ring.className,
          free: Number((ring as HTMLElement).dataset.free),
          paid: Number((ring as HTMLElement).dataset.paid),
          background: window.getComputedStyle(ring).backgroundImage,
        })),
      );

    it('shows clusters in both colours at a wide zoom, and pins of both colours once zoomed in', async () => {
      const asked: string[] = [];
      wide.on('request', (sent) => {
        if (new URL(sent.url()).pathname === '/api/map') asked.push(sent.url());
      });
      const fitted = wide.waitForResponse((response) => fittedView(new URL(response.url())));
      await wide.goto(`${many.url}/map`);
      await fitted;
      await wide.locator('#status', { hasText: /spaces here, counted in clusters/ }).waitFor();
      const rings = await clusterRings();
      expect(rings.length).toBeGreaterThan(0);
      expect(rings.some((ring) => ring.free > 0 && ring.paid > 0)).toBe(true);
      const mixed = rings.find((ring) => ring.className.includes('space-cluster-mixed'))!;
      expect(mixed.background).toContain('rgb(15, 123, 108)');
      expect(mixed.background).toContain('rgb(194, 84, 10)');
      expect(await wide.locator('path.space-pin').count()).toBe(0);

      // With the keyboard: a cluster takes the focus, and Enter zooms to it, until the pins show.
      for (let step = 0; step < 8 && (await wide.locator('path.space-pin').count()) === 0; step++) {
        const status = await wide.locator('#status').innerText();
        await wide.locator('.leaflet-marker-icon.space-cluster').first().focus();
        await wide.keyboard.press('Enter');
        await wide
          .waitForFunction(
            (before) => {
              const now = document.getElementById('status')?.textContent ?? '';
              return now !== before && !now.startsWith('Loading');
            },
            status,
            { timeout: 10_000 },
          )
          .catch(() => undefined);
      }
      await wide.locator('#status', { hasText: /spaces? shown\./ }).waitFor();
      const fills = await wide.$$eval('path.space-pin', (paths) =>
        paths.map((path) => path.getAttribute('fill')),
      );
      expect(fills.length).toBeGreaterThan(0);
      expect(new Set(fills)).toEqual(new Set([FREE, PAID]));
      expect(await wide.locator('.space-cluster-ring').count()).toBe(0);
      expect(await wide.locator('#space-list li').count()).toBeGreaterThan(0);

      // Panning asks for the new view only, once the map stands still.
      const before = asked.length;
      const next = wide.waitForRequest((sent) => new URL(sent.url()).pathname === '/api/map');
      await wide.locator('#map').focus();
      await wide.keyboard.press('ArrowRight');
      await wide.keyboard.press('ArrowRight');
      await next;
      await wide.locator('#status', { hasText: /spaces? shown\./ }).waitFor();
      expect(asked.length - before).toBeGreaterThanOrEqual(1);
      expect(asked.length - before).toBeLessThanOrEqual(2);
      expect(await wide.locator('path.space-pin').count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    });
  });
});
