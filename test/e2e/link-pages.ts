// Pressing a mail's link as a person does: open its page (GET), read its form — the fields with what they hold,
// the radio chosen, the button — fill in what the person would, and submit it (POST, as a browser sends it).
import request from 'supertest';
import type { ReceivedMail } from '@cocomo/testing';

export interface LinkPage {
  status: number;
  html: string;
  heading: string;
  form?: {
    action: string;
    fields: Record<string, string>;
    /** The boxes ticked, by name: what a browser sends of them. */
    ticked: Record<string, string[]>;
    button: { name: string; value: string };
  };
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', '#x27': "'", '#x3D': '=' };
const decode = (text: string) =>
  text.replace(/&(amp|quot|lt|gt|#x27|#x3D);/g, (_, name: string) => ENTITIES[name]);

function attributes(tag: string): Record<string, string> {
  return Object.fromEntries(
    [...tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)]
      .slice(1)
      .map(([, name, value]) => [name, decode(value ?? '')]),
  );
}

/**
 * The path of the link a mail's text gives for its button `label` ("Label:" then the address, by the layout),
 * with the reader's language when the link carries it (`?lang=es`).
 */
export function linkIn(mail: ReceivedMail, label: string): string {
  const line = new RegExp(
    `^${label}:\\n(http://\\S+/actions/(?:series/)?[\\w./-]+(?:\\?lang=[\\w-]+)?)$`,
    'm',
  ).exec(mail.text ?? '');
  if (!line) throw new Error(`no "${label}" link in: ${mail.text}`);
  const url = new URL(line[1]);
  return url.pathname + url.search;
}

/** Opens the page; `form` picks which of its forms to read (the first unless said), as a person scrolls to it. */
export async function openLink(base: string, path: string, form = 0): Promise<LinkPage> {
  const response = await request(base).get(path);
  const html = response.text;
  const heading = decode(/<h1>([^<]*)<\/h1>/.exec(html)?.[1] ?? '');
  const found = [...html.matchAll(/<form method="post" action="([^"]*)">([\s\S]*?)<\/form>/g)][form];
  if (!found) return { status: response.status, html, heading };
  const fields: Record<string, string> = {};
  const ticked: Record<string, string[]> = {};
  for (const [tag] of found[2].matchAll(/<input\b[^>]*>/g)) {
    const input = attributes(tag);
    if (input.type === 'radio' && !('checked' in input)) continue;
    // Boxes are sent as a browser sends them: each ticked one, under its name.
    if (input.type === 'checkbox') {
      if ('checked' in input) ticked[input.name] = [...(ticked[input.name] ?? []), input.value ?? 'on'];
      continue;
    }
    fields[input.name] = input.value ?? '';
  }
  for (const [, tag, text] of found[2].matchAll(/(<textarea\b[^>]*>)([\s\S]*?)<\/textarea>/g)) {
    fields[attributes(tag).name] = decode(text);
  }
  for (const [, tag, options] of found[2].matchAll(/(<select\b[^>]*>)([\s\S]*?)<\/select>/g)) {
    const chosen = [...options.matchAll(/<option\b[^>]*>/g)].map(([option]) => attributes(option));
    fields[attributes(tag).name] = (chosen.find((option) => 'selected' in option) ?? chosen[0])?.value ?? '';
  }
  const button = attributes(/<button\b[^>]*name="choice"[^>]*>/.exec(found[2])?.[0] ?? '');
  return {
    status: response.status,
    html,
    heading,
    form: {
      action: decode(found[1]),
      fields,
      ticked,
      button: { name: button.name, value: button.value },
    },
  };
}

/**
 * Submits the page's form with `values` typed over what its fields held (a list: the boxes ticked under that
 * name instead of those the page ticked); the outcome page comes back.
 */
export async function submit(
  base: string,
  page: LinkPage,
  values: Record<string, string | string[]> = {},
  headers: Record<string, string> = {},
) {
  if (!page.form) throw new Error(`the page "${page.heading}" has no form`);
  const { action, fields, ticked, button } = page.form;
  const body = new URLSearchParams();
  const sent: Record<string, string | string[]> = {
    ...ticked,
    ...fields,
    ...values,
    [button.name]: button.value,
  };
  for (const [name, value] of Object.entries(sent)) {
    for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
  }
  const response = await request(base).post(action).set(headers).type('form').send(body.toString());
  return {
    status: response.status,
    html: response.text,
    heading: decode(/<h1>([^<]*)<\/h1>/.exec(response.text)?.[1] ?? ''),
  };
}
