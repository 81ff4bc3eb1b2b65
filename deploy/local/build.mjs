// Whether dist/ is older than the TypeScript it is built from, so `npm start` builds only when it must.
// `npm run build` calls this file too: `forget` before tsc, `remember` once it succeeded.
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

function* filesUnder(directory) {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name === 'node_modules') continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

function newestIn(paths) {
  let newest = { path: undefined, mtimeMs: 0 };
  for (const path of paths) {
    const { mtimeMs } = statSync(path);
    if (mtimeMs > newest.mtimeMs) newest = { path, mtimeMs };
  }
  return newest;
}

// Written after a build that succeeded. tsc writes dist/ even when it reports errors, so without this mark a
// failed build would look newer than the sources it failed on.
const BUILT_MARK = '.build-succeeded';

export function forgetBuild(root) {
  rmSync(join(root, 'dist', BUILT_MARK), { force: true });
}

export function rememberBuild(root) {
  writeFileSync(join(root, 'dist', BUILT_MARK), `${new Date().toISOString()}\n`);
}

/** Why a build is needed ("dist/ is missing", "apps/x.ts changed since the last build"), or undefined. */
export function reasonToBuild(root) {
  const dist = newestIn(filesUnder(join(root, 'dist')));
  if (!dist.path) return 'dist/ is missing';
  if (!existsSync(join(root, 'dist', BUILT_MARK))) return 'the last build failed or was stopped';
  const sources = ['apps', 'libs'].flatMap((folder) =>
    [...filesUnder(join(root, folder))].filter((path) => path.endsWith('.ts')),
  );
  const changed = newestIn(sources);
  if (changed.mtimeMs > dist.mtimeMs) return `${relative(root, changed.path)} changed since the last build`;
  return undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const command = process.argv[2];
  if (command === 'forget') forgetBuild(root);
  else if (command === 'remember') rememberBuild(root);
  else {
    process.stderr.write(`usage: node deploy/local/build.mjs forget|remember (not "${command ?? ''}")\n`);
    process.exit(2);
  }
}
