// What the metrics service's pages need: the dashboard's view, script and style, and Chart.js, served under
// /dashboard/assets beside the shared stylesheet and logo.
import { npmFolder, shipped, type WebSite } from '@cocomo/web';

export const metricsSite: WebSite = {
  assets: '/dashboard/assets',
  views: [shipped('apps/metrics/views')],
  publicFolder: shipped('apps/metrics/public'),
  packages: { 'chart.js': npmFolder('chart.js/dist') },
};
