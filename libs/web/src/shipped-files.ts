// Finding the files that ship beside the code (views, stylesheets, browser scripts, mail templates) from the
// TypeScript sources and from dist/ alike: both sit below the repository (or image) root, which holds
// package.json, so no build step copies them. Every such folder is declared with shipped('…'), its path written
// out, and every npm package folder served to browsers with npmFolder('…'): test/deploy/image.spec.ts reads
// each declaration and holds deploy/Dockerfile to copying the folder, and package.json to listing the package.
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The nearest folder at or above `start` that holds a package.json. */
export function packageRootAbove(start: string): string {
  for (let folder = path.resolve(start); ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, 'package.json'))) return folder;
    if (path.dirname(folder) === folder) throw new Error(`No package.json in ${start} or above it`);
  }
}

/** A folder below the package root that the services read at run time, as shipped('…') declared it. */
export type ShippedPath = string & { readonly __shipped: true };
/** An npm package's folder served to browsers, e.g. "leaflet/dist", as npmFolder('…') declared it. */
export type NpmFolder = string & { readonly __npmFolder: true };

/** Declares a folder of shipped files, e.g. shipped('apps/notifications/templates'). */
export function shipped(relative: string): ShippedPath {
  return relative as ShippedPath;
}

/** Declares an npm package's folder served to browsers, e.g. npmFolder('leaflet/dist'). */
export function npmFolder(packagePath: string): NpmFolder {
  return packagePath as NpmFolder;
}

/** A folder of shipped files, e.g. "apps/notifications/templates", below the package root above `from`. */
export function shippedFolder(relative: ShippedPath, from: string = __dirname): string {
  const folder = path.join(packageRootAbove(from), relative);
  if (!existsSync(folder)) throw new Error(`Shipped files are missing: ${folder} does not exist`);
  return folder;
}

/** The folder of an npm package's files, e.g. "leaflet/dist", wherever the package is installed. */
export function packageFolder(packagePath: NpmFolder): string {
  const [scopeOrName, ...rest] = packagePath.split('/');
  const name = scopeOrName.startsWith('@') ? `${scopeOrName}/${rest.shift()}` : scopeOrName;
  // From the package's entry point up to its package.json: some packages (chart.js) do not export that file.
  return path.join(packageRootAbove(path.dirname(require.resolve(name))), ...rest);
}
