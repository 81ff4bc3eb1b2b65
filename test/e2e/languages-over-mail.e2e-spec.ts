// The languages issue's "done when", across the services and through real mail: a host registers a space in
// Spanish and reads every mail about it in Spanish, an organizer asks for it in Hindi and reads theirs in
// Hindi, and the operators read English. Every link is pressed as a person does: open its page, submit it.
import request from 'supertest';
import type { ReceivedMail } from '@cocomo/testing';
import { aSpace, operator } from '../../apps/directory/test/directory-harness';
import { linkIn, openLink, submit } from './link-pages';
import { startSystemOverMail, type SystemOverMail } from './system-over-mail';

let system: SystemOverMail;

beforeAll(async () => {
  system = await startSystemOverMail();
}, 120_000);
afterAll(async () => {
  await system?.stop();
});

const HOST = 'lucia@example.org';
const ORGANIZER = 'priya@example.org';
const DEVANAGARI = /[\u0900-\u097F]{3}/;

/** Mails to `address` so far, oldest first. */
const mailsTo = (address: string) => system.smtp.mails.filter((mail) => mail.to.includes(address));

it('a Spanish host and a Hindi organizer read every mail in their language, the operators in English', async () => {
  const { directory, bookings, mailTo } = system;
  const operators = system.infra.env.OPERATOR_EMAIL;

  // The host registers in Spanish and confirms their address from the Spanish mail.
  const { body: space } = await request(directory.url)
    .post('/api/spaces')
    .send(
      aSpace({
        name: 'Ateneo Libre',
        city: 'Madrid',
        country: 'ES',
        latitude: 40.4168,
        longitude: -3.7038,
        timezone: 'Europe/Madrid',
        marketRate: { amount: 300, currency: 'EUR', per: 'day' },
        host: { name: 'Lucía', email: HOST },
        locale: 'es',
      }),
    )
    .expect(201);
  const verify = await mailTo(HOST, /^Confirma tu dirección de correo para Ateneo Libre$/);
  expect(verify.text).toContain('Hola, Lucía:');
  const verifyLink = linkIn(verify, 'Confirmar mi dirección de correo');
  expect(verifyLink).toContain('?lang=es');
  const verifyPage = await openLink(directory.url, verifyLink);
  expect(verifyPage.status).toBe(200);
  expect((await submit(directory.url, verifyPage)).status).toBe(200);

  // The operators are asked to review it in English; the host hears of the approval in Spanish.
  const review = await mailTo(operators, /^Review needed: Ateneo Libre/);
  expect(review.text).toContain('Hello operators,');
  await request(directory.url).post(`/api/spaces/${space.id}/approve`).set(operator).expect(200);
  const approved = await mailTo(HOST, /^Ateneo Libre ya aparece en CoCoMo$/);
  expect(approved.text).toContain('Gestionar tu espacio');

  // The organizer asks in Hindi: their mail is in Hindi, the host's request in Spanish.
  const start = new Date(Date.now() + 20 * 86_400_000);
  const { body: booking } = await request(bookings.url)
    .post('/api/bookings')
    .send({
      organizer: { name: 'Priya', email: ORGANIZER, community: 'Madrid Rust' },
      event: {
        title: 'Rust Madrid',
        start: start.toISOString(),
        end: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
        expectedAttendees: 25,
      },
      spaceId: space.id,
      near: { latitude: 40.4168, longitude: -3.7038, radiusKm: 10 },
      locale: 'hi',
    })
    .expect(201);
  const asked = await mailTo(ORGANIZER, /^हमने Ateneo Libre से Rust Madrid की मेज़बानी के लिए पूछा है$/);
  expect(asked.text).toMatch(DEVANAGARI);
  const request_ = await mailTo(HOST, /^¿Puede Ateneo Libre acoger Rust Madrid\?$/);
  expect(request_.text).toContain('Qué puedes hacer: pulsa Aceptar');
  expect(request_.text).toMatch(/\d+ de \w+ de \d{4}/);

  // The host accepts with the Spanish button; each side hears of it in their language.
  const accept = await openLink(bookings.url, linkIn(request_, 'Aceptar'));
  expect((await submit(bookings.url, accept)).status).toBe(200);
  const confirmed = await mailTo(ORGANIZER, /^पक्का हुआ: Ateneo Libre में Rust Madrid$/);
  const calendar = confirmed.parsed?.attachments.find((file) => /calendar/.test(file.contentType));
  expect(calendar?.content.toString()).toContain('आयोजक: Priya');
  await mailTo(HOST, /^Confirmado: Rust Madrid en Ateneo Libre$/);

  // The organizer cancels with the Hindi button; the host hears in Spanish, the operators in English.
  const cancel = await openLink(bookings.url, linkIn(confirmed, 'अनुरोध रद्द करें'));
  expect((await submit(bookings.url, cancel)).status).toBe(200);
  await mailTo(ORGANIZER, /^रद्द: Rust Madrid$/);
  await mailTo(HOST, /^Cancelado: Rust Madrid en Ateneo Libre$/);
  await mailTo(operators, /^Cancelled: Rust Madrid \(Madrid Rust\)$/);
  expect((await request(bookings.url).get(`/api/bookings/${booking.id}`).set(operator)).body.state).toBe(
    'cancelled',
  );

  // Every mail each of them received was in their language.
  const inLanguage = (mails: ReceivedMail[], words: RegExp) =>
    mails.every((mail) => words.test(mail.text ?? ''));
  expect(inLanguage(mailsTo(HOST), /Este mensaje se ha enviado automáticamente/)).toBe(true);
  expect(inLanguage(mailsTo(ORGANIZER), /यह संदेश अपने-आप भेजा गया है/)).toBe(true);
  expect(inLanguage(mailsTo(operators), /This message was sent automatically/)).toBe(true);
  expect(mailsTo(HOST).length).toBeGreaterThanOrEqual(4);
  expect(mailsTo(ORGANIZER).length).toBeGreaterThanOrEqual(3);
});
