// Every package the code imports is declared in package.json, and what runs in the image (the services, their
// migrations, the router) imports only `dependencies`: the image installs with `npm ci --omit=dev`, where a
// package that is only a devDependency, or only there because another package brought it, is missing.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importsOf, runsInImage, sourceFiles } from './source-files';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const dependencies = new Set(Object.keys(manifest.dependencies));
const declared = new Set([...dependencies, ...Object.keys(manifest.devDependencies)]);

// This file is left out: its examples below are not imports.
const thisFile = path.relative(root, __filename);
const imported = sourceFiles(root, /\.(ts|mjs|cjs|js)$/)
  .filter((file) => file !== thisFile)
  .flatMap((file) => importsOf(file, readFileSync(path.join(root, file), 'utf8')));

/** A type-only import is declared by the package or by its @types package. */
const typesOf = (name: string) => `@types/${name.replace(/^@([^/]+)\//, '$1__')}`;

it('finds the imports it checks', () => {
  expect(
    importsOf('x.ts', "import type { A } from 'a';\nimport b from '@b/c/d';\nconst e = require('e');"),
  ).toEqual([
    { file: 'x.ts', typeOnly: true, name: 'a' },
    { file: 'x.ts', typeOnly: false, name: '@b/c' },
    { file: 'x.ts', typeOnly: false, name: 'e' },
  ]);
  expect(imported.map((entry) => entry.name)).toEqual(
    expect.arrayContaining(['@nestjs/core', 'bullmq', 'pino']),
  );
});

it('declares every package the code imports in package.json', () => {
  const undeclared = imported
    .filter(({ name, typeOnly }) => !declared.has(name) && !(typeOnly && declared.has(typesOf(name))))
    .map(({ file, name }) => `${name} (${file})`);
  expect([...new Set(undeclared)]).toEqual([]);
});

it('imports only dependencies, never devDependencies, from what runs in the image', () => {
  const fromDev = imported
    .filter(({ file, typeOnly }) => runsInImage(file) && !typeOnly)
    .filter(({ name }) => !dependencies.has(name))
    .map(({ file, name }) => `${name} (${file})`);
  expect([...new Set(fromDev)]).toEqual([]);
});
