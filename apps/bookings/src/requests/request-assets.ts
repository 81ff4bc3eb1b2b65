// The request page's script and style, from apps/bookings/public, found from this file so that they resolve
// from the TypeScript sources and from dist/.
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { packageRootAbove } from '@cocomo/platform';

export const REQUEST_ASSETS_PATH = '/request/assets';

export const bookingsPublicFolder = path.join(packageRootAbove(__dirname), 'apps', 'bookings', 'public');

export function serveRequestAssets(app: NestExpressApplication): void {
  app.useStaticAssets(bookingsPublicFolder, { prefix: REQUEST_ASSETS_PATH, index: false });
}
