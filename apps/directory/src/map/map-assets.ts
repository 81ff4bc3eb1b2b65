// The map page's static files: its own script, style and logo from apps/directory/public, and Leaflet from the
// npm package. Both folders are found from this file, so they resolve from the TypeScript sources and from dist/.
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { packageRootAbove } from '@cocomo/platform';

export const MAP_ASSETS_PATH = '/map/assets';

export const mapPublicFolder = path.join(packageRootAbove(__dirname), 'apps', 'directory', 'public');
export const leafletFolder = path.join(path.dirname(require.resolve('leaflet/package.json')), 'dist');

export function serveMapAssets(app: NestExpressApplication): void {
  app.useStaticAssets(leafletFolder, { prefix: `${MAP_ASSETS_PATH}/leaflet`, index: false });
  app.useStaticAssets(mapPublicFolder, { prefix: MAP_ASSETS_PATH, index: false });
}
