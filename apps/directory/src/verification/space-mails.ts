// The mails the directory asks the notifications service to send about a space: to its host in the host's
// language, to operators in OPERATOR_LOCALE; every button labelled, and linked, in that language.
import { randomUUID } from 'node:crypto';
import type { Environment } from '@cocomo/config';
import type { EmailTemplateId, EmailTemplates, ManageLink, NotifyEmail } from '@cocomo/contracts';
import { linkInLanguage, translate } from '@cocomo/i18n';
import type { Space } from '../spaces/space.entity';

type Button = { action: string; url: string };

function mail<T extends EmailTemplateId>(
  template: T,
  locale: string,
  to: { email: string; name?: string },
  data: EmailTemplates[T],
  buttons: Button[] = [],
): NotifyEmail {
  const actions = buttons.map(({ action, url }) => ({
    label: translate(locale, `mails:actions.${action}`),
    url: linkInLanguage(url, locale),
  }));
  return { notificationId: randomUUID(), template, locale, to, data, actions };
}

const hostOf = (space: Space) => ({ email: space.hostEmail, name: space.hostName });

/** The host's link to manage the space, in the host's language. */
const manageIn = (space: Space, manage: ManageLink): ManageLink => ({
  ...manage,
  url: linkInLanguage(manage.url, space.hostLocale),
});

export function verifyMail(space: Space, link: { url: string; expiresAt: Date }): NotifyEmail {
  return mail(
    'space-verify',
    space.hostLocale,
    hostOf(space),
    {
      hostName: space.hostName,
      spaceName: space.name,
      city: space.city,
      country: space.country,
      expiresAt: link.expiresAt.toISOString(),
    },
    [{ action: 'confirm-email', url: link.url }],
  );
}

export function reviewNeededMail(
  space: Space,
  env: Pick<Environment, 'OPERATOR_EMAIL' | 'OPERATOR_LOCALE' | 'PUBLIC_BASE_URL'>,
): NotifyEmail {
  const publicBaseUrl = env.PUBLIC_BASE_URL;
  // To the reviewers of the space's country; to OPERATOR_EMAIL when there is none.
  const review = mail(
    'space-review-needed',
    env.OPERATOR_LOCALE,
    { email: env.OPERATOR_EMAIL, name: 'CoCoMo operators' },
    {
      spaceId: space.id,
      spaceName: space.name,
      kind: space.kind,
      city: space.city,
      country: space.country,
      capacity: space.capacity,
      pricingModel: space.pricingModel,
      hostName: space.hostName,
      hostEmail: space.hostEmail,
      reviewApiUrl: `${publicBaseUrl}/api/spaces/docs`,
    },
    [{ action: 'review', url: `${publicBaseUrl}/review` }],
  );
  return { ...review, operators: { role: 'reviewer', country: space.country } };
}

export function approvedMail(space: Space, publicBaseUrl: string, manage: ManageLink): NotifyEmail {
  return mail('space-approved', space.hostLocale, hostOf(space), {
    hostName: space.hostName,
    spaceName: space.name,
    mapUrl: linkInLanguage(`${publicBaseUrl}/map#space=${space.id}`, space.hostLocale),
    manage: manageIn(space, manage),
  });
}

/** The answer to "send me the link to manage my space": the link is the mail's one button. */
export function manageLinkMail(space: Space, manage: ManageLink): NotifyEmail {
  return mail(
    'space-manage-link',
    space.hostLocale,
    hostOf(space),
    { hostName: space.hostName, spaceName: space.name, expiresAt: manage.expiresAt },
    [{ action: 'manage', url: manage.url }],
  );
}

/**
 * What changed of the space, by whom; the host hears of every change, and of the review of theirs (`to` and
 * `locale`: the host before a hand-over, in their own language).
 */
export function changedMail(
  space: Space,
  change: Omit<EmailTemplates['space-changed'], 'hostName' | 'spaceName' | 'manage'>,
  manage: ManageLink | null,
  to = hostOf(space),
  locale = space.hostLocale,
): NotifyEmail {
  return mail('space-changed', locale, to, {
    hostName: to.name,
    spaceName: space.name,
    ...change,
    ...(manage ? { manage: manageIn(space, manage) } : {}),
  });
}

/** To the email a host hands the space to, in the host's language: its one button takes the space over. */
export function handOverMail(
  space: Space,
  to: { name: string; email: string },
  link: { url: string; expiresAt: Date },
): NotifyEmail {
  return mail(
    'space-hand-over',
    space.hostLocale,
    to,
    {
      newHostName: to.name,
      spaceName: space.name,
      currentHostName: space.hostName,
      currentHostEmail: space.hostEmail,
      expiresAt: link.expiresAt.toISOString(),
    },
    [{ action: 'take-over', url: link.url }],
  );
}

export function rejectedMail(space: Space, reason: string): NotifyEmail {
  return mail('space-rejected', space.hostLocale, hostOf(space), {
    hostName: space.hostName,
    spaceName: space.name,
    reason,
  });
}

/** The yearly summary of what the space hosted; its link stops the summaries. */
export function summaryMail(
  space: Space,
  year: Omit<EmailTemplates['space-summary'], 'hostName' | 'spaceName' | 'manage' | 'timeZone'>,
  manage: ManageLink,
  optOut: { url: string },
): NotifyEmail {
  return mail(
    'space-summary',
    space.hostLocale,
    hostOf(space),
    {
      hostName: space.hostName,
      spaceName: space.name,
      timeZone: space.timezone,
      ...year,
      manage: manageIn(space, manage),
    },
    [{ action: 'no-summaries', url: optOut.url }],
  );
}
