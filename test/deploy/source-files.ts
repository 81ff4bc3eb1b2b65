// The repository's own source files, for the tests that read the code to check what ships (what it imports,
// what it reads at run time): every file below the root except installed, built and version-control folders.
import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

const NOT_SOURCES = new Set(['node_modules', 'dist', 'coverage', 'logs', '.git']);

/** Paths relative to `root`, with '/' separators, of the files whose name matches `pattern`. */
export function sourceFiles(root: string, pattern: RegExp, folder = ''): string[] {
  return readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const file = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return NOT_SOURCES.has(entry.name) ? [] : sourceFiles(root, pattern, file);
    return pattern.test(entry.name) ? [file] : [];
  });
}

/**
 * Whether a source file is part of what runs in the image (the services, their migrations, the router); every
 * other one is a test, a benchmark or a development script.
 */
export function runsInImage(file: string): boolean {
  if (/\.(spec|e2e-spec)\.ts$/.test(file)) return false;
  if (/^apps\/[^/]+\/(src|migrations)\//.test(file)) return !file.endsWith('write-booking-diagram.ts');
  if (/^libs\/[^/]+\/src\//.test(file)) return !file.startsWith('libs/testing/');
  return /^deploy\/local\/(router|routes|health)\.mjs$/.test(file);
}

export interface Imported {
  file: string;
  /** The package's name: `bullmq`, `@nestjs/core`. */
  name: string;
  /** `import type …`: nothing of it is loaded at run time. */
  typeOnly: boolean;
}

const IMPORT =
  /(?:^|[\s;(])(?:import\s+(type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?|export\s+(?:type\s+)?[\w*{}\s,$]+\s+from\s+|import\s*\(\s*|require(?:\.resolve)?\s*\(\s*)['"]([^'"]+)['"]/g;

/** The packages a file imports (static, dynamic and require), leaving out Node's own and the repository's. */
export function importsOf(file: string, text: string): Imported[] {
  return [...text.matchAll(IMPORT)]
    .map((match) => ({ specifier: match[2], typeOnly: Boolean(match[1]) }))
    .filter(({ specifier }) => !specifier.startsWith('.') && !specifier.startsWith('@cocomo/'))
    .filter(
      ({ specifier }) => !specifier.startsWith('node:') && !builtinModules.includes(specifier.split('/')[0]),
    )
    .map(({ specifier, typeOnly }) => ({
      file,
      typeOnly,
      name: specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/'),
    }));
}
