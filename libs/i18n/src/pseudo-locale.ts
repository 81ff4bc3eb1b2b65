// The pseudo-locale en-XA, made from English: every letter accented, each message about 40% longer (its
// vowels doubled, dots after it) and fenced in ⟦…⟧. A page in it shows at a glance any text that does not come from the
// catalogue (it stays plain English) and any box too tight for a longer language. ICU syntax is kept as it
// is: placeholders, plural and select keywords and their `#`, quoted text and the <b>, <code>, <a> tags.
import type { Messages } from './catalogue';

const LETTERS: Record<string, string> = Object.fromEntries([
  ...'abcdefghijklmnopqrstuvwxyz'
    .split('')
    .map((letter, index) => [letter, 'áƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýž'[index]]),
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
    .split('')
    .map((letter, index) => [letter, 'ÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'[index]]),
]);
const VOWELS = new Set('aeiouyAEIOUY');

/** A letter accented, a vowel twice; anything else as it is. */
function accent(character: string): string {
  const accented = LETTERS[character];
  if (!accented) return character;
  return VOWELS.has(character) ? accented + accented.toLowerCase() : accented;
}

const CHOOSING = new Set(['plural', 'select', 'selectordinal']);

/** Reads a message from `start` until an unmatched `}` (or its end), accenting its text. */
function walk(message: string, start: number): { text: string; end: number } {
  let text = '';
  let at = start;
  while (at < message.length) {
    const character = message[at];
    if (character === '}') break;
    if (character === '{') {
      const argument = readArgument(message, at);
      text += argument.text;
      at = argument.end;
    } else if (character === '<') {
      const tag = /^<\/?[a-z]+>/.exec(message.slice(at));
      text += tag ? tag[0] : character;
      at += tag ? tag[0].length : 1;
    } else if (character === "'" && /['{}#|]/.test(message[at + 1] ?? '')) {
      // ICU quoting: '' is an apostrophe, '{…' a quoted literal up to the next apostrophe.
      const close = message[at + 1] === "'" ? at + 1 : message.indexOf("'", at + 1);
      const end = close === -1 ? message.length : close + 1;
      text += message.slice(at, end);
      at = end;
    } else {
      text += accent(character);
      at += 1;
    }
  }
  return { text, end: at };
}

/** `{name}`, `{n, number}`, or `{count, plural, one {…} other {…}}` with each case's message accented. */
function readArgument(message: string, start: number): { text: string; end: number } {
  const head = /^\{\s*[\w.-]+\s*(?:,\s*(\w+)\s*)?/.exec(message.slice(start));
  if (!head) return { text: '{', end: start + 1 };
  let at = start + head[0].length;
  let text = head[0];
  if (head[1] && CHOOSING.has(head[1]) && message[at] === ',') {
    text += ',';
    at += 1;
    // Cases: a keyword (or =2, offset:1) and its message in braces, until the argument's own `}`.
    while (at < message.length && message[at] !== '}') {
      if (message[at] === '{') {
        const inner = walk(message, at + 1);
        text += `{${inner.text}}`;
        at = inner.end + 1;
      } else {
        text += message[at];
        at += 1;
      }
    }
  } else {
    // A format's style (`{at, date, short}`) is syntax: kept to its closing brace.
    let depth = 0;
    while (at < message.length && (message[at] !== '}' || depth > 0)) {
      if (message[at] === '{') depth += 1;
      if (message[at] === '}') depth -= 1;
      text += message[at];
      at += 1;
    }
  }
  return { text: `${text}}`, end: at + 1 };
}

/** One English message in the pseudo-locale. */
export function pseudoMessage(message: string): string {
  const { text } = walk(message, 0);
  // Doubled vowels give most of the 40%; dots after the text the rest.
  const short = Math.ceil(message.length * 1.4) - text.length - 2;
  return `⟦${text}${short > 1 ? ` ${'·'.repeat(short - 1)}` : ''}⟧`;
}

/** A whole catalogue file in the pseudo-locale. */
export function pseudoMessages(messages: Messages): Messages {
  return Object.fromEntries(
    Object.entries(messages).map(([key, value]) => [
      key,
      typeof value === 'string' ? pseudoMessage(value) : pseudoMessages(value),
    ]),
  );
}
