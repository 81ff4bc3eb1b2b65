// The words of a refusal's problems in the reader's language. Each problem the API or a form names is a message of
// the `problems` catalogue (libs/i18n/locales/<locale>/problems.json), keyed `<code>.<variant>`: its code, the
// stable name programs read, is the key's first part. Domain code and the DTOs write the English words, which
// stay exactly as they are; the answer finds the message they are, reads its values back out of them, and says
// it in the language asked for. A problem the catalogue does not know keeps its English words.
import { CATALOGUES, DEFAULT_LOCALE, translate, type Messages } from '@cocomo/i18n';
import type { Problem } from './domain-errors';
import { currentPageLocale } from './page-locale';

interface KnownProblem {
  key: string;
  code: string;
  pattern: RegExp;
  names: string[];
  /** Words that are not values: a longer one is tried first, so "at least 1 request a month" beats "at least {min}". */
  literal: number;
}

function entriesOf(messages: Messages, prefix = ''): [string, string][] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[prefix + key, value] as [string, string]]
      : entriesOf(value, `${prefix}${key}.`),
  );
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "must be at most {max} characters" → /^must be at most (.+?) characters$/ with ["max"]. */
function known(key: string, english: string): KnownProblem {
  const names: string[] = [];
  const parts = english.split(/\{(\w+)\}/);
  const source = parts
    .map((part, index) => (index % 2 ? (names.push(part), '(.+?)') : escape(part)))
    .join('');
  const literal = parts.filter((_, index) => index % 2 === 0).join('').length;
  return { key, code: key.split('.')[0], pattern: new RegExp(`^${source}$`, 's'), names, literal };
}

const KNOWN: KnownProblem[] = entriesOf(CATALOGUES[DEFAULT_LOCALE].problems)
  .map(([key, english]) => known(key, english))
  .sort((a, b) => b.literal - a.literal);

/** The catalogue's message the English words are, with the values read out of them; undefined when none. */
export function knownProblem(
  words: string,
  code?: string,
): { key: string; code: string; values: Record<string, string> } | undefined {
  const candidates = code ? [...KNOWN.filter((k) => k.code === code), ...KNOWN] : KNOWN;
  for (const candidate of candidates) {
    const match = candidate.pattern.exec(words);
    if (!match) continue;
    const values = Object.fromEntries(candidate.names.map((name, index) => [name, match[index + 1]]));
    return { key: candidate.key, code: candidate.code, values };
  }
  return undefined;
}

/** The problem with its code, and its words in `locale` (English words stay exactly as they were). */
export function problemIn(locale: string, problem: Problem): Problem {
  const found = knownProblem(problem.problem, problem.code);
  // A problem neither its domain nor the catalogue names is still one a program can tell apart from none.
  const code = problem.code ?? found?.code ?? 'invalid';
  const words =
    found && locale !== DEFAULT_LOCALE
      ? translate(locale, `problems:${found.key}`, found.values)
      : problem.problem;
  return { field: problem.field, problem: words, code };
}

/** What a page shows of a refused form: the list at the top, and each problem by its field. */
export interface PageProblems {
  problems: string[];
  problemOf: Record<string, string>;
}

/**
 * A refused form's problems in the page's language: each by its field, and the list at the top, each behind
 * its field's label when `labelOf` names one (a form whose problems name their field themselves needs none).
 */
export function pageProblems(
  refused: Problem[],
  labelOf?: (field: string, locale: string) => string | undefined,
): PageProblems {
  const locale = currentPageLocale() ?? DEFAULT_LOCALE;
  const said = refused.map((problem) => problemIn(locale, problem));
  return {
    problems: said.map(({ field, problem }) => {
      const label = labelOf?.(field, locale);
      return label ? translate(locale, 'pages:formWords.problemItem', { field: label, problem }) : problem;
    }),
    problemOf: Object.fromEntries(said.map(({ field, problem }) => [field, problem])),
  };
}

/** Every code the catalogue names, for the API's documentation. */
export const PROBLEM_CODES: readonly string[] = [...new Set(KNOWN.map((k) => k.code))].sort();
