// The little markup a catalogue's messages may hold, so that one sentence serves a mail's text and its HTML and
// a translator keeps the emphasis where their language puts it: <b>…</b> (strong), <code>…</code> and <a>…</a>
// (a link whose address the template gives). In HTML every value is escaped and the message's own text too; in
// plain text the tags are dropped. Values are fenced while the message is formatted, so a value that looks like
// a tag stays text.

const OPEN = '\u0001';
const CLOSE = '\u0002';
const FENCES = new RegExp(`[${OPEN}${CLOSE}]`, 'g');

export type MarkupMode = 'html' | 'text';

export interface MarkupOptions {
  mode: MarkupMode;
  /** The address of the message's <a>…</a>. */
  href?: string;
  /** Inline style of that link (mails style their links; pages use the stylesheet). */
  linkStyle?: string;
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
  '`': '&#x60;',
  '=': '&#x3D;',
};

/** Escapes as Handlebars does, so a value reads the same in a message as anywhere else in a view. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`=]/g, (character) => ENTITIES[character]);
}

/** A value that cannot hold markup, and may choose a `select`'s case: "yes", "host", "change_approved". */
const PLAIN = /^[A-Za-z0-9_-]*$/;

/**
 * Each string value fenced (and escaped for HTML); numbers stay numbers, for plurals and `#`, and plain words
 * stay words, for selects.
 */
export function fenceValues(values: Record<string, unknown>, mode: MarkupMode): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => {
      if (typeof value === 'number' || (typeof value === 'string' && PLAIN.test(value))) return [name, value];
      const text = String(value ?? '').replace(FENCES, '');
      return [name, `${OPEN}${mode === 'html' ? escapeHtml(text) : text}${CLOSE}`];
    }),
  );
}

/** The formatted message as HTML or text: its own text escaped (HTML) and its tags turned into markup or dropped. */
export function finishMarkup(formatted: string, options: MarkupOptions): string {
  return formatted
    .split(new RegExp(`(${OPEN}[^${CLOSE}]*${CLOSE})`))
    .map((part) =>
      part.startsWith(OPEN)
        ? part.slice(1, -1)
        : options.mode === 'html'
          ? toHtml(part, options)
          : toText(part),
    )
    .join('');
}

const TAGS = /<(\/?)(b|code|a)>/g;

function toText(literal: string): string {
  return literal.replace(TAGS, '');
}

/** The message's own words are text between tags: only what would start markup is escaped. */
const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function toHtml(literal: string, options: MarkupOptions): string {
  // Tags are found before escaping; everything between them is escaped.
  let html = '';
  let last = 0;
  for (const match of literal.matchAll(TAGS)) {
    html += escapeText(literal.slice(last, match.index)) + tagHtml(match[1] === '/', match[2], options);
    last = match.index + match[0].length;
  }
  return html + escapeText(literal.slice(last));
}

function tagHtml(closing: boolean, tag: string, options: MarkupOptions): string {
  if (tag === 'b') return closing ? '</strong>' : '<strong>';
  if (tag === 'code') return closing ? '</code>' : '<code>';
  if (closing) return '</a>';
  const style = options.linkStyle ? ' style="' + escapeHtml(options.linkStyle) + '"' : '';
  return '<a href="' + escapeHtml(options.href ?? '') + '"' + style + '>';
}
