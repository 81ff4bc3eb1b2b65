// The operators' page of bookings without a space (/bookings) in Chromium: closed without the token, it lists a
// booking no host took, refuses an assignment to what is not a space or not a fitting one, assigns a space named
// by its profile address (the booking is confirmed, the host asked for nothing), and cancels another one with
// a reason the organizer is told.
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import {
  isolatedInfra,
  launchBrowser,
  openWatchedPage,
  startService,
  type IsolatedInfra,
  type ServiceUnderTest,
} from '@cocomo/testing';
import { directoryApp } from '../../directory/src/directory.module';
import { approvedSpace, operator } from '../../directory/test/directory-harness';
import { bookingsApp } from '../src/bookings.module';
import { mailsOf } from './bookings-harness';

let infra: IsolatedInfra;
let directory: ServiceUnderTest;
let bookings: ServiceUnderTest;
let browser: Browser;
let page: Page;
let errors: string[];
let asked: string;
let other: string;

beforeAll(async () => {
  infra = await isolatedInfra();
  directory = await startService(directoryApp, infra.env);
  bookings = await startService(bookingsApp, infra.env);
  const berlin = { city: 'Berlin', country: 'DE', timezone: 'Europe/Berlin', capacity: 60 };
  asked = await approvedSpace(directory, {
    ...berlin,
    name: 'Declining Hall',
    host: { name: 'Dora', email: 'dora@example.org' },
  });
  other = await approvedSpace(directory, {
    ...berlin,
    name: 'Rescue Room',
    latitude: 52.4,
    longitude: 13.1,
    host: { name: 'Rita', email: 'rita@example.org' },
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await bookings?.close();
  await directory?.close();
  await infra?.cleanup();
});
beforeEach(async () => {
  ({ page, errors } = await openWatchedPage(browser, {
    httpCredentials: { username: 'operator', password: 'test-operator-token' },
  }));
});
afterEach(async () => {
  await page.context().close();
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const booking = async (id: string) =>
  (await request(bookings.url).get(`/api/bookings/${id}`).set(operator).expect(200)).body;
const cardOf = (title: string) =>
  page.locator('.booking-card', { has: page.locator('h2', { hasText: title }) });

/** A booking for Declining Hall alone, whose host declines: no space is left, so it is unplaced. */
async function unplaced(title: string): Promise<string> {
  const { body } = await request(bookings.url)
    .post('/api/bookings')
    .send({
      organizer: { name: 'Olga', email: 'olga@example.org', community: 'Berlin Rust' },
      event: { title, start: inDays(20), end: inDays(20.1), expectedAttendees: 30, needs: [] },
      spaceId: asked,
    })
    .expect(201);
  const ask = (await mailsOf(bookings, body.id)).find((mail) => mail.template === 'booking-host-request');
  const decline = ask!.actions.find((action) => action.label === 'Decline')!.url;
  await request(bookings.url)
    .post(new URL(decline).pathname)
    .type('form')
    .send({ choice: 'decline' })
    .expect(200);
  expect((await booking(body.id)).state).toBe('unplaced');
  // The operators' mail leads to the page.
  const told = (await mailsOf(bookings, body.id)).find(
    (mail) => mail.template === 'booking-operators-unplaced',
  );
  expect(told?.actions).toEqual([
    { label: 'Open the bookings without a space', url: `${infra.env.PUBLIC_BASE_URL}/bookings` },
  ]);
  return body.id;
}

it('asks for the operator token', async () => {
  const refused = await request(bookings.url).get('/bookings').expect(401);
  expect(refused.headers['www-authenticate']).toMatch(/^Basic /);
  await request(bookings.url).get('/bookings').auth('operator', 'a-wrong-token').expect(403);
});

it('assigns a space named by its profile address, after refusing one that is not a space', async () => {
  const id = await unplaced('Rust night <i>rescued</i>');
  await page.goto(`${bookings.url}/bookings`);
  const card = cardOf('Rust night <i>rescued</i>');
  expect(await card.locator('.booking-state').innerText()).toBe('No space found · Berlin Rust');
  expect(await card.locator('.booking-facts').innerText()).toContain('Declining Hall');
  expect(await card.locator('.booking-facts').innerText()).toMatch(/\(Europe\/Berlin\)/);

  await card.locator('input[name="space"]').fill('the big hall');
  await card.locator('button', { hasText: 'Assign' }).click();
  await cardOf('Rust night <i>rescued</i>').locator('.field-problem').waitFor();
  expect(await cardOf('Rust night <i>rescued</i>').locator('.field-problem').innerText()).toMatch(
    /^must be the id of a space, or the address of its profile/,
  );
  expect(await cardOf('Rust night <i>rescued</i>').locator('input[name="space"]').inputValue()).toBe(
    'the big hall',
  );
  expect((await booking(id)).state).toBe('unplaced');
  // In the operator's language, as the rest of the page.
  await page.context().addCookies([{ name: 'cocomo_lang', value: 'es', url: bookings.url }]);
  await page.goto(`${bookings.url}/bookings`);
  const assignForm = () => cardOf('Rust night <i>rescued</i>').locator('form:has(input[name="space"])');
  await assignForm().locator('input[name="space"]').fill('the big hall');
  await assignForm().locator('button').click();
  await assignForm().locator('.field-problem').waitFor();
  expect(await assignForm().locator('.field-problem').innerText()).toBe(
    'debe ser el id de un espacio o la dirección de su perfil (…/map/spaces/<id>)',
  );
  await page.context().clearCookies();
  await page.goto(`${bookings.url}/bookings`);

  // An id the directory does not know as a fitting, approved space: its answer is shown beside the field.
  await cardOf('Rust night <i>rescued</i>')
    .locator('input[name="space"]')
    .fill('00000000-0000-4000-8000-000000000000');
  await cardOf('Rust night <i>rescued</i>').locator('button', { hasText: 'Assign' }).click();
  await cardOf('Rust night <i>rescued</i>')
    .locator('.field-problem', { hasText: 'is not an approved space that holds 30 people' })
    .waitFor();
  expect((await booking(id)).state).toBe('unplaced');

  await cardOf('Rust night <i>rescued</i>')
    .locator('input[name="space"]')
    .fill(`http://127.0.0.1:3000/map/spaces/${other}`);
  await cardOf('Rust night <i>rescued</i>').locator('button', { hasText: 'Assign' }).click();
  await page.waitForURL(`**/bookings?assigned=${id}`);
  expect(await page.locator('.done').innerText()).toBe(
    '“Rust night <i>rescued</i>” now has Rescue Room: the organizer and the host have been told.',
  );
  expect(await booking(id)).toMatchObject({ state: 'confirmed', spaceId: other });
  expect(await cardOf('Rust night <i>rescued</i>').count()).toBe(0);
  expect(errors).toEqual([]);
});

it('cancels a booking with a reason for the organizer, and wants one', async () => {
  const id = await unplaced('Rust night cancelled');
  await page.goto(`${bookings.url}/bookings`);
  const card = () => cardOf('Rust night cancelled');
  await card()
    .locator('textarea[name="reason"]')
    .evaluate((area) => area.removeAttribute('required'));
  await card().locator('button', { hasText: 'Cancel the booking' }).click();
  await card().locator('.field-problem').waitFor();
  expect(await card().locator('.field-problem').innerText()).toBe('must not be empty');

  await card().locator('textarea[name="reason"]').fill('No room in Berlin that week; we wrote to you.');
  await card().locator('button', { hasText: 'Cancel the booking' }).click();
  await page.waitForURL(`**/bookings?cancelled=${id}`);
  expect(await page.locator('.done').innerText()).toBe(
    '“Rust night cancelled” is cancelled: the organizer has been told your reason.',
  );
  expect((await booking(id)).state).toBe('cancelled');
  expect(errors).toEqual([]);
});

it('shows the organizer, through the link in their mail, where the request stands and each step', async () => {
  const id = await unplaced('Rust night <b>followed</b>');
  const told = (await mailsOf(bookings, id)).find((mail) => mail.template === 'booking-organizer-unplaced');
  const follow = told!.actions.find((action) => action.label === 'Follow your request')!.url;
  // The organizer's own browser, without the operators' login.
  const { page: organizer, errors: organizerErrors } = await openWatchedPage(browser, { locale: 'en-GB' });
  try {
    await organizer.goto(`${bookings.url}${new URL(follow).pathname}${new URL(follow).search}`);
    expect(await organizer.locator('h1').innerText()).toBe('Rust night <b>followed</b>');
    expect(await organizer.locator('#where-it-stands').innerText()).toBe(
      'No space could take it. The operators have been told and may still find one.',
    );
    expect(await organizer.locator('.booking-facts').innerText()).toMatch(/\(Europe\/Berlin\)/);
    const steps = await organizer.locator('.steps li').allInnerTexts();
    expect(steps[0]).toMatch(/ — requested$/);
    expect(steps.length).toBeGreaterThanOrEqual(3);
    expect(organizerErrors).toEqual([]);
  } finally {
    await organizer.context().close();
  }
});
