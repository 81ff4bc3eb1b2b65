// The pages of links: a link that cannot act gets a page that says why, with the 4xx status that goes with it,
// and changes nothing; the words are in libs/links/views/links/unusable.hbs.
import type { Response } from 'express';
import { sendPage, type PageRenderer } from '@cocomo/web';

export type UnusableLink = 'used' | 'expired' | 'invalid' | 'overtaken';

export const UNUSABLE_LINK_STATUS: Record<UnusableLink, number> = {
  used: 409,
  expired: 410,
  invalid: 400,
  overtaken: 409,
};

export function sendUnusableLink(response: Response, pages: PageRenderer, state: UnusableLink): void {
  sendPage(response, UNUSABLE_LINK_STATUS[state], pages.render('links/unusable', { state }));
}
