// What a service's pages need, declared once per service: the prefix its styles, scripts and images are served
// under (unique to the service, so one router or ingress can route it), its views, its own static files and
// the npm packages its pages load (Leaflet, Chart.js: never a CDN). The shared stylesheet, form script and logo
// of libs/web/public are served under every service's prefix, so each service serves all its pages need.
import type { NestExpressApplication } from '@nestjs/platform-express';
import { packageFolder, shipped, shippedFolder, type NpmFolder, type ShippedPath } from './shipped-files';
import { PageRenderer } from './page-renderer';

export interface WebSite {
  /** e.g. "/map/assets": `@assets` in the views. */
  assets: string;
  /** Folders of views below the package root, searched in order before the shared libs/web/views. */
  views: ShippedPath[];
  /** The service's own static files below the package root, e.g. "apps/directory/public". */
  publicFolder?: ShippedPath;
  /** npm packages' folders served under `${assets}/<name>`, e.g. { leaflet: "leaflet/dist" }. */
  packages?: Record<string, NpmFolder>;
}

export const SHARED_PUBLIC_FOLDER = shipped('libs/web/public');

/** The views of libs/links: the pages for links that cannot act. */
export const LINK_VIEWS = shipped('libs/links/views');

export function rendererFor(site: WebSite): PageRenderer {
  return new PageRenderer({ views: site.views.map((folder) => shippedFolder(folder)), assets: site.assets });
}

export function serveSite(app: NestExpressApplication, site: WebSite): void {
  const options = { index: false, fallthrough: true };
  for (const [name, folder] of Object.entries(site.packages ?? {})) {
    app.useStaticAssets(packageFolder(folder), { ...options, prefix: `${site.assets}/${name}` });
  }
  if (site.publicFolder) {
    app.useStaticAssets(shippedFolder(site.publicFolder), { ...options, prefix: site.assets });
  }
  app.useStaticAssets(shippedFolder(SHARED_PUBLIC_FOLDER), { ...options, prefix: site.assets });
}
