// What the development mailbox's and the "my data" pages need: their views (and those of links that cannot
// act), served under /mailbox/assets with the shared stylesheet and logo.
import { LINK_VIEWS, shipped, type WebSite } from '@cocomo/web';

export const notificationsSite: WebSite = {
  assets: '/mailbox/assets',
  views: [shipped('apps/notifications/views'), LINK_VIEWS],
};
