// What `npm run demo` does as its people: calls the APIs through the router, reads the mails the system sent
// (the notifications API, as an operator), and presses a mail's button as a person would — open the link's
// page (GET), then submit its form (POST).
import { setTimeout as sleep } from 'node:timers/promises';
import { URLSearchParams } from 'node:url';

/* global fetch -- Node's own, since Node 18 */

const WAIT_MS = 30_000;

const decode = (text) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&amp;/g, '&');

/** The page's heading, to say what a person sees. */
export const headingOf = (html) => decode(/<h1>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? '').trim();

/** The form behind a link: where it posts, its buttons, and the names of its fields. */
export function formOf(html, pageUrl) {
  const form = /<form method="post" action="([^"]*)">([\s\S]*?)<\/form>/.exec(html);
  if (!form) throw new Error(`the page at ${pageUrl} has no form to submit ("${headingOf(html)}")`);
  const buttons = [
    ...form[2].matchAll(/<button type="submit" name="choice" value="([^"]*)"[^>]*>([^<]*)</g),
  ].map(([, value, label]) => ({ value: decode(value), label: decode(label) }));
  const fields = [
    ...new Set([...form[2].matchAll(/<input [^>]*name="([^"]+)"/g)].map(([, name]) => decode(name))),
  ];
  return { action: new URL(decode(form[1]), pageUrl).toString(), buttons, fields };
}

export function createClient({ base, operatorToken, out }) {
  const operator = { authorization: `Bearer ${operatorToken}` };
  const seenMails = new Set();

  /** One HTTP call; waits and tries again when the system asks a client to slow down (429). */
  async function call(method, url, { body, form, asOperator = false, expect = [200, 201] } = {}) {
    const headers = { ...(asOperator ? operator : {}) };
    let payload;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    } else if (form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(form).toString();
    }
    const target = new URL(url, base).toString();
    for (;;) {
      const response = await fetch(target, { method, headers, body: payload, redirect: 'manual' });
      const text = await response.text();
      if (response.status === 429) {
        const seconds = Number(response.headers.get('retry-after')) || 5;
        out.say(`(the system limits how fast one address may write; waiting ${seconds}s as it asks)`);
        await sleep(seconds * 1000);
        continue;
      }
      if (!expect.includes(response.status)) {
        throw new Error(
          `${method} ${new URL(target).pathname} answered ${response.status}: ${text.slice(0, 300)}`,
        );
      }
      const json = /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : undefined;
      return { status: response.status, json, text };
    }
  }

  async function listMails() {
    const { json } = await call('GET', '/api/notifications?limit=500', { asOperator: true });
    return json.items;
  }

  /** Prints the mails sent since the last look, oldest first. */
  async function printNewMails() {
    const fresh = (await listMails()).filter((mail) => !seenMails.has(mail.id)).reverse();
    for (const mail of fresh) {
      seenMails.add(mail.id);
      out.mail(mail);
    }
    return fresh.length;
  }

  return {
    call,
    printNewMails,

    /** Mails sent before the story began are not part of it. */
    async forgetEarlierMails() {
      for (const mail of await listMails()) seenMails.add(mail.id);
    },

    /** Waits until the system has stopped sending for a moment, printing what it sent. */
    async settleMails() {
      let quiet = 0;
      for (let round = 0; round < 20 && quiet < 2; round++) {
        await sleep(300);
        quiet = (await printNewMails()) ? 0 : quiet + 1;
      }
    },

    /** The mail to `to` from `template` whose subject holds `about`, with its links. */
    async mailTo(to, template, about, withinMs = WAIT_MS) {
      const deadline = Date.now() + withinMs;
      for (;;) {
        const found = (await listMails()).find(
          (mail) => mail.recipient === to && mail.template === template && mail.subject.includes(about),
        );
        if (found) {
          await printNewMails();
          return (await call('GET', `/api/notifications/${found.id}`, { asOperator: true })).json;
        }
        if (Date.now() > deadline) return undefined;
        await sleep(250);
      }
    },

    /**
     * Presses the button `label` of a mail as its reader would: opens the link (GET: a page, nothing changes),
     * fills in `values` for the form's fields, and submits the form (POST). Returns the outcome page's heading.
     */
    async press(mail, label, values = {}) {
      const link = mail.actions.find((action) => action.label === label);
      if (!link) throw new Error(`the mail "${mail.subject}" has no "${label}" link`);
      const page = await call('GET', link.url);
      out.say(`${mail.recipient} opens "${label}": the page asks "${headingOf(page.text)}"`);
      const form = formOf(page.text, new URL(link.url, base));
      const missing = form.fields.filter((field) => !(field in values));
      if (missing.length) throw new Error(`the form of "${label}" asks for ${missing.join(', ')}`);
      const filled = Object.fromEntries(form.fields.map((field) => [field, String(values[field])]));
      const outcome = await call('POST', form.action, { form: { ...filled, choice: form.buttons[0].value } });
      out.say(`  and presses "${form.buttons[0].label}": "${headingOf(outcome.text)}"`);
      return headingOf(outcome.text);
    },

    async booking(id) {
      return (await call('GET', `/api/bookings/${id}`, { asOperator: true })).json;
    },

    /** Polls the booking until `ok` holds. */
    async bookingUntil(id, ok, what) {
      const deadline = Date.now() + WAIT_MS;
      for (;;) {
        const booking = (await call('GET', `/api/bookings/${id}`, { asOperator: true })).json;
        if (ok(booking)) return booking;
        if (Date.now() > deadline)
          throw new Error(`booking ${id} did not reach ${what} (it is ${booking.state})`);
        await sleep(250);
      }
    },
  };
}
