// What the directory's pages need: their views, the map's script and style, and Leaflet, all served under
// /map/assets beside the shared stylesheet, form script and logo.
import { LINK_VIEWS, npmFolder, shipped, type WebSite } from '@cocomo/web';

export const directorySite: WebSite = {
  assets: '/map/assets',
  views: [shipped('apps/directory/views'), LINK_VIEWS],
  publicFolder: shipped('apps/directory/public'),
  packages: { leaflet: npmFolder('leaflet/dist') },
};
