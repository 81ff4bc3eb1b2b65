// A host manages their space through the link in their mails, across the services and through real mail: an
// edit of what operators reviewed waits for them while the listing keeps its approved values, the rest applies
// at once, each change is in the history and mailed; when the space can be asked is set on the same page, and a
// form with a problem changes nothing and comes back with the problem beside its field and what was typed. The
// page that mails the link answers the same for any email and is limited per email and per address.
import request from 'supertest';
import { DateTime } from 'luxon';
import { ActionLinks, MANAGE_SPACE, MANAGE_SPACE_PATH } from '@cocomo/links';
import type { ServiceUnderTest } from '@cocomo/testing';
import { approvedSpace, operator } from '../../apps/directory/test/directory-harness';
import { LINKS_PER_ADDRESS, LINKS_PER_EMAIL } from '@cocomo/platform';
import { linkIn, openLink, submit } from './link-pages';
import { startSystemOverMail, type SystemOverMail } from './system-over-mail';

let system: SystemOverMail;
let directory: ServiceUnderTest;
let mailTo: SystemOverMail['mailTo'];
let kiez: string;
let manage: string;
const ZONE = 'Europe/Berlin';

beforeAll(async () => {
  // Public writes are counted (the tests run them off), so that the page's own limit per address applies.
  system = await startSystemOverMail({ THROTTLE_LIMIT: '1000' });
  ({ directory, mailTo } = system);
  kiez = await approvedSpace(directory, {
    name: 'Kiez Commons',
    city: 'Berlin',
    country: 'DE',
    timezone: ZONE,
    latitude: 52.52,
    longitude: 13.405,
    capacity: 60,
    amenities: ['wifi'],
    host: { name: 'Anna', email: 'anna@example.org' },
  });
  manage = linkIn(await mailTo('anna@example.org', /^Kiez Commons is now listed/), 'Manage your space');
}, 120_000);
afterAll(async () => {
  await system?.stop();
});

const publicSpace = async () => (await request(directory.url).get(`/api/spaces/${kiez}`).expect(200)).body;
const operatorSpace = async () =>
  (await request(directory.url).get(`/api/spaces/${kiez}`).set(operator).expect(200)).body;
const historyLines = (html: string) => html.match(/<li><p><strong>/g)?.length ?? 0;

it('the approval mail carries the manage link; opening it shows the space and changes nothing', async () => {
  expect(manage).toMatch(new RegExp(`^${MANAGE_SPACE_PATH}/v1\\.`));
  const before = await operatorSpace();
  const page = await openLink(directory.url, manage);
  await openLink(directory.url, manage);
  expect(page.status).toBe(200);
  expect(page.heading).toBe('Manage Kiez Commons');
  expect(page.form?.fields).toMatchObject({ name: 'Kiez Commons', capacity: '60', pricingModel: 'free' });
  expect(await operatorSpace()).toEqual(before);
  expect(historyLines(page.html)).toBe(0);
});

it("the bookings' mails to a host carry the manage link too", async () => {
  const start = DateTime.now().setZone(ZONE).plus({ days: 30 }).set({ hour: 19, minute: 0, second: 0 });
  await request(system.bookings.url)
    .post('/api/bookings')
    .send({
      organizer: { name: 'Rhea', email: 'rhea@example.org', community: 'Berlin Rust' },
      event: {
        title: 'Manage night',
        start: start.toISO(),
        end: start.plus({ hours: 2 }).toISO(),
        expectedAttendees: 20,
      },
      spaceId: kiez,
    })
    .expect(201);
  const asked = await mailTo('anna@example.org', /^Can Kiez Commons host Manage night\?$/);
  const link = linkIn(asked, 'Manage your space');
  expect((await openLink(directory.url, link)).heading).toBe('Manage Kiez Commons');
});

it('an edit of a reviewed field waits for an operator while the rest applies at once; both are mailed', async () => {
  const page = await openLink(directory.url, manage);
  const saved = await submit(directory.url, page, { name: 'Kiez Commons Hall', capacity: '80' });
  expect(saved.status).toBe(303);

  const listed = await publicSpace();
  expect(listed).toMatchObject({ name: 'Kiez Commons', capacity: 80 });
  expect((await operatorSpace()).pendingChange).toMatchObject({
    columns: { name: 'Kiez Commons Hall' },
    by: 'anna@example.org',
  });
  const applied = await mailTo('anna@example.org', /^Kiez Commons has changed$/);
  expect(applied.text).toContain('Capacity: 80 people');
  const waiting = await mailTo('anna@example.org', /^Your change to Kiez Commons waits for review$/);
  expect(waiting.text).toContain('Name: Kiez Commons Hall');
  expect(linkIn(waiting, 'Manage your space')).toMatch(new RegExp(`^${MANAGE_SPACE_PATH}/`));

  const again = await openLink(directory.url, manage);
  expect(again.html).toContain('Waiting for review');
  expect(historyLines(again.html)).toBe(2);

  const review = await request(directory.url).get('/review').set(operator).expect(200);
  expect(review.text).toContain('Kiez Commons Hall');
  await request(directory.url).post(`/review/changes/${kiez}/approve`).set(operator).expect(303);
  expect(await publicSpace()).toMatchObject({ name: 'Kiez Commons Hall', capacity: 80 });
  expect((await operatorSpace()).pendingChange).toBeNull();
  await mailTo('anna@example.org', /^Your change to Kiez Commons Hall is approved$/);
});

it('a listing with problems changes nothing and comes back with each problem beside its field', async () => {
  const before = await operatorSpace();
  const page = await openLink(directory.url, manage);
  const refused = await submit(directory.url, page, { name: '', capacity: 'many', priceCurrency: 'EUR' });
  expect(refused.status).toBe(400);
  expect(refused.html).toContain('value="many"');
  expect(refused.html).toMatch(/<span class="field-problem">must be a number[^<]*<\/span>/);
  expect(refused.html).toMatch(/<span class="field-problem">must not be empty<\/span>/);
  expect(await operatorSpace()).toEqual(before);
  expect(historyLines(refused.html)).toBe(historyLines(page.html));
});

it("says a refused listing's problems in the page's language", async () => {
  const page = await openLink(directory.url, manage);
  const refused = await submit(
    directory.url,
    page,
    { name: '', capacity: 'many' },
    { 'accept-language': 'es' },
  );
  expect(refused.status).toBe(400);
  expect(refused.html).toContain('<span class="field-problem">debe ser un número, por ejemplo 52.52</span>');
  expect(refused.html).toContain('<span class="field-problem">no puede estar vacío</span>');
});

it('a pledge withdrawn waits for review with the listing still pledged; approved, the space leaves the directory', async () => {
  const spree = await approvedSpace(directory, {
    name: 'Spree Loft',
    city: 'Berlin',
    country: 'DE',
    timezone: ZONE,
    latitude: 52.51,
    longitude: 13.41,
    host: { name: 'Bruno', email: 'bruno@example.org' },
  });
  const link = linkIn(await mailTo('bruno@example.org', /^Spree Loft is now listed/), 'Manage your space');
  const spreeFor = async () => (await request(directory.url).get(`/api/spaces/${spree}`).set(operator)).body;
  const page = await openLink(directory.url, link);
  expect(page.form?.ticked).toMatchObject({ supportsFoss: ['yes'], nonCommercialPledge: ['yes'] });

  expect((await submit(directory.url, page, { nonCommercialPledge: [] })).status).toBe(303);
  const waiting = await spreeFor();
  expect(waiting.pendingChange.columns).toEqual({ nonCommercialPledge: false });
  expect(waiting.eligibility).toEqual({ supportsFoss: true, nonCommercialPledge: true });
  await request(directory.url).get(`/api/spaces/${spree}`).expect(200);
  const mail = await mailTo('bruno@example.org', /^Your change to Spree Loft waits for review$/);
  expect(mail.text).toContain('Pledges not to commercialise FOSS activities: no');
  const shown = await openLink(directory.url, link);
  expect(shown.form?.ticked.nonCommercialPledge).toEqual(['yes']);
  expect(shown.html).toContain('Pledges not to commercialise FOSS activities');

  await request(directory.url).post(`/review/changes/${spree}/approve`).set(operator).expect(303);
  expect(await spreeFor()).toMatchObject({
    status: 'retired',
    eligibility: { supportsFoss: true, nonCommercialPledge: false },
  });
  await request(directory.url).get(`/api/spaces/${spree}`).expect(404);
});

it('when the space can be asked: bad ranges, zone, pause and cap are refused by field; good ones are kept', async () => {
  const yesterday = DateTime.now().setZone(ZONE).minus({ days: 1 }).toISODate()!;
  const page = await openLink(directory.url, manage, 1);
  expect(page.form?.fields).toMatchObject({ hoursMode: 'on-request', timezone: ZONE });
  const cases: [Record<string, string>, string, RegExp][] = [
    [{ hoursMode: 'weekly', 'hours.days.mon': '18:00–22:00, 20:00–23:00' }, 'hours.days.mon', /overlaps/],
    [{ hoursMode: 'weekly', 'hours.days.tue': '22:00–18:00' }, 'hours.days.tue', /must be later/],
    [{ timezone: 'Mars/Olympus' }, 'timezone', /IANA time zone/],
    [{ pausedUntil: yesterday }, 'pausedUntil', /after today/],
    [{ monthlyCap: '0' }, 'monthlyCap', /at least 1/],
    [{ 'closures.0.from': '2027-01-10', 'closures.0.to': '2027-01-02' }, 'closures.0.to', /before/],
  ];
  for (const [values, field, problem] of cases) {
    const refused = await submit(directory.url, page, values);
    expect(refused.status).toBe(400);
    const typed = Object.entries(values).find(([name]) => name === field)?.[1];
    if (typed) expect(refused.html).toContain(`name="${field}"`);
    if (typed && field !== 'hours.days.mon') expect(refused.html).toContain(`value="${typed}"`);
    expect(refused.html).toMatch(problem);
  }
  expect((await operatorSpace()).updatedAt).toBeDefined();
  const untilAfter = DateTime.now().setZone(ZONE).plus({ days: 10 }).toISODate()!;
  const saved = await submit(directory.url, page, {
    hoursMode: 'weekly',
    'hours.days.mon': '09:00–12:00, 18:00–22:00',
    'hours.days.sat': '10:00–24:00',
    'closures.0.from': '2027-12-24',
    'closures.0.to': '2028-01-02',
    'closures.0.note': 'Winter holidays',
    pausedUntil: untilAfter,
    monthlyCap: '4',
  });
  expect(saved.status).toBe(303);
  const shown = await openLink(directory.url, manage, 1);
  expect(shown.form?.fields).toMatchObject({
    hoursMode: 'weekly',
    'hours.days.mon': '09:00–12:00, 18:00–22:00',
    'hours.days.sun': '',
    'closures.0.note': 'Winter holidays',
    pausedUntil: untilAfter,
    monthlyCap: '4',
  });
  const mail = await mailTo('anna@example.org', /when it can be asked has changed$/);
  expect(mail.text).toContain('Monday: 09:00–12:00, 18:00–22:00');
  expect(mail.text).toContain('Closed: 2027-12-24 to 2028-01-02 (Winter holidays)');
});

it('the badge of the space is an SVG image, cacheable, and the manage page gives the markup to embed it', async () => {
  const badge = await request(directory.url).get(`/api/spaces/${kiez}/badge.svg`).buffer(true).expect(200);
  expect(badge.headers['content-type']).toMatch(/^image\/svg\+xml/);
  expect(badge.headers['cache-control']).toBe('public, max-age=3600');
  const svg = badge.body.toString();
  expect(svg).toContain('aria-label="Hosted 0 FOSS events on CoCoMo"');
  await request(directory.url)
    .get(`/api/spaces/${kiez}/badge.svg`)
    .set('if-none-match', badge.headers.etag)
    .expect(304);
  await request(directory.url).get('/api/spaces/00000000-0000-4000-8000-000000000000/badge.svg').expect(404);
  const page = await openLink(directory.url, manage);
  expect(page.html).toContain(`&lt;img src="`);
  expect(page.html).toContain(`/api/spaces/${kiez}/badge.svg`);
});

it('a forged, expired or foreign link opens nothing', async () => {
  const links = directory.app.get(ActionLinks);
  const expired = links.sign(
    { subject: kiez, action: MANAGE_SPACE, recipient: 'anna@example.org' },
    new Date(Date.now() - 1000),
  );
  const otherHost = links.sign(
    { subject: kiez, action: MANAGE_SPACE, recipient: 'mallory@example.org' },
    new Date(Date.now() + 60_000),
  );
  const otherAction = links.sign(
    { subject: kiez, action: 'verify-space', recipient: 'anna@example.org' },
    new Date(Date.now() + 60_000),
  );
  await request(directory.url).get(`${MANAGE_SPACE_PATH}/${expired.token}`).expect(410);
  await request(directory.url).get(`${MANAGE_SPACE_PATH}/${otherHost.token}`).expect(409);
  await request(directory.url).get(`${MANAGE_SPACE_PATH}/${otherAction.token}`).expect(400);
  await request(directory.url).get(`${MANAGE_SPACE_PATH}/v1.not.valid`).expect(400);
  const before = await operatorSpace();
  await request(directory.url)
    .post(`${MANAGE_SPACE_PATH}/${otherHost.token}/listing`)
    .type('form')
    .send({ name: 'Taken over' })
    .expect(409);
  expect(await operatorSpace()).toEqual(before);
});

it('"send me the link" answers the same for any email, mails a host, and is limited per email and address', async () => {
  const ask = (email: string) => request(directory.url).post('/map/manage').type('form').send({ email });
  const known = await ask('Anna@Example.org').expect(200);
  const unknown = await ask('nobody@example.org').expect(200);
  const words = (html: string) => html.replace(/If \S+ is the email/, 'If … is the email');
  expect(words(known.text)).toBe(words(unknown.text));
  const mail = await mailTo('anna@example.org', /^Your link to manage Kiez Commons Hall$/);
  expect((await openLink(directory.url, linkIn(mail, 'Manage your space'))).heading).toBe(
    'Manage Kiez Commons Hall',
  );
  await ask('not an email').expect(400);

  for (let more = 2; more <= LINKS_PER_EMAIL; more++) await ask('nobody@example.org').expect(200);
  await ask('nobody@example.org').expect(429);
  const sent = 3 + LINKS_PER_EMAIL;
  for (let other = sent; other < LINKS_PER_ADDRESS; other++) await ask(`x${other}@example.org`).expect(200);
  await ask('fresh@example.org').expect(429);
});
