// Starts the directory for a test file against its own database and queue prefix.
import request from 'supertest';
import { EntityManager } from '@mikro-orm/postgresql';
import type { NotifyEmail } from '@cocomo/contracts';
import type { Environment } from '@cocomo/config';
import { linkSecrets, verifyLinkToken } from '@cocomo/links';
import { ENVIRONMENT } from '@cocomo/platform';
import { isolatedInfra, startService, type IsolatedInfra, type ServiceUnderTest } from '@cocomo/testing';
import { directoryApp } from '../src/directory.module';

export const operator = { authorization: 'Bearer test-operator-token' };

export interface DirectoryUnderTest extends ServiceUnderTest {
  infra: IsolatedInfra;
  stop: () => Promise<void>;
}

/** `variables` override the test environment, for example `{ MAP_TILE_URL: '…' }`. */
export async function startDirectory(variables: Record<string, string> = {}): Promise<DirectoryUnderTest> {
  const infra = await isolatedInfra(variables);
  const service = await startService(directoryApp, infra.env);
  return {
    ...service,
    infra,
    stop: async () => {
      await service.close();
      await infra.cleanup();
    },
  };
}

export function aSpace(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Pune Hackerspace',
    kind: 'hackerspace',
    description: 'A room with a projector and good coffee.',
    address: '12 FC Road',
    city: 'Pune',
    country: 'IN',
    latitude: 18.5204,
    longitude: 73.8567,
    timezone: 'Asia/Kolkata',
    capacity: 40,
    amenities: ['wifi', 'projector'],
    pricing: { model: 'free' },
    marketRate: { amount: 8000, currency: 'INR', per: 'day' },
    host: { name: 'Asha', email: 'asha@example.org' },
    eligibility: { supportsFoss: true, nonCommercialPledge: true },
    ...overrides,
  };
}

/** The mails the directory has asked for so far (its outbox), oldest first. */
export type AskedMail = Omit<NotifyEmail, 'data'> & { data: Record<string, unknown> };

export async function mailsAskedFor(directory: ServiceUnderTest): Promise<AskedMail[]> {
  const rows: { payload: AskedMail }[] = await directory.app
    .get(EntityManager)
    .fork()
    .execute(
      `select "payload" from "directory"."outbox_message" where "name" = 'notify.email' order by "occurred_at"`,
    );
  return rows.map((row) => row.payload);
}

/** The path of the verification link mailed for the space. */
export async function verificationPath(directory: ServiceUnderTest, spaceId: string): Promise<string> {
  const secrets = linkSecrets(directory.app.get<Environment>(ENVIRONMENT).LINK_SECRET);
  for (const mail of await mailsAskedFor(directory)) {
    if (mail.template !== 'space-verify') continue;
    const url = new URL(mail.actions[0].url);
    const check = verifyLinkToken(url.pathname.split('/').pop()!, secrets);
    if (check.ok && check.claims.subject === spaceId) return url.pathname;
  }
  throw new Error(`no verification mail for space ${spaceId}`);
}

/** What the host does: open the link in the mail and press its button. */
export async function verifyThroughLink(directory: ServiceUnderTest, spaceId: string): Promise<void> {
  const path = await verificationPath(directory, spaceId);
  await request(directory.url).post(path).type('form').send({ choice: 'confirm' }).expect(200);
}

/** A space as the map shows it: registered, confirmed by its host through the link, approved by an operator. */
export async function approvedSpace(
  directory: ServiceUnderTest,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const { body } = await request(directory.url).post('/api/spaces').send(aSpace(overrides)).expect(201);
  await verifyThroughLink(directory, body.id);
  await request(directory.url).post(`/api/spaces/${body.id}/approve`).set(operator).expect(200);
  return body.id;
}
