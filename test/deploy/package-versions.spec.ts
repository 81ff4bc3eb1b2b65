// Packages that are released together stay together: the @nestjs/* packages of Nest's own repository on one
// version, the @bull-board/* packages on one version, as declared and as installed by the lockfile. And the lint
// rules for promises stay on for the TypeScript code, with no finding silenced in it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sourceFiles } from './source-files';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version: string }>;
};
const declared = { ...manifest.dependencies, ...manifest.devDependencies };

/** Released from Nest's own repository, always at the same version (swagger, terminus, throttler are not). */
const NEST_CORE = new Set([
  'common',
  'core',
  'microservices',
  'platform-express',
  'platform-fastify',
  'platform-socket.io',
  'platform-ws',
  'testing',
  'websockets',
]);

/** Each declared package of the family: what package.json asks and what the lockfile installed. */
function family(matches: (name: string) => boolean) {
  return Object.entries(declared)
    .filter(([name]) => matches(name))
    .map(([name, range]) => ({ name, range, installed: lock.packages[`node_modules/${name}`]?.version }));
}

it.each([
  [
    'the core @nestjs/* packages',
    (name: string) => NEST_CORE.has(name.replace(/^@nestjs\//, '')) && name.startsWith('@nestjs/'),
  ],
  ['the @bull-board/* packages', (name: string) => name.startsWith('@bull-board/')],
])('keeps %s on one exact version, declared and installed', (_family, matches) => {
  const members = family(matches);
  expect(members.length).toBeGreaterThan(1);
  const version = members[0].installed;
  expect(members).toEqual(members.map(({ name }) => ({ name, range: version, installed: version })));
});

const PROMISE_RULES = ['@typescript-eslint/no-floating-promises', '@typescript-eslint/no-misused-promises'];

it('lints the TypeScript code with the rules for promises as errors', () => {
  for (const file of [
    'apps/bookings/src/main.ts',
    'libs/messaging/src/index.ts',
    'test/deploy/signals.e2e-spec.ts',
  ]) {
    const printed = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/eslint/bin/eslint.js'), '--print-config', file],
      { cwd: root, encoding: 'utf8' },
    );
    expect(printed.status).toBe(0);
    const { rules } = JSON.parse(printed.stdout) as { rules: Record<string, unknown[]> };
    for (const rule of PROMISE_RULES) expect([file, rule, rules[rule]?.[0]]).toEqual([file, rule, 2]);
  }
});

it('silences none of their findings in the code', () => {
  const silenced = sourceFiles(root, /\.(ts|mjs|js)$/)
    .filter((file) => !file.endsWith('package-versions.spec.ts'))
    .filter((file) => {
      const text = readFileSync(path.join(root, file), 'utf8');
      return /eslint-disable/.test(text) && PROMISE_RULES.some((rule) => text.includes(rule));
    });
  expect(silenced).toEqual([]);
});
