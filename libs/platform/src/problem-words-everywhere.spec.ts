// Every refusal the services write for a person to read is a message of the problems catalogue, so that
// problemIn says it in the reader's language; one the catalogue does not hold stays English in every language.
// The refusals are found in the source as the words given to zod's checks (`.min(1, '…')`, `message: '…'`), to
// problems (`problem: '…'`, `const problem = '…'`) and in a table of them (`REPORT_PROBLEMS = { held: '…' }`); a
// value written into them (`${max}`) is taken as a number.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { knownProblem } from './problem-words';

const root = path.resolve(__dirname, '../../..');
const REFUSAL =
  /(?:\.(?:min|max|length|regex|refine|int|uuid|email|url|positive|nonnegative)\([^'"`()]*?,\s*|\b(?:message|invalid_type_error|required_error|problem):\s*|\b(?:const|let)\s+problem\s*=\s*)(['"`])((?:(?!\1)[^\\]|\\.)*)\1/g;
/** A table of refusals by name, and each string in it. */
const REFUSAL_TABLE = /\b[A-Z_]*PROBLEMS\s*=\s*\{([^}]*)\}/g;
const TEXT = /(['"`])((?:(?!\1)[^\\]|\\.)*)\1/g;

/**
 * What no person reads in their language: the settings' checks (for whoever deploys), the messages between the
 * services, and the answers a page says by their status in its own words (the problem filter's titles, the
 * limit's 429, the readiness check's, the cross-site refusal of an operator's browser login).
 */
const NOT_FOR_READERS = [
  /^libs\/config\//,
  /^libs\/messaging\//,
  /^libs\/platform\/src\/(problem\.filter|public-request-limits|cross-site-operator-writes)\.ts$/,
  /^libs\/platform\/src\/health\//,
  /^libs\/contracts\//,
  /^apps\/notifications\/src\/delivery\/notify-email\.schema\.ts$/,
];

function refusalsInSource(): { file: string; words: string }[] {
  const files = execFileSync('git', ['ls-files', 'apps/*.ts', 'libs/*.ts'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((file) => file && !/\.(spec|e2e-spec)\.ts$|\/test\/|\/migrations\//.test(file))
    .filter((file) => !NOT_FOR_READERS.some((pattern) => pattern.test(file)));
  return files.flatMap((file) => {
    const source = readFileSync(path.join(root, file), 'utf8');
    const tables = [...source.matchAll(REFUSAL_TABLE)].flatMap((table) => [...table[1].matchAll(TEXT)]);
    return (
      [...source.matchAll(REFUSAL), ...tables]
        .map((match) => match[2].replace(/\$\{[^}]+\}/g, '7'))
        // A code, a key or a frame's name, not a sentence.
        .filter((words) => /\s/.test(words))
        .map((words) => ({ file, words }))
    );
  });
}

describe('the refusals the services write', () => {
  const refusals = refusalsInSource();

  it('are found in the source', () => {
    expect(refusals.length).toBeGreaterThan(80);
  });

  it('are each a message of the problems catalogue', () => {
    expect(refusals.filter(({ words }) => !knownProblem(words))).toEqual([]);
  });
});
