// An organizer changes the language of their mails from the pages behind their links, through real mail and real
// presses: they asked in Hindi, follow the request on a page in another language, press "Write my mails in …",
// and the next mails come in that language — for a single request, from its status page and from an action
// page, and for every date of a series at once. A page already in the mails' language offers nothing.
import { Client } from 'pg';
import request from 'supertest';
import { translate } from '@cocomo/i18n';
import type { ReceivedMail } from '@cocomo/testing';
import { approvedSpace } from '../../apps/directory/test/directory-harness';
import { linkIn, openLink, submit } from './link-pages';
import { startSystemOverMail, type SystemOverMail } from './system-over-mail';

let system: SystemOverMail;
let space: string;

beforeAll(async () => {
  system = await startSystemOverMail();
  space = await approvedSpace(system.directory, {
    name: 'Pune Makers',
    city: 'Pune',
    country: 'IN',
    latitude: 18.5204,
    longitude: 73.8567,
    timezone: 'Asia/Kolkata',
    host: { name: 'Anil', email: 'anil@example.org' },
  });
}, 120_000);
afterAll(async () => {
  await system?.stop();
});

const HOST = 'anil@example.org';
const DEVANAGARI = /[\u0900-\u097F]{3}/;

/** The address a mail's text gives for its button `label`, as a path with its query. */
function addressIn(mail: ReceivedMail, label: string): URL {
  const line = new RegExp(`^${label}:\\n(http://\\S+)$`, 'm').exec(mail.text ?? '');
  if (!line) throw new Error(`no "${label}" link in: ${mail.text}`);
  return new URL(line[1]);
}

/** The page at `url` asked for in `lang` (as the language switcher or a link's ?lang= would). */
async function pageIn(base: string, url: URL, lang: string) {
  const address = new URL(url);
  address.searchParams.set('lang', lang);
  const response = await request(base)
    .get(address.pathname + address.search)
    .set('accept', 'text/html');
  const html = response.text;
  const pageLang = /<html lang="([^"]+)"/.exec(html)![1];
  const form =
    /<form method="post" action="([^"]*)" class="inline-form organizer-language">([\s\S]*?)<\/form>/.exec(
      html,
    );
  const fields = Object.fromEntries(
    [...(form?.[2] ?? '').matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [
      m[1],
      m[2],
    ]),
  );
  return {
    status: response.status,
    html,
    pageLang,
    form: form && { action: form[1].replace(/&amp;/g, '&'), fields },
  };
}

/** The mails to `address` after the first `count`, once `count + more` have arrived. */
async function mailsAfter(address: string, count: number, more: number): Promise<ReceivedMail[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const mails = system.smtp.mails.filter((mail) => mail.to.includes(address));
    if (mails.length >= count + more) return mails.slice(count);
    if (Date.now() > deadline) throw new Error(`only ${mails.length - count} new mails to ${address}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const mailCount = (address: string) => system.smtp.mails.filter((mail) => mail.to.includes(address)).length;
const inLanguage = (mail: ReceivedMail, lang: string) =>
  (mail.text ?? '').includes(translate(lang, 'mails:layout.automatic'));

async function ask(organizer: string, title: string, days: number, extra: object = {}) {
  const start = new Date(Date.now() + days * 86_400_000);
  const { body } = await request(system.bookings.url)
    .post('/api/bookings')
    .send({
      organizer: { name: 'Priya', email: organizer, community: 'Pune Rust' },
      event: {
        title,
        start: start.toISOString(),
        end: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
        expectedAttendees: 25,
      },
      spaceId: space,
      locale: 'hi',
      ...extra,
    })
    .expect(201);
  return body as { id: string; seriesId?: string; dates?: { id: string }[] };
}

async function organizerLocales(ids: string[]): Promise<string[]> {
  const client = new Client({ connectionString: system.infra.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(
      'select organizer_locale from bookings.booking where id = any($1::uuid[]) order by array_position($1::uuid[], id)',
      [ids],
    );
    return rows.map((row: { organizer_locale: string }) => row.organizer_locale);
  } finally {
    await client.end();
  }
}

it('an organizer who asked in Hindi has their mails written in the language of their status page', async () => {
  const ORGANIZER = 'priya@example.org';
  const booking = await ask(ORGANIZER, 'Rust Pune', 20);
  const asked = await system.mailTo(ORGANIZER, /Rust Pune/);
  expect(asked.text).toMatch(DEVANAGARI);
  const follow = addressIn(asked, translate('hi', 'mails:actions.organizer-view'));

  // The status page in another language than Hindi offers to write the mails in it, with the link's token.
  const page = await pageIn(system.bookings.url, follow, 'de');
  expect(page.status).toBe(200);
  const lang = page.pageLang;
  expect(lang).not.toBe('hi');
  expect(page.form).toBeTruthy();
  expect(page.form!.fields).toEqual({ token: follow.searchParams.get('token'), locale: lang });
  const language = translate(lang, `bookings:language.names.${lang}`);
  expect(page.html).toContain(translate(lang, 'bookings:language.press', { language }));
  expect(page.html).toContain(
    translate(lang, 'bookings:language.now', { language: translate(lang, 'bookings:language.names.hi') }),
  );

  // A GET changed nothing: the page in Hindi offers nothing, and the mails stay Hindi until the press.
  expect((await organizerLocales([booking.id]))[0]).toBe('hi');
  const sent = mailCount(ORGANIZER);
  const pressed = await request(system.bookings.url)
    .post(page.form!.action)
    .type('form')
    .send(page.form!.fields);
  expect(pressed.status).toBe(200);
  expect(pressed.text).toContain(translate(lang, 'bookings:language.doneTitle', { language }));
  expect(await organizerLocales([booking.id])).toEqual([lang]);
  expect((await pageIn(system.bookings.url, follow, lang)).form).toBeNull();

  // A forged or missing token changes nothing.
  const forged = await request(system.bookings.url)
    .post(page.form!.action)
    .type('form')
    .send({ token: 'v1.forged', locale: 'es' });
  expect(forged.status).toBeGreaterThanOrEqual(400);
  expect(await organizerLocales([booking.id])).toEqual([lang]);

  // The host accepts (in English): the organizer's next mail is in the language they chose.
  const hostRequest = await system.mailTo(HOST, /Rust Pune/);
  const accept = await openLink(system.bookings.url, linkIn(hostRequest, 'Accept'));
  expect((await submit(system.bookings.url, accept)).status).toBe(200);
  const [confirmed] = await mailsAfter(ORGANIZER, sent, 1);
  expect(inLanguage(confirmed, lang)).toBe(true);
  expect(confirmed.text).not.toMatch(DEVANAGARI);
});

it('an organizer changes their language from an action page, and the mail after their press speaks it', async () => {
  const ORGANIZER = 'meera@example.org';
  const booking = await ask(ORGANIZER, 'Go Pune', 30);
  const asked = await system.mailTo(ORGANIZER, /Go Pune/);
  const cancelLink = new URL(`http://x${linkIn(asked, translate('hi', 'mails:actions.organizer-cancel'))}`);

  const page = await pageIn(system.bookings.url, cancelLink, 'fr');
  const lang = page.pageLang;
  expect(lang).not.toBe('hi');
  expect(page.form!.action).toBe(`${cancelLink.pathname}/language`);
  expect(page.form!.fields).toEqual({ locale: lang });
  expect(
    (await request(system.bookings.url).post(page.form!.action).type('form').send(page.form!.fields)).status,
  ).toBe(200);
  expect(await organizerLocales([booking.id])).toEqual([lang]);

  // The link still cancels: its page no longer offers the language, and the cancellation mail speaks it.
  const sent = mailCount(ORGANIZER);
  const cancel = await openLink(system.bookings.url, `${cancelLink.pathname}?lang=${lang}`);
  expect(cancel.html).not.toContain('organizer-language');
  expect((await submit(system.bookings.url, cancel)).status).toBe(200);
  const [cancelled] = await mailsAfter(ORGANIZER, sent, 1);
  expect(inLanguage(cancelled, lang)).toBe(true);
});

it('a series changes language on every date at once, and a host page never offers it', async () => {
  const ORGANIZER = 'kavya@example.org';
  const series = await ask(ORGANIZER, 'Rust weekly', 40, { recurrence: { frequency: 'weekly', count: 3 } });
  const ids = series.dates!.map((date) => date.id);
  expect(await organizerLocales(ids)).toEqual(['hi', 'hi', 'hi']);
  const asked = await system.mailTo(ORGANIZER, /Rust weekly/);
  const follow = addressIn(asked, translate('hi', 'mails:actions.organizer-view'));
  const page = await pageIn(system.bookings.url, follow, 'es');
  const lang = page.pageLang;
  const pressed = await request(system.bookings.url)
    .post(page.form!.action)
    .type('form')
    .send(page.form!.fields);
  expect(pressed.text).toContain(
    translate(lang, 'bookings:language.done', {
      series: 'yes',
      language: translate(lang, `bookings:language.names.${lang}`),
    }),
  );
  expect(await organizerLocales(ids)).toEqual([lang, lang, lang]);

  // The host's page of the series is not the organizer's: it offers no language for the organizer's mails.
  const hostAsked = await system.mailTo(HOST, /Rust weekly/);
  const choose = await pageIn(
    system.bookings.url,
    new URL(`http://x${linkIn(hostAsked, 'Accept all dates')}`),
    'es',
  );
  expect(choose.status).toBe(200);
  expect(choose.form).toBeNull();

  // The host accepts every date: every mail the organizer gets about them is in the language chosen.
  const sent = mailCount(ORGANIZER);
  const acceptAll = await openLink(system.bookings.url, linkIn(hostAsked, 'Accept all dates'));
  expect((await submit(system.bookings.url, acceptAll)).status).toBe(200);
  const after = await mailsAfter(ORGANIZER, sent, 1);
  expect(after.every((mail) => inLanguage(mail, lang))).toBe(true);
});
