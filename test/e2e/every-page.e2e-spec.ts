// Every HTML page of every service, in Chromium, on a phone (375 px) and on a desktop (1280 px): each has one
// <h1>, a <main>, a lang attribute and nothing wider than the screen, and axe-core finds nothing serious or
// critical. The map, the request form, a link's page and the dashboard are compared with their reference
// screenshots in docs/screens/ (UPDATE_SCREENS=1 writes them anew: look at them before committing).
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import { Secret, TOTP } from 'otpauth';
import {
  expectScreen,
  launchBrowser,
  openWatchedPage,
  seriousAxeFindings,
  startService,
  type ServiceUnderTest,
} from '@cocomo/testing';
import { ActionLinks } from '@cocomo/links';
import { metricsApp } from '../../apps/metrics/src/metrics.module';
import {
  SUMMARY_OPT_OUT,
  SUMMARY_OPT_OUT_PATH,
} from '../../apps/directory/src/profile/host-summaries.service';
import { OperatorAccounts } from '../../apps/notifications/src/operators/operator-accounts';
import { SecondFactors } from '../../apps/notifications/src/operators/second-factor';
import { newTotpSecret } from '../../apps/notifications/src/operators/totp';
import {
  PERSONAL_DATA,
  PERSONAL_DATA_PATH,
} from '../../apps/notifications/src/personal-data/personal-data.service';
import { namedOperator, OPERATOR_PASSWORD, postSignIn } from '../../apps/notifications/test/named-operators';
import { mailsAskedFor, verificationPath } from '../../apps/directory/test/directory-harness';
import {
  aSpace,
  approvedSpace,
  bookingLink,
  operator,
  press,
  startSystem,
  type SystemUnderTest,
} from '../security/security-harness';

let system: SystemUnderTest;
let metrics: ServiceUnderTest;
let browser: Browser;
const TOKEN = 'test-operator-token';
const WIDTHS = [375, 1280] as const;
/** Fixed, so that the screenshots are the same on every run. */
const SPACES = [
  { name: 'Mitte Commons', city: 'Berlin', latitude: 52.52, longitude: 13.405, capacity: 30 },
  { name: 'Harbour Loft', city: 'Hamburg', latitude: 53.5511, longitude: 9.9937, capacity: 120 },
  { name: 'Isar Hackerspace', city: 'Munich', latitude: 48.1351, longitude: 11.582, capacity: 25 },
];

beforeAll(async () => {
  system = await startSystem(
    {
      MAP_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png',
      BOOKING_REPORT_AFTER: '300ms',
      BOOKING_RECONFIRM_BEFORE: '1h',
    },
    { notifications: true },
  );
  metrics = await startService(metricsApp, system.infra.env);
  for (const [index, space] of SPACES.entries()) {
    await approvedSpace(system.directory, {
      ...space,
      country: 'DE',
      timezone: 'Europe/Berlin',
      amenities: ['wifi', 'projector'],
      host: { name: `Host ${index}`, email: `host${index}@example.org` },
      ...(index === 1
        ? {
            pricing: { model: 'paid', amount: 300, currency: 'EUR', per: 'day' },
            marketRate: { amount: 600, currency: 'EUR', per: 'day' },
          }
        : {}),
    });
  }
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await metrics?.close();
  await system?.stop();
});

async function openAt(
  width: number,
  url: string,
  operatorLogin = false,
  cookie?: string,
): Promise<{ page: Page; errors: string[] }> {
  const watched = await openWatchedPage(browser, {
    viewport: { width, height: width < 600 ? 740 : 800 },
    locale: 'en-GB',
    timezoneId: 'Europe/Berlin',
    // axe-core is injected as a script of its own, which the pages' policy would refuse.
    bypassCSP: true,
    ...(operatorLogin ? { httpCredentials: { username: 'operator', password: TOKEN } } : {}),
    ...(cookie ? { extraHTTPHeaders: { cookie } } : {}),
  });
  await watched.page.goto(url);
  return watched;
}

/** What every page promises, on a phone and on a desktop. */
async function expectUsable(page: Page, width: number): Promise<void> {
  expect(await page.locator('h1').count()).toBe(1);
  expect(await page.locator('main').count()).toBe(1);
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(wide).toBeLessThanOrEqual(width);
  expect(await seriousAxeFindings(page)).toEqual([]);
  // A person with a keyboard sees where they are: the first field or link gets a visible ring.
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => {
    const focused = document.activeElement as HTMLElement | null;
    return focused ? getComputedStyle(focused).outlineStyle : 'none';
  });
  expect(ring).not.toBe('none');
}

async function checkPage(
  url: string,
  options: { operator?: boolean; cookie?: string; ready?: (page: Page) => Promise<void> } = {},
) {
  for (const width of WIDTHS) {
    const { page, errors } = await openAt(width, url, options.operator, options.cookie);
    try {
      await options.ready?.(page);
      await expectUsable(page, width);
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  }
}

describe('looks as its reference screenshot', () => {
  it.each(WIDTHS)('the map at %d px', async (width) => {
    const { page } = await openAt(width, `${system.directory.url}/map`);
    await page.locator('#status', { hasText: '3 spaces shown.' }).waitFor();
    await page.locator('#tile-notice').waitFor();
    // Leaflet moves the map into place after the pins are drawn.
    await page.waitForTimeout(800);
    await expectScreen(page, `map-${width}`, { fullPage: width < 600 });
    await page.context().close();
  });

  it.each(WIDTHS)('the request form at %d px', async (width) => {
    const { page } = await openAt(width, `${system.bookings.url}/request`);
    await page.locator('#request').waitFor();
    await page.locator('#zone-hint', { hasText: 'Europe/Berlin' }).waitFor();
    await page.waitForTimeout(300);
    await expectScreen(page, `request-form-${width}`);
    await page.context().close();
  });

  it.each(WIDTHS)("a host's link page at %d px", async (width) => {
    const { body } = await request(system.directory.url)
      .post('/api/spaces')
      .send(
        aSpace({
          name: 'Kreuzberg Hall',
          address: '1 Oranienstraße',
          city: 'Berlin',
          country: 'DE',
          host: { name: 'Fritz', email: `fritz${width}@example.org` },
        }),
      )
      .expect(201);
    const link = await verificationPath(system.directory, body.id);
    const { page } = await openAt(width, `${system.directory.url}${link}`);
    await expectScreen(page, `action-page-${width}`);
    await page.context().close();
  });

  it.each(WIDTHS)('the dashboard at %d px', async (width) => {
    // A period long past: its figures and charts are the same on every run.
    const { page } = await openAt(
      width,
      `${metrics.url}/dashboard?from=2026-01-01&to=2026-06-30&interval=month`,
      true,
    );
    await page.locator('canvas[data-drawn="true"]').nth(5).waitFor();
    await chartsSettled(page);
    await expectScreen(page, `dashboard-${width}`);
    await page.context().close();
  });
});

describe('every page', () => {
  let hall: string;
  let pending: string;
  beforeAll(async () => {
    hall = await approvedSpace(system.directory, {
      name: 'Accessible Hall',
      city: 'Berlin',
      country: 'DE',
      timezone: 'Europe/Berlin',
      latitude: 52.5,
      longitude: 13.4,
      capacity: 60,
      host: { name: 'Ada', email: 'ada@example.org' },
    });
    const waiting = await request(system.directory.url)
      .post('/api/spaces')
      .send(aSpace({ name: 'Waiting Hall', host: { name: 'Wim', email: 'wim@example.org' } }))
      .expect(201);
    pending = waiting.body.id;
  });

  it('of the directory: the map, the form, a profile, the review page, a link page, its outcome, errors', async () => {
    const { directory } = system;
    await checkPage(`${directory.url}/map`, {
      ready: (page) => page.locator('#status', { hasText: 'spaces shown' }).waitFor(),
    });
    await checkPage(`${directory.url}/map/register`);
    await checkPage(`${directory.url}/map/spaces/${hall}`);
    const verify = await verificationPath(directory, pending);
    await checkPage(`${directory.url}${verify}`);
    await checkPage(`${directory.url}/actions/spaces/v1.not.valid`);
    await checkPage(`${directory.url}/map/spaces/00000000-0000-4000-8000-000000000000`);
    await checkPage(`${directory.url}/map/spaces/not-a-space`);
    // The host presses the button: the thank-you page; then the review page lists the space.
    const { page } = await openAt(1280, `${directory.url}${verify}`);
    await page.getByRole('button', { name: 'Yes, I registered this space' }).click();
    await page.getByRole('heading', { name: 'Thank you — your email is confirmed' }).waitFor();
    expect(await seriousAxeFindings(page)).toEqual([]);
    await page.context().close();
    await checkPage(`${directory.url}/review`, { operator: true });
    // The opt-out link of a host's yearly summary: its page, and the page after the press.
    const optOut = directory.app
      .get(ActionLinks)
      .sign(
        { subject: hall, action: SUMMARY_OPT_OUT, recipient: 'ada@example.org' },
        new Date(Date.now() + 3_600_000),
      );
    const optOutPage = `${directory.url}${SUMMARY_OPT_OUT_PATH}/${optOut.token}`;
    await checkPage(optOutPage);
    const stopping = await openAt(375, optOutPage);
    await stopping.page.getByRole('button', { name: 'Send me no more yearly summaries' }).click();
    await stopping.page.getByRole('heading', { name: 'No more yearly summaries' }).waitFor();
    await expectUsable(stopping.page, 375);
    expect(stopping.errors).toEqual([]);
    await stopping.page.context().close();
  }, 240_000);

  it("of a person's own data: the page that mails the link, and the link's page", async () => {
    const notifications = system.notifications!;
    await checkPage(`${notifications.url}/my-data`);
    const { token } = notifications.app
      .get(ActionLinks)
      .sign(
        { subject: PERSONAL_DATA, action: PERSONAL_DATA, recipient: 'ada@example.org' },
        new Date(Date.now() + 3_600_000),
      );
    await checkPage(`${notifications.url}${PERSONAL_DATA_PATH}/${token}`);
  }, 120_000);

  it('of a host managing their space: asking for the link, the manage page, a refused form and a saved one', async () => {
    const { directory } = system;
    await checkPage(`${directory.url}/map/manage`);
    // A space of its own: the hours set here must not keep the other pages' requests from their space.
    await approvedSpace(directory, {
      name: 'Managed Hall',
      city: 'Berlin',
      country: 'DE',
      timezone: 'Europe/Berlin',
      host: { name: 'Mo', email: 'mo@example.org' },
    });
    const approved = (await mailsAskedFor(directory)).find(
      (mail) => mail.template === 'space-approved' && mail.to.email === 'mo@example.org',
    );
    const manage = new URL((approved!.data.manage as { url: string }).url).pathname;
    await checkPage(`${directory.url}${manage}`);
    const { page, errors } = await openAt(375, `${directory.url}${manage}`);
    await page.getByLabel('At most this many requests a month').fill('0');
    await page.getByLabel('Monday').fill('18:00–22:00, 21:00–23:00');
    await page.getByRole('button', { name: 'Save when the space can be asked' }).click();
    await page.locator('.field-problem', { hasText: 'must be at least 1 request a month' }).waitFor();
    expect(await page.getByLabel('Monday').inputValue()).toBe('18:00–22:00, 21:00–23:00');
    await expectUsable(page, 375);
    await page.getByLabel('At most this many requests a month').fill('3');
    await page.getByLabel('Monday').fill('18:00–23:00');
    await page.getByRole('button', { name: 'Save when the space can be asked' }).click();
    await page.getByText('Saved: requests follow your new hours').waitFor();
    await page.getByLabel('How many people fit?').fill('70');
    await page.getByRole('button', { name: 'Save the listing' }).click();
    await page.getByText('Saved: the listing shows your change now.').waitFor();
    await expectUsable(page, 375);
    expect(errors).toEqual([]);
    await page.context().close();
    // A hand-over offered: the page of the link the colleague receives; then the host retires the space.
    const offering = await openAt(375, `${directory.url}${manage}`);
    await offering.page.getByLabel('Their name').fill('Max');
    await offering.page.getByLabel('Their email').fill('max@example.org');
    await offering.page.getByRole('button', { name: 'Hand the space over' }).click();
    await offering.page.getByText('Sent: the new host takes the space over').waitFor();
    await offering.page.getByRole('button', { name: 'Retire the space' }).click();
    await offering.page.locator('.field-problem', { hasText: 'Tick the box' }).waitFor();
    await expectUsable(offering.page, 375);
    const invitation = (await mailsAskedFor(directory)).find((mail) => mail.template === 'space-hand-over');
    await checkPage(`${directory.url}${new URL(invitation!.actions[0].url).pathname}`);
    await offering.page.getByLabel('I understand').check();
    await offering.page.getByRole('button', { name: 'Retire the space' }).click();
    await offering.page.getByRole('heading', { name: 'The space is retired' }).waitFor();
    expect(await seriousAxeFindings(offering.page)).toEqual([]);
    expect(offering.errors).toEqual([]);
    await offering.page.context().close();
  }, 240_000);

  it('of the bookings: the form, the status page, the operators page and every link page', async () => {
    const { bookings } = system;
    await checkPage(`${bookings.url}/request`, { ready: (page) => page.locator('#request').waitFor() });
    await checkPage(`${bookings.url}/request?space=${hall}`, {
      ready: (page) => page.locator('#no-space').waitFor(),
    });
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const ask = async (start: string, end: string, title = 'Rust night') =>
      (
        await request(bookings.url)
          .post('/api/bookings')
          .send({
            spaceId: hall,
            organizer: { name: 'Olga', email: 'olga@example.org', community: 'Berlin Rust' },
            event: { title, start, end, expectedAttendees: 30, needs: ['wifi'] },
          })
          .expect(201)
      ).body.id as string;
    const asked = await ask(inDays(20), inDays(20.1));
    for (const label of ['Accept', 'Decline']) {
      await checkPage(`${bookings.url}${await bookingLink(bookings, asked, 'booking-host-request', label)}`);
    }
    const cancel = await bookingLink(bookings, asked, 'booking-organizer-host-asked', 'Cancel the request');
    await checkPage(`${bookings.url}${cancel}`);
    const follow = await bookingLink(bookings, asked, 'booking-organizer-host-asked', 'Follow your request');
    await checkPage(`${bookings.url}${follow}`);
    await checkPage(`${bookings.url}/bookings`, { operator: true });
    await checkPage(`${bookings.url}/actions/v1.not.valid`);

    // A host declines on a phone: a form with a problem comes back with it beside its field; then the host
    // offers another time, which the organizer's page shows and the organizer takes.
    const declined = await ask(inDays(25), inDays(25.1), 'Rust talk');
    const decline = await bookingLink(bookings, declined, 'booking-host-request', 'Decline');
    const berlin = (iso: string) =>
      new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Berlin' })
        .format(new Date(iso))
        .replace(' ', 'T');
    const form = await openAt(375, `${bookings.url}${decline}`);
    await form.page.getByLabel('Another reason').check();
    await form.page.getByLabel('Time 1 starts').fill(berlin(inDays(-1)));
    await form.page.getByLabel('Time 1 ends').fill(berlin(inDays(-0.9)));
    await form.page.getByRole('button', { name: 'No, we cannot host it' }).click();
    await form.page.locator('#problems').waitFor();
    await form.page.locator('.field-problem', { hasText: 'Time 1 is in the past' }).waitFor();
    await expectUsable(form.page, 375);
    await form.page.getByLabel('The other reason, in a few words').fill('The hall is being painted');
    await form.page.getByLabel('Time 1 starts').fill(berlin(inDays(26)));
    await form.page.getByLabel('Time 1 ends').fill(berlin(inDays(26.1)));
    await form.page.getByRole('button', { name: 'No, we cannot host it' }).click();
    await form.page.getByRole('heading', { name: 'Thank you for answering' }).waitFor();
    expect(form.errors).toEqual([]);
    await form.page.context().close();
    const take = await until(() =>
      bookingLink(bookings, declined, 'booking-organizer-times-offered', 'Take time 1'),
    );
    await checkPage(`${bookings.url}${take}`);
    const taking = await openAt(375, `${bookings.url}${take}`);
    await taking.page.getByRole('button', { name: 'Yes, we take this time' }).click();
    await taking.page.getByRole('heading', { name: 'Confirmed at the new time' }).waitFor();
    expect(await seriousAxeFindings(taking.page)).toEqual([]);
    await taking.page.context().close();

    // The host accepts in the browser: the outcome page, and the page of a link already used.
    const accept = await bookingLink(bookings, asked, 'booking-host-request', 'Accept');
    const { page } = await openAt(375, `${bookings.url}${accept}`);
    await page.getByRole('button', { name: 'Yes, we will host it' }).click();
    await page.getByRole('heading', { name: 'Thank you — the event is yours' }).waitFor();
    expect(await seriousAxeFindings(page)).toEqual([]);
    await page.context().close();
    await checkPage(`${bookings.url}${accept}`);
    const withdraw = await until(() => bookingLink(bookings, asked, 'booking-host-confirmed', 'Withdraw'));
    await checkPage(`${bookings.url}${withdraw}`);
    // The host's private calendar: its page, and the page after renewing its link.
    const calendar = await bookingLink(
      bookings,
      asked,
      'booking-host-confirmed',
      'Your space’s calendar (subscribe)',
    );
    await checkPage(`${bookings.url}${calendar}`);
    const renewing = await openAt(375, `${bookings.url}${calendar}`);
    await renewing.page.getByRole('button', { name: 'Renew the link' }).click();
    await renewing.page.getByRole('heading', { name: 'A new calendar link is on its way' }).waitFor();
    expect(await seriousAxeFindings(renewing.page)).toEqual([]);
    expect(renewing.errors).toEqual([]);
    await renewing.page.context().close();
    // An event an hour and a few seconds away: the host is asked a few seconds after accepting if it is still on.
    const soonStart = Date.now() + 3_600_000 + 6_000;
    const soon = await ask(
      new Date(soonStart).toISOString(),
      new Date(soonStart + 3_600_000).toISOString(),
      'Rust evening',
    );
    await press(bookings, await bookingLink(bookings, soon, 'booking-host-request', 'Accept')).expect(200);
    for (const label of ['Still on', "Can't host"]) {
      await checkPage(
        `${bookings.url}${await until(() => bookingLink(bookings, soon, 'booking-host-reconfirm', label))}`,
      );
    }

    // A short event that ends at once: the organizer's report, and the report refused.
    const start = new Date(Date.now() + 2500);
    const short = await ask(
      start.toISOString(),
      new Date(start.getTime() + 1000).toISOString(),
      'Rust sprint',
    );
    await press(bookings, await bookingLink(bookings, short, 'booking-host-request', 'Accept')).expect(200);
    const report = await until(() =>
      bookingLink(bookings, short, 'booking-organizer-report-request', 'Report on the event'),
    );
    await checkPage(`${bookings.url}${report}`);
    const refused = await openAt(1280, `${bookings.url}${report}`);
    await refused.page.getByLabel('How many people came?').fill('5');
    await refused.page.getByLabel('How many of them were new to your community?').fill('9');
    await refused.page.getByRole('button', { name: 'Send the report' }).click();
    await refused.page.locator('#problems').waitFor();
    expect(await seriousAxeFindings(refused.page)).toEqual([]);
    await refused.page.context().close();
  }, 240_000);

  it("of a series: the host's three pages, a refused choice on a phone, the rest of the series, the status page", async () => {
    const { bookings } = system;
    const start = new Date(Date.now() + 40 * 86_400_000);
    const { body } = await request(bookings.url)
      .post('/api/bookings')
      .send({
        spaceId: hall,
        organizer: { name: 'Olga', email: 'olga@example.org', community: 'Berlin Rust' },
        event: {
          title: 'Rust weekly',
          start: start.toISOString(),
          end: new Date(start.getTime() + 7_200_000).toISOString(),
          expectedAttendees: 30,
        },
        recurrence: { frequency: 'weekly', count: 3 },
      })
      .expect(201);
    const first = body.id as string;
    // While the host has not answered: the organizer's page that cancels the series, and the status page with it.
    for (const label of ['Cancel the series', 'Follow your request']) {
      await checkPage(
        `${bookings.url}${await bookingLink(bookings, first, 'booking-organizer-series-asked', label)}`,
      );
    }
    for (const label of ['Accept all dates', 'Choose dates', 'Decline the series']) {
      await checkPage(
        `${bookings.url}${await bookingLink(bookings, first, 'booking-host-series-request', label)}`,
      );
    }
    // On a phone the host unticks every date: the choice is refused with its problem; then takes two.
    const choose = await bookingLink(bookings, first, 'booking-host-series-request', 'Choose dates');
    const form = await openAt(375, `${bookings.url}${choose}`);
    for (const box of await form.page.getByRole('checkbox').all()) await box.uncheck();
    await form.page.getByRole('button', { name: 'Host the dates ticked' }).click();
    await form.page.locator('#problems').waitFor();
    await expectUsable(form.page, 375);
    await form.page.getByRole('checkbox').first().check();
    await form.page.getByRole('checkbox').nth(1).check();
    await form.page.getByRole('button', { name: 'Host the dates ticked' }).click();
    await form.page.getByRole('heading', { name: 'Thank you — the dates you chose are yours' }).waitFor();
    expect(await seriousAxeFindings(form.page)).toEqual([]);
    expect(form.errors).toEqual([]);
    await form.page.context().close();
    const later = await until(() =>
      bookingLink(bookings, first, 'booking-organizer-confirmed', 'Cancel this and later dates'),
    );
    await checkPage(`${bookings.url}${later}`);
    const withdraw = await until(() =>
      bookingLink(bookings, first, 'booking-host-confirmed', 'Withdraw from this and later dates'),
    );
    await checkPage(`${bookings.url}${withdraw}`);
    const follow = await bookingLink(bookings, first, 'booking-organizer-confirmed', 'Follow your request');
    await checkPage(`${bookings.url}${follow}`);
  }, 240_000);

  it('of the operators: signing in, a refused sign-in, the account page and the record', async () => {
    const owner = system.notifications!;
    await checkPage(`${owner.url}/operators/sign-in`);
    await checkPage(`${owner.url}/operators/sign-in?ended`);
    const admin = await namedOperator(owner, ['admin']);
    const wrong = await openAt(375, `${owner.url}/operators/sign-in`);
    await wrong.page.getByLabel('Email').fill(admin.email);
    await wrong.page.getByLabel('Password').fill('not the password');
    await wrong.page.getByRole('button', { name: 'Sign in' }).click();
    await wrong.page.locator('.notice').waitFor();
    await expectUsable(wrong.page, 375);
    await wrong.page.context().close();
    // The code page of an operator with a second factor, after a wrong code.
    const guarded = await namedOperator(owner, ['viewer']);
    const secret = newTotpSecret();
    const accounts = owner.app.get(OperatorAccounts);
    const now = () => TOTP.generate({ secret: Secret.fromBase32(secret) });
    await owner.app.get(SecondFactors).enrol((await accounts.byId(guarded.id))!, secret, now());
    const code = await openAt(375, `${owner.url}/operators/sign-in`);
    await code.page.getByLabel('Email').fill(guarded.email);
    await code.page.getByLabel('Password').fill(OPERATOR_PASSWORD);
    await code.page.getByRole('button', { name: 'Sign in' }).click();
    await code.page.getByLabel(/^Code/).fill(now() === '123456' ? '654321' : '123456');
    await code.page.getByRole('button', { name: 'Sign in' }).click();
    await code.page.locator('.notice').waitFor();
    await expectUsable(code.page, 375);
    await code.page.context().close();
    const signedIn = await postSignIn(owner.url, { email: admin.email, password: OPERATOR_PASSWORD });
    expect(signedIn.status).toBe(303);
    const cookie = String(signedIn.headers['set-cookie']).split(';')[0];
    await checkPage(`${owner.url}/operators/account`, { cookie });
    await checkPage(`${owner.url}/operators/account/second-factor`, { cookie });
    await checkPage(`${owner.url}/operators/record`, { cookie });
  }, 240_000);

  it('of the mailbox and the dashboard', async () => {
    const mailbox = system.notifications!;
    await checkPage(`${mailbox.url}/mailbox`, { ready: (page) => page.locator('tr.mail').first().waitFor() });
    const first = await until(async () => {
      const { body } = await request(mailbox.url).get('/api/notifications').set(operator).expect(200);
      if (!body.items?.length) throw new Error('no mail yet');
      return body.items[0].id as string;
    });
    await checkPage(`${mailbox.url}/mailbox/${first}`);
    await checkPage(`${metrics.url}/dashboard`, {
      operator: true,
      ready: (page) => page.locator('canvas[data-drawn="true"]').nth(5).waitFor(),
    });
  }, 240_000);
});

/** Chart.js sizes its charts to their boxes after drawing them: wait until no chart changes size. */
async function chartsSettled(page: Page): Promise<void> {
  const sizes = () =>
    page.$$eval('canvas', (canvases) => canvases.map((canvas) => `${canvas.width}x${canvas.height}`).join());
  let last = await sizes();
  for (let attempt = 0; attempt < 40; attempt++) {
    await page.waitForTimeout(250);
    const now = await sizes();
    if (now === last && !now.includes('x0')) return;
    last = now;
  }
  throw new Error(`the charts kept changing size: ${last}`);
}

/** What `read` gives once it stops throwing: mails and timers take a moment. */
async function until<T>(read: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await read();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
