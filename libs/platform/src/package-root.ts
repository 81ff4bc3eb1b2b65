// Finding files that ship beside the code (pages' scripts and styles, mail templates) from the TypeScript
// sources and from dist/ alike: both sit below the repository (or image) root, which holds package.json.
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The nearest folder at or above `start` that holds a package.json. */
export function packageRootAbove(start: string): string {
  for (let folder = start; ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, 'package.json'))) return folder;
    if (path.dirname(folder) === folder) throw new Error(`No package.json in ${start} or above it`);
  }
}
