// Where the mail templates live: apps/notifications/templates beside the repository's package.json, found the
// same way from the TypeScript sources (tests) and from the compiled dist (the image), so no build step copies them.
import { existsSync } from 'node:fs';
import path from 'node:path';

export function findTemplatesFolder(from: string = __dirname): string {
  let folder = path.resolve(from);
  while (!existsSync(path.join(folder, 'package.json'))) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`No package.json above ${from}: cannot find the mail templates`);
    folder = parent;
  }
  const templates = path.join(folder, 'apps', 'notifications', 'templates');
  if (!existsSync(templates)) throw new Error(`The mail templates are missing: ${templates} does not exist`);
  return templates;
}
