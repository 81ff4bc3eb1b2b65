// People's data in the language they asked in, through real mail: the "my data" form carries its page's
// language, so the link's mail (subject, text and HTML, its button) is written in it and its link carries it
// (?lang=), and the pages that answer a post speak it too; a post that names no language mails in the browser's.
import request from 'supertest';
import { PageRenderer, shipped, LINK_VIEWS } from '@cocomo/web';
import type { ReceivedMail } from '@cocomo/testing';
import { openLink, submit } from '../../../test/e2e/link-pages';
import {
  deliveryIn,
  sendCommands,
  startNotifications,
  verifyCommand,
  type NotificationsUnderTest,
} from './notifications-harness';

let service: NotificationsUnderTest;
const PILAR = 'pilar@example.org';
const GRETA = 'greta@example.org';
const ADA = 'ada@example.org';

beforeAll(async () => {
  service = await startNotifications({ smtp: true });
  // Each of them has had a mail from CoCoMo, so each has data to ask for.
  const mails = [PILAR, GRETA, ADA].map((email) => verifyCommand({ to: { email, name: 'Someone' } }));
  await sendCommands(service, ...mails);
  for (const mail of mails) await deliveryIn(service, mail.notificationId, 'sent');
}, 60_000);
afterAll(async () => {
  await service?.stop();
});

const mailTo = (email: string, subject: RegExp): Promise<ReceivedMail> =>
  service.smtp!.mailTo(email, subject);

/** The link of the mail's button `label`, as its text part gives it. */
function dataLink(mail: ReceivedMail, label: string): URL {
  const line = new RegExp(`^${label}:\\n(http://\\S+/my-data/[\\w.-]+\\S*)$`, 'm').exec(mail.text ?? '');
  if (!line) throw new Error(`no "${label}" link in: ${mail.text}`);
  return new URL(line[1]);
}

it('the form of the page carries the language the page is read in', () => {
  const pages = new PageRenderer({
    views: [shipped('apps/notifications/views'), LINK_VIEWS],
    assets: '/mailbox/assets',
  });
  expect(pages.render('my-data/ask', {}, 'es')).toContain('<input type="hidden" name="lang" value="es">');
  const link = pages.render('my-data/link', { email: PILAR, copyUrl: '/c', eraseAction: '/e' }, 'hi');
  expect(link).toContain('<input type="hidden" name="lang" value="hi">');
});

it('a person asking on the Spanish page gets the link in Spanish, and its pages answer in Spanish', async () => {
  const asked = await request(service.url).post('/my-data').type('form').send({ email: PILAR, lang: 'es' });
  expect(asked.status).toBe(200);
  expect(asked.text).toContain('<html lang="es"');
  expect(asked.text).toContain('Mira tu buzón');

  const mail = await mailTo(PILAR, /^Tus datos en CoCoMo$/);
  expect(mail.text).toContain('El enlace funciona hasta el');
  expect(mail.html).toContain('Ver tus datos');
  const link = dataLink(mail, 'Ver tus datos');
  expect(link.searchParams.get('lang')).toBe('es');

  // The erasure's form answers in the language it was sent from.
  const page = await openLink(service.url, link.pathname + link.search);
  expect(page.status).toBe(200);
  expect(page.form?.fields.lang).toBe(/<html lang="([^"]+)"/.exec(page.html)?.[1]);
  const refused = await submit(service.url, page, { lang: 'es' });
  expect(refused.status).toBe(400);
  expect(refused.html).toContain('Marca la casilla para indicar que entiendes lo que hace el borrado');
  const erased = await submit(service.url, page, { lang: 'es', understood: 'yes' });
  expect(erased.status).toBe(200);
  expect(erased.heading).toBe('Tus datos se están borrando');
});

it("a post that names no language mails the link in the browser's language", async () => {
  const asked = await request(service.url)
    .post('/my-data')
    .set('accept-language', 'de-CH, de;q=0.9, en;q=0.5')
    .type('form')
    .send({ email: GRETA });
  expect(asked.status).toBe(200);
  const mail = await mailTo(GRETA, /^Ihre Daten bei CoCoMo$/);
  expect(dataLink(mail, 'Ihre Daten ansehen').searchParams.get('lang')).toBe('de');
});

it('a refused address is shown again in the language of the page it was typed on', async () => {
  const refused = await request(service.url)
    .post('/my-data')
    .type('form')
    .send({ email: 'not an email', lang: 'fr' });
  expect(refused.status).toBe(400);
  expect(refused.text).toContain('doit être une adresse e-mail, comme asha@example.org');
});

it('an English reader gets the mail in English, its link as it always was', async () => {
  await request(service.url).post('/my-data').type('form').send({ email: ADA, lang: 'en' }).expect(200);
  const mail = await mailTo(ADA, /^Your data on CoCoMo$/);
  expect(dataLink(mail, 'See your data').search).toBe('');
});
