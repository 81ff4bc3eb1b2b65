// User text written as markup — a space, host, event or community named <script>… or "><img onerror=…> —
// shows as text on every page (the host's link page, the booking's link page, the mailbox and the mail's own
// HTML) and runs nowhere, in Chromium; and every HTML page carries the security headers.
import request from 'supertest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openWatchedPage } from '@cocomo/testing';
import { verificationPath, verifyThroughLink } from '../../apps/directory/test/directory-harness';
import {
  aBookingRequest,
  aSpace,
  bookingLink,
  operator,
  sql,
  startSystem,
  type SystemUnderTest,
} from './security-harness';

const SCRIPT = '<script>window.__pwned = 1</script>';
const IMG = '"><img src=x onerror="window.__pwned = 2">';

let system: SystemUnderTest;
let browser: Browser;
let verifyPage: string;
let acceptPage: string;

beforeAll(async () => {
  system = await startSystem({}, { notifications: true });
  browser = await launchBrowser();
  const { body } = await request(system.directory.url)
    .post('/api/spaces')
    .send(
      aSpace({
        name: SCRIPT,
        address: IMG,
        city: 'Berlin',
        country: 'DE',
        timezone: 'Europe/Berlin',
        latitude: 52.52,
        longitude: 13.405,
        host: { name: IMG, email: 'fritz@example.org' },
      }),
    )
    .expect(201);
  await verifyThroughLink(system.directory, body.id);
  await request(system.directory.url).post(`/api/spaces/${body.id}/approve`).set(operator).expect(200);
  const booking = await request(system.bookings.url)
    .post('/api/bookings')
    .send(
      aBookingRequest({
        spaceId: body.id,
        organizer: { name: IMG, email: 'olga@example.org', community: SCRIPT },
        event: { ...(aBookingRequest().event as object), title: IMG, needs: [SCRIPT] },
      }),
    )
    .expect(201);
  // A second such space whose host has not pressed the button yet, so its link page still shows it.
  const waiting = await request(system.directory.url)
    .post('/api/spaces')
    .send(aSpace({ name: SCRIPT, address: IMG, host: { name: IMG, email: 'anu@example.org' } }))
    .expect(201);
  verifyPage = await verificationPath(system.directory, waiting.body.id);
  acceptPage = await bookingLink(system.bookings, booking.body.id, 'booking-host-request', 'Accept');
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

async function expectShownAsText(url: string, texts: string[]): Promise<void> {
  const { page, errors } = await openWatchedPage(browser);
  try {
    await page.goto(url);
    const shown = await page.locator('body').innerText();
    for (const text of texts) expect(shown).toContain(text);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"], script:not([src])').count()).toBe(0);
    expect(errors).toEqual([]);
  } finally {
    await page.context().close();
  }
}

async function mailboxIdOf(template: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const [row] = await sql<{ id: string }>(
      system.notifications!,
      `select "id" from "notifications"."delivery" where "template" = ? order by "created_at" desc limit 1`,
      [template],
    );
    if (row) return row.id;
    if (Date.now() > deadline) throw new Error(`no ${template} mail in the mailbox`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

it("shows markup in a space's and a host's names as text on the host's link page", async () => {
  await expectShownAsText(`${system.directory.url}${verifyPage}`, [SCRIPT, IMG]);
});

it('shows markup in an event, organizer and community as text on the booking link page', async () => {
  await expectShownAsText(`${system.bookings.url}${acceptPage}`, [SCRIPT, IMG]);
});

it('shows markup as text in the mailbox, and the mail’s own HTML escapes it', async () => {
  const id = await mailboxIdOf('booking-host-request');
  await expectShownAsText(`${system.notifications!.url}/mailbox`, [IMG]);
  await expectShownAsText(`${system.notifications!.url}/mailbox/${id}`, [IMG]);
  const [mail] = await sql<{ html: string; subject: string }>(
    system.notifications!,
    `select "html", "subject" from "notifications"."delivery" where "id" = ?`,
    [id],
  );
  expect(mail.html).not.toContain('<script>window');
  expect(mail.html).not.toContain('<img src=x');
  expect(mail.html).toContain('&lt;img src&#x3D;x');
  const { page, errors } = await openWatchedPage(browser);
  try {
    await page.setContent(mail.html);
    expect(await page.locator('body').innerText()).toContain(IMG);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
  } finally {
    await page.context().close();
  }
});

it('sends the security headers with every HTML page, and link pages are never cached', async () => {
  const mailId = await mailboxIdOf('booking-host-request');
  const pages = [
    [system.directory.url, '/map'],
    [system.directory.url, '/map/register'],
    [system.directory.url, verifyPage],
    [system.directory.url, '/actions/spaces/v1.not.valid'],
    [system.bookings.url, acceptPage],
    [system.bookings.url, '/request'],
    [system.bookings.url, '/actions/v1.not.valid'],
    [system.notifications!.url, '/mailbox'],
    [system.notifications!.url, `/mailbox/${mailId}`],
  ];
  for (const [url, path] of pages) {
    const response = await request(url).get(path);
    expect(response.type).toBe('text/html');
    const csp = response.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
    if (path.startsWith('/actions')) expect(response.headers['cache-control']).toBe('no-store');
  }
});
