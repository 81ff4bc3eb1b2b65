// What a client of the running system does in the fault and shutdown suites: calls that wait out a service
// that is restarting, pressing a link's form, asking for a booking, registering approved spaces.
import { randomUUID } from 'node:crypto';
import type { PressOutcome } from './simulated-people';
import type { SystemProcesses } from './system-processes';
import type { ReceivedMail, TestSmtpServer } from '@cocomo/testing';

/**
 * The 5xx answers the clients met: 503 is the honest "try again" of a service whose database or Redis is
 * away; any other 5xx is a bug.
 */
export const serverAnswers = { unavailable: 0, otherServerErrors: 0 };

function noteServerError(status: number): void {
  if (status === 503) serverAnswers.unavailable++;
  else if (status >= 500) serverAnswers.otherServerErrors++;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One press; undefined when the service did not answer (down, restarting, or its database away). */
export async function pressOnce(
  url: string,
  choice: string,
  fields: Record<string, string>,
): Promise<PressOutcome | undefined> {
  const page = await fetch(url);
  const html = await page.text();
  noteServerError(page.status);
  if (page.status >= 500) return undefined;
  if (page.status !== 200) return { acted: false, refused: true };
  const form = /<form method="post" action="([^"]*)">([\s\S]*?)<\/form>/.exec(html);
  if (!form) return { acted: false, refused: true };
  const values = [...form[2].matchAll(/<button type="submit" name="choice" value="([^"]*)"/g)].map(
    (m) => m[1],
  );
  const button = values.includes(choice) ? choice : values[0];
  const target = new URL(form[1].replace(/&amp;/g, '&'), url).toString();
  const posted = await fetch(target, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, choice: button }).toString(),
  });
  await posted.text();
  noteServerError(posted.status);
  if (posted.status >= 500) return undefined;
  return { acted: posted.status === 200, refused: posted.status !== 200 };
}

/** Calls until the service answers below 500: it may be restarting, or waiting for its database. */
export async function retried(call: () => Promise<Response>): Promise<Response> {
  for (let attempt = 0; attempt < 120; attempt++) {
    const response = await call().catch(() => undefined);
    if (response) noteServerError(response.status);
    if (response && response.status < 500) return response;
    await response?.text();
    await sleep(500);
  }
  throw new Error('the service did not answer for a minute');
}

/** Asks for a space for an event that starts `leadMs` from now and lasts `lengthMs`; the booking's id. */
export async function requestBooking(
  system: SystemProcesses,
  title: string,
  index: number,
  timing: { leadMs: number; lengthMs: number },
): Promise<string | null> {
  const start = Date.now() + timing.leadMs;
  const body = JSON.stringify({
    organizer: { name: `Organizer ${index}`, email: `organizer-${index}@faults.test`, community: title },
    event: {
      title,
      start: new Date(start).toISOString(),
      end: new Date(start + timing.lengthMs).toISOString(),
      expectedAttendees: 20,
    },
    near: { latitude: 52.5, longitude: 13.4, radiusKm: 50 },
  });
  const response = await retried(() =>
    fetch(`${system.urlOf('bookings')}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    }),
  );
  const answer = (await response.json()) as { id?: string };
  if (response.status !== 201)
    throw new Error(`the request for ${title} was refused: ${JSON.stringify(answer)}`);
  return answer.id ?? null;
}

/** Registers `count` spaces near Berlin, presses each host's verification link, and approves them. */
export async function registerSpaces(
  system: SystemProcesses,
  smtp: TestSmtpServer,
  count: number,
  operatorToken: string,
): Promise<void> {
  const directory = system.urlOf('directory');
  const operator = { authorization: `Bearer ${operatorToken}` };
  for (let i = 0; i < count; i++) {
    const email = `host-${i}@faults.test`;
    const registered = await retried(() =>
      fetch(`${directory}/api/spaces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: `Faults Space ${i}`,
          kind: 'community',
          description: 'A space of the fault suite',
          address: `${i} Fault Street`,
          city: 'Berlin',
          country: 'DE',
          latitude: 52.4 + (i % 8) * 0.03,
          longitude: 13.3 + Math.floor(i / 8) * 0.03,
          timezone: 'Europe/Berlin',
          capacity: 100,
          amenities: ['wifi'],
          pricing: { model: 'free' },
          marketRate: { amount: 300, currency: 'EUR', per: 'day' },
          host: { name: `Host ${i}`, email },
          eligibility: { supportsFoss: true, nonCommercialPledge: true },
        }),
      }),
    );
    const { id } = (await registered.json()) as { id: string };
    const link = await waitFor(() => {
      const mail = smtp.mails.find((m) => m.to.includes(email) && /\/actions\/spaces\//.test(m.text ?? ''));
      return mail && /(https?:\/\/\S+\/actions\/spaces\/\S+)/.exec(mail.text!)![1];
    }, `the verification mail of space ${i}`);
    const pathname = new URL(link).pathname;
    const verified = await pressOnce(`${directory}${pathname}`, 'confirm', {});
    if (!verified?.acted) throw new Error(`the verification link of space ${i} did not act`);
    await retried(() =>
      fetch(`${directory}/api/spaces/${id}/approve`, { method: 'POST', headers: operator }),
    );
  }
}

export async function waitFor<T>(find: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const found = find();
    if (found) return found;
    await sleep(100);
  }
  throw new Error(`${what} did not arrive`);
}

/**
 * Mails that share a notification id: a notification sent twice. `atKill` counts those whose first copy was
 * accepted by the SMTP server within a second of a SIGKILL of the notifications service: the sender died
 * between the server's "250 accepted" and recording the mail as sent, the one window SMTP gives no way to
 * close (the copies share their Message-ID, by which mail clients show one). All others are bugs.
 * Within a second either side: the server runs in this process, so it may read the end of a mail that the
 * sender wrote to its socket just before it was killed after the kill has been noted, and accept it then.
 */
export function duplicateMails(
  smtp: TestSmtpServer,
  killsOfSender: number[] = [],
): { total: number; atKill: number; notAtKill: { notificationId: string; acceptedAt: string[] }[] } {
  const copies = new Map<string, ReceivedMail[]>();
  for (const mail of smtp.mails) {
    const id = String(mail.parsed?.headers.get('x-cocomo-notification') ?? randomUUID());
    copies.set(id, [...(copies.get(id) ?? []), mail]);
  }
  let total = 0;
  let atKill = 0;
  // The others, by notification id and when each copy came, to look them up in the services' logs (FAULTS_LOG).
  const notAtKill: { notificationId: string; acceptedAt: string[] }[] = [];
  for (const [notificationId, mails] of copies) {
    if (mails.length < 2) continue;
    total += mails.length - 1;
    const first = mails[0].acceptedAt;
    if (killsOfSender.some((killedAt) => Math.abs(killedAt - first) <= 1000)) {
      atKill += mails.length - 1;
    } else {
      notAtKill.push({
        notificationId,
        acceptedAt: mails.map((mail) => new Date(mail.acceptedAt).toISOString()),
      });
    }
  }
  return { total, atKill, notAtKill };
}
