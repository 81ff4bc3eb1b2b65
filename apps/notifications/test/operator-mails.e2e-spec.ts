// A mail for operators goes to the enabled operators who hold its role for the space's country (or for every
// country), over real SMTP; when there is none, to OPERATOR_EMAIL as before.
import { randomUUID } from 'node:crypto';
import type { NotifyEmail } from '@cocomo/contracts';
import { OperatorAccounts } from '../src/operators/operator-accounts';
import { namedOperator } from './named-operators';
import { sendCommands, startNotifications, type NotificationsUnderTest } from './notifications-harness';

let service: NotificationsUnderTest;

beforeAll(async () => {
  service = await startNotifications({ smtp: true, env: { OPERATOR_EMAIL: 'everyone@operators.test' } });
});
afterAll(async () => {
  await service?.stop();
});

function reviewNeeded(
  spaceName: string,
  country: string,
  role: 'reviewer' | 'dispatcher' = 'reviewer',
): NotifyEmail<'space-review-needed'> {
  return {
    notificationId: randomUUID(),
    template: 'space-review-needed',
    locale: 'en',
    to: { email: 'everyone@operators.test', name: 'CoCoMo operators' },
    operators: { role, country },
    data: {
      spaceId: randomUUID(),
      spaceName,
      kind: 'hackerspace',
      city: 'Somewhere',
      country,
      capacity: 20,
      pricingModel: 'free',
      hostName: 'Asha',
      hostEmail: 'asha@example.org',
      reviewApiUrl: 'http://127.0.0.1:3000/api/spaces/docs',
    },
    actions: [{ label: 'Review it', url: 'http://127.0.0.1:3000/review' }],
  };
}

it('goes to the reviewers of the country and those of every country, not to others', async () => {
  const india = await namedOperator(service, ['reviewer'], ['IN']);
  const everywhere = await namedOperator(service, ['admin', 'reviewer']);
  const germany = await namedOperator(service, ['reviewer'], ['DE']);
  const dispatcher = await namedOperator(service, ['dispatcher'], ['IN']);
  const disabled = await namedOperator(service, ['reviewer'], ['IN']);
  await service.app.get(OperatorAccounts).change(disabled.id, { disabled: true });

  await sendCommands(service, reviewNeeded('Pune Hall', 'IN'));
  const mail = await service.smtp!.mailTo(india.email, /Pune Hall/);
  expect([...mail.to].sort()).toEqual([india.email, everywhere.email].sort());
  for (const other of [germany, dispatcher, disabled]) expect(mail.to).not.toContain(other.email);
});

it('goes to OPERATOR_EMAIL when no operator holds the role for the country', async () => {
  // The only dispatcher acts for India.
  await sendCommands(service, reviewNeeded('Lima Hall', 'PE', 'dispatcher'));
  const mail = await service.smtp!.mailTo('everyone@operators.test', /Lima Hall/);
  expect(mail.to).toEqual(['everyone@operators.test']);
});
