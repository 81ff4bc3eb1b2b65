// A host changes the language of their mails from the pages behind their links, through real mail and real
// presses: on the manage page, and on the link pages (confirm the address, take a space over) when they read
// them in another language than their mails'. A GET changes nothing; the POST carries the link's token and
// leaves the link usable for its own button. The next mail — the directory's and, for a booking asked before
// the change, the bookings' — comes in the new language.
import request from 'supertest';
import { DateTime } from 'luxon';
import { EntityManager } from '@mikro-orm/postgresql';
import { ActionLinks } from '@cocomo/links';
import type { ServiceUnderTest } from '@cocomo/testing';
import {
  SUMMARY_OPT_OUT,
  SUMMARY_OPT_OUT_PATH,
} from '../../apps/directory/src/profile/host-summaries.service';
import {
  aSpace,
  approvedSpace,
  operator,
  verificationPath,
} from '../../apps/directory/test/directory-harness';
import { linkIn, openLink, submit } from './link-pages';
import { startSystemOverMail, type SystemOverMail } from './system-over-mail';

/** The manage page's forms: the listing, availability, hand-over, retire, then the mails' language. */
const HAND_OVER_FORM = 2;
const LANGUAGE_FORM = 4;
/** A link page's forms: its own button first, then the offer to write the mails in the page's language. */
const OFFER_FORM = 1;
const ZONE = 'Europe/Berlin';

let system: SystemOverMail;
let directory: ServiceUnderTest;
let bookings: ServiceUnderTest;
let mailTo: SystemOverMail['mailTo'];
let kiez: string;
let manage: string;
let asked: Awaited<ReturnType<SystemOverMail['mailTo']>>;

beforeAll(async () => {
  system = await startSystemOverMail();
  ({ directory, bookings, mailTo } = system);
  kiez = await approvedSpace(directory, {
    name: 'Kiez Commons',
    city: 'Berlin',
    country: 'DE',
    timezone: ZONE,
    latitude: 52.52,
    longitude: 13.405,
    capacity: 60,
    host: { name: 'Anna', email: 'anna@example.org' },
    locale: 'en',
  });
  manage = linkIn(await mailTo('anna@example.org', /^Kiez Commons is now listed/), 'Manage your space');
  // A request asked before Anna changes her language: bookings keeps her host's language with it.
  const start = DateTime.now().setZone(ZONE).plus({ days: 30 }).set({ hour: 19, minute: 0, second: 0 });
  await request(bookings.url)
    .post('/api/bookings')
    .send({
      organizer: { name: 'Rhea', email: 'rhea@example.org', community: 'Berlin Rust' },
      event: {
        title: 'Language night',
        start: start.toISO(),
        end: start.plus({ hours: 2 }).toISO(),
        expectedAttendees: 20,
      },
      spaceId: kiez,
    })
    .expect(201);
  asked = await mailTo('anna@example.org', /^Can Kiez Commons host Language night\?$/);
}, 120_000);
afterAll(async () => {
  await system?.stop();
});

async function hostLocaleOf(spaceId: string): Promise<string> {
  const rows: { locale: string }[] = await directory.app
    .get(EntityManager)
    .fork()
    .execute(`select "host_locale" as "locale" from "directory"."space" where "id" = ?`, [spaceId]);
  return rows[0].locale;
}

/** The language bookings mails the host of its bookings at Kiez Commons in. */
async function bookedHostLocale(): Promise<string | undefined> {
  const rows: { locale: string | null }[] = await bookings.app
    .get(EntityManager)
    .fork()
    .execute(
      `select "space_snapshots" -> ? -> 'host' ->> 'locale' as "locale" from "bookings"."booking"
       where "space_snapshots" -> ? is not null`,
      [kiez, kiez],
    );
  return rows[0]?.locale ?? undefined;
}

/** The page again in another language: the link with its `lang` replaced. */
const inLanguage = (path: string, lang: string) => {
  const url = new URL(path, 'http://page');
  url.searchParams.set('lang', lang);
  return url.pathname + url.search;
};

it('the manage page says the language of the mails, and a GET of it changes nothing', async () => {
  const page = await openLink(directory.url, manage, LANGUAGE_FORM);
  expect(page.status).toBe(200);
  expect(page.form?.action).toMatch(/\/language$/);
  expect(page.form?.fields.locale).toBe('en');
  expect(page.html).toContain('We write every mail about Kiez Commons in English.');
  expect(await hostLocaleOf(kiez)).toBe('en');
});

it('a host who chooses Spanish on the manage page gets the next mails in Spanish, bookings’ too', async () => {
  const page = await openLink(directory.url, manage, LANGUAGE_FORM);
  const saved = await request(directory.url)
    .post(page.form!.action)
    .type('form')
    .send({ locale: 'es', choice: 'language' });
  expect(saved.status).toBe(303);
  expect(saved.headers.location).toMatch(/\?saved=language$/);
  expect(await hostLocaleOf(kiez)).toBe('es');

  // The directory's mail of the change is already in Spanish.
  const changed = await mailTo('anna@example.org', /^Kiez Commons ha cambiado$/);
  expect(changed.text).toContain('Español');
  const again = await openLink(directory.url, saved.headers.location, LANGUAGE_FORM);
  expect(again.form?.fields.locale).toBe('es');
  expect(again.html).toContain('The language of the mails changed');
  // The badge the page offers for the host's site speaks Spanish too.
  expect(again.html).toMatch(/badge\.svg\?lang(=|&#x3D;)es/);
  const badge = await request(directory.url).get(`/api/spaces/${kiez}/badge.svg?lang=es`).buffer(true);
  expect(badge.status).toBe(200);
  expect(badge.body.toString()).toContain('Acogidos en CoCoMo');

  // Bookings hears of it (space.host-changed): the request asked in English is answered in Spanish.
  for (let tries = 0; (await bookedHostLocale()) !== 'es'; tries++) {
    if (tries > 200) throw new Error('bookings never heard of the new language');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const accept = await openLink(bookings.url, linkIn(asked, 'Accept'));
  expect((await submit(bookings.url, accept)).status).toBe(200);
  await mailTo('anna@example.org', /^Confirmado: Language night en Kiez Commons$/);
  await mailTo('rhea@example.org', /^Confirmed: Language night at Kiez Commons$/);
});

it('a language not offered is refused beside the field and changes nothing', async () => {
  const page = await openLink(directory.url, manage, LANGUAGE_FORM);
  const refused = await request(directory.url).post(page.form!.action).type('form').send({ locale: 'xx' });
  expect(refused.status).toBe(400);
  expect(refused.text).toContain('Choose one of the languages of the list');
  expect(await hostLocaleOf(kiez)).toBe('es');
});

it('the confirm page read in Spanish offers Spanish mails; the offer leaves the link usable for its button', async () => {
  const { body } = await request(directory.url)
    .post('/api/spaces')
    .send(aSpace({ name: 'Sala Nueva', host: { name: 'Luis', email: 'luis@example.org' }, locale: 'en' }))
    .expect(201);
  const path = await verificationPath(directory, body.id);
  // In the mails' own language the page offers nothing.
  expect((await openLink(directory.url, path, OFFER_FORM)).form).toBeUndefined();
  const offered = await openLink(directory.url, inLanguage(path, 'es'), OFFER_FORM);
  expect(offered.form?.action).toBe(`${path}/language`);
  expect(offered.form?.fields.locale).toBe('es');
  expect(await hostLocaleOf(body.id)).toBe('en');

  const chosen = await submit(directory.url, offered);
  expect(chosen.status).toBe(303);
  expect(await hostLocaleOf(body.id)).toBe('es');
  const after = await request(directory.url).get(`${path}?lang=es&mailLanguage=saved`).expect(200);
  expect(after.text).toContain('class="notice done"');
  expect(after.text).not.toContain(`${path}/language`);

  // The link's own button still confirms the address, and the approval mail comes in Spanish.
  const confirm = await openLink(directory.url, path);
  expect((await submit(directory.url, confirm)).status).toBe(200);
  await request(directory.url).post(`/api/spaces/${body.id}/approve`).set(operator).expect(200);
  await mailTo('luis@example.org', /^Sala Nueva ya aparece en CoCoMo$/);
});

it('the yearly summary’s opt-out page offers the page’s language too, and still stops the summaries', async () => {
  // The link the summary mail carries (the summary itself is host-summary.e2e-spec's).
  const { token } = directory.app
    .get(ActionLinks)
    .sign(
      { subject: kiez, action: SUMMARY_OPT_OUT, recipient: 'anna@example.org' },
      new Date(Date.now() + 3600_000),
    );
  const path = `${SUMMARY_OPT_OUT_PATH}/${token}`;
  expect((await openLink(directory.url, inLanguage(path, 'es'), OFFER_FORM)).form).toBeUndefined();
  const offered = await openLink(directory.url, inLanguage(path, 'de'), OFFER_FORM);
  expect(offered.form?.fields.locale).toBe('de');
  expect((await submit(directory.url, offered)).status).toBe(303);
  expect(await hostLocaleOf(kiez)).toBe('de');
  await mailTo('anna@example.org', /^Kiez Commons wurde geändert$|^Kiez Commons hat sich geändert$/);
  await request(directory.url).post(`${path}/language`).type('form').send({ locale: 'es' }).expect(303);
  expect(await hostLocaleOf(kiez)).toBe('es');

  const stop = await openLink(directory.url, path);
  expect((await submit(directory.url, stop)).status).toBe(200);
  expect((await openLink(directory.url, path)).html).toContain('are stopped already');
});

it('a colleague taking a space over chooses their own language; the old host keeps theirs', async () => {
  const page = await openLink(directory.url, manage, HAND_OVER_FORM);
  const offered = await submit(directory.url, page, {
    newHostName: 'Ravi',
    newHostEmail: 'ravi@example.org',
  });
  expect(offered.status).toBe(303);
  // The invitation is in Anna's language; Ravi reads the page in English and chooses English.
  const invitation = await mailTo('ravi@example.org', /Kiez Commons/);
  const takeOver = linkIn(invitation, 'Hacerme cargo del espacio');
  const english = await openLink(directory.url, inLanguage(takeOver, 'en'), OFFER_FORM);
  expect(english.form?.action).toMatch(/\/language$/);
  expect((await submit(directory.url, english)).status).toBe(303);
  expect(await hostLocaleOf(kiez)).toBe('es');

  const press = await openLink(directory.url, inLanguage(takeOver, 'en'));
  expect((await submit(directory.url, press)).status).toBe(200);
  expect(await hostLocaleOf(kiez)).toBe('en');
  await mailTo('anna@example.org', /^Kiez Commons tiene un nuevo anfitrión$/);
  await mailTo('ravi@example.org', /^Kiez Commons has a new host$/);
});
