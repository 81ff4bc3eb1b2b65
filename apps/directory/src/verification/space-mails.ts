// The mails the directory asks the notifications service to send about a space.
import { randomUUID } from 'node:crypto';
import type { EmailTemplateId, EmailTemplates, NotifyEmail } from '@cocomo/contracts';
import type { Space } from '../spaces/space.entity';

function mail<T extends EmailTemplateId>(
  template: T,
  to: { email: string; name?: string },
  data: EmailTemplates[T],
  actions: NotifyEmail['actions'] = [],
): NotifyEmail {
  return { notificationId: randomUUID(), template, locale: 'en', to, data, actions };
}

const hostOf = (space: Space) => ({ email: space.hostEmail, name: space.hostName });

export function verifyMail(space: Space, link: { url: string; expiresAt: Date }): NotifyEmail {
  return mail(
    'space-verify',
    hostOf(space),
    {
      hostName: space.hostName,
      spaceName: space.name,
      city: space.city,
      country: space.country,
      expiresAt: link.expiresAt.toISOString(),
    },
    [{ label: 'Confirm my email address', url: link.url }],
  );
}

export function reviewNeededMail(space: Space, operatorEmail: string, publicBaseUrl: string): NotifyEmail {
  return mail(
    'space-review-needed',
    { email: operatorEmail, name: 'CoCoMo operators' },
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
    [{ label: 'Review it', url: `${publicBaseUrl}/review` }],
  );
}

export function approvedMail(space: Space, publicBaseUrl: string): NotifyEmail {
  return mail('space-approved', hostOf(space), {
    hostName: space.hostName,
    spaceName: space.name,
    mapUrl: `${publicBaseUrl}/map#space=${space.id}`,
  });
}

export function rejectedMail(space: Space, reason: string): NotifyEmail {
  return mail('space-rejected', hostOf(space), { hostName: space.hostName, spaceName: space.name, reason });
}
