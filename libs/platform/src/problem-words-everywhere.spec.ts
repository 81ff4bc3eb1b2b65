// Every refusal the services write for a person to read is a message of the problems catalogue, so that
// problemIn says it in the reader's language; one the catalogue does not hold stays English in every language.
// The refusals are found in the source as the words given to zod's checks (`.min(1, '…')`, `message: '…'`) and to
// problems (`problem: '…'`); a value written into them (`${max}`) is taken as a number.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { knownProblem } from './problem-words';

const root = path.resolve(__dirname, '../../..');
const REFUSAL =
  /(?:\.(?:min|max|length|regex|refine|int|uuid|email|url|positive|nonnegative)\([^'"`()]*?,\s*|\b(?:message|invalid_type_error|required_error|problem):\s*)(['"`])((?:(?!\1)[^\\]|\\.)*)\1/g;

/**
 * What no person reads in their language: the settings' checks (for whoever deploys), the messages between the
 * services, and the problem filter's own titles (the pages translate those by their code).
 */
const NOT_FOR_READERS = [
  /^libs\/config\//,
  /^libs\/messaging\//,
  /^libs\/platform\//,
  /^libs\/contracts\//,
  /^apps\/notifications\/src\/delivery\/notify-email\.schema\.ts$/,
];

function refusalsInSource(): { file: string; words: string }[] {
  const files = execFileSync('git', ['ls-files', 'apps/*.ts', 'libs/*.ts'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((file) => file && !/\.(spec|e2e-spec)\.ts$|\/test\/|\/migrations\//.test(file))
    .filter((file) => !NOT_FOR_READERS.some((pattern) => pattern.test(file)));
  return files.flatMap((file) =>
    [...readFileSync(path.join(root, file), 'utf8').matchAll(REFUSAL)]
      .map((match) => match[2].replace(/\$\{[^}]+\}/g, '7'))
      // A code, a key or a frame's name, not a sentence.
      .filter((words) => /\s/.test(words))
      .map((words) => ({ file, words })),
  );
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
