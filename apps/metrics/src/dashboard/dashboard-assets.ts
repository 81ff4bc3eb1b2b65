// The dashboard's static files: its script and style from apps/metrics/public, and Chart.js from its npm package
// (never a CDN). The folders are found from this file, so they resolve from the sources and from dist/.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';

export const DASHBOARD_ASSETS_PATH = '/dashboard/assets';

function repositoryRoot(start: string): string {
  for (let folder = start; ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, 'package.json'))) return folder;
    if (path.dirname(folder) === folder) throw new Error(`No package.json in ${start} or above it`);
  }
}

export const dashboardPublicFolder = path.join(repositoryRoot(__dirname), 'apps', 'metrics', 'public');
export const chartJsFolder = path.dirname(require.resolve('chart.js'));

export function serveDashboardAssets(app: NestExpressApplication): void {
  app.useStaticAssets(chartJsFolder, { prefix: `${DASHBOARD_ASSETS_PATH}/chart.js`, index: false });
  app.useStaticAssets(dashboardPublicFolder, { prefix: DASHBOARD_ASSETS_PATH, index: false });
}
