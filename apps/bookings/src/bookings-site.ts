// What the bookings service's pages need — the request form, the organizer's status page, the operators'
// page and the pages behind the links in booking mails: their views, the form's script and Leaflet, served
// under /request/assets with the shared stylesheet, form script and logo, so that the service serves every
// page of its own, reached through the router or directly.
import { LINK_VIEWS, npmFolder, shipped, type WebSite } from '@cocomo/web';

export const bookingsSite: WebSite = {
  assets: '/request/assets',
  views: [shipped('apps/bookings/views'), LINK_VIEWS],
  publicFolder: shipped('apps/bookings/public'),
  packages: { leaflet: npmFolder('leaflet/dist') },
};
