// Named operators for tests: accounts made in the owner's tables (as create-operator makes them), with a
// personal API token each, signing in through the form as a browser does, and the environment that points the
// other services at the owner's key set.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Role } from '@cocomo/platform';
import type { ServiceUnderTest } from '@cocomo/testing';
import { OperatorAccounts } from '../src/operators/operator-accounts';
import { OperatorSigning } from '../src/operators/operator-signing';
import { hashPassword } from '../src/operators/passwords';

export const OPERATOR_PASSWORD = 'a long operator password';

export interface NamedOperator {
  id: string;
  email: string;
  token: string;
  tokenId: string;
}

export async function namedOperator(
  owner: ServiceUnderTest,
  roles: Role[],
  countries: string[] | null = null,
): Promise<NamedOperator> {
  const accounts = owner.app.get(OperatorAccounts);
  const email = `${roles.join('-')}-${randomUUID().slice(0, 8)}@operators.test`;
  const id = await accounts.create({
    email,
    name: `${roles.join(' and ')} ${email.slice(0, 4)}`,
    passwordHash: await hashPassword(OPERATOR_PASSWORD),
    roles,
    countries,
  });
  const signed = await owner.app.get(OperatorSigning).token((await accounts.byId(id))!, 'test');
  return { id, email, token: signed.jwt, tokenId: signed.jti };
}

/** What every service but the owner needs to find the owner's key set, read quickly enough for a test. */
export const verifyingAt = (owner: ServiceUnderTest) => ({
  OPERATORS_URL: owner.url,
  OPERATOR_REVOCATION_POLL: '200ms',
});

/** The sign-in page's form token and the cookie that holds it, as a browser gets them by opening the page. */
export async function signInForm(url: string): Promise<{ cookie: string; token: string }> {
  const page = await request(url).get('/operators/sign-in').expect(200);
  const cookies = ([] as string[]).concat(page.headers['set-cookie'] ?? []);
  const cookie = cookies.find((one) => one.startsWith('cocomo_sign_in='))!.split(';')[0];
  return { cookie, token: /name="_csrf" value="([^"]+)"/.exec(page.text)![1] };
}

/** Posts the sign-in form as a browser does: the page first, then the form with its token. */
export async function postSignIn(url: string, fields: Record<string, string>) {
  const form = await signInForm(url);
  return request(url)
    .post('/operators/sign-in')
    .set('cookie', form.cookie)
    .type('form')
    .send({ ...fields, _csrf: form.token });
}
