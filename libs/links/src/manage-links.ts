// The host's link to manage their space. Unlike an action link it is not used up: it opens the manage page and
// its forms as often as the host likes until it expires (LINK_EXPIRY, or LINK_EXPIRY_BY_ACTION's manage-space),
// and only for the email it was sent to while that email is still the space's host. Any service that mails a
// host signs one with the shared LINK_SECRET; the directory alone acts on it.
import type { ManageLink } from '@cocomo/contracts';
import type { ActionLinks } from './action-links';

export const MANAGE_SPACE = 'manage-space';
export const MANAGE_SPACE_PATH = '/actions/spaces/manage';

export function manageSpaceLink(
  links: ActionLinks,
  space: { spaceId: string; hostEmail: string },
  now = Date.now(),
): ManageLink {
  const link = links.issue(
    MANAGE_SPACE_PATH,
    { subject: space.spaceId, action: MANAGE_SPACE, recipient: space.hostEmail },
    now,
  );
  return { url: link.url, expiresAt: link.expiresAt.toISOString() };
}
