// `main.js create-operator`: the first operator of a production system, its password from OPERATOR_PASSWORD
// (or standard input), never a default; it can sign in at once, and a bad flag or a second account for the same
// email is refused naming the problem.
import { createOperator } from '../src/operators/create-operator.command';
import { OperatorAccounts } from '../src/operators/operator-accounts';
import { postSignIn } from './named-operators';
import { startNotifications, type NotificationsUnderTest } from './notifications-harness';

let service: NotificationsUnderTest;
const password = 'the first operator’s long password';

beforeAll(async () => {
  service = await startNotifications({
    env: { NODE_ENV: 'production', LINK_SECRET: 'a-production-link-secret-0123' },
  });
  process.env.OPERATOR_PASSWORD = password;
});
afterAll(async () => {
  delete process.env.OPERATOR_PASSWORD;
  await service?.stop();
});

it('makes an admin for every country who can sign in', async () => {
  const written: string[] = [];
  const write = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((text) => written.push(String(text)) > 0);
  try {
    await createOperator(service.app, ['--email', 'first@cocomo.test', '--name', 'First Operator']);
  } finally {
    write.mockRestore();
  }
  expect(written.join('')).toMatch(/^Operator first@cocomo\.test \(admin\) created/);
  const account = await service.app.get(OperatorAccounts).byEmail('first@cocomo.test');
  expect(account).toMatchObject({ name: 'First Operator', roles: ['admin'], countries: null });
  expect(account!.passwordHash).toMatch(/^\$argon2id\$/);
  const signedIn = await postSignIn(service.url, { email: 'first@cocomo.test', password });
  expect(signedIn.status).toBe(303);
  expect(String(signedIn.headers['set-cookie'])).toMatch(
    /cocomo_operator=.+; Path=\/; HttpOnly; Secure; SameSite=Lax/,
  );
});

it('gives roles and countries, and refuses a short password, an unknown role and a second account', async () => {
  await createOperator(service.app, [
    '--email',
    'in@cocomo.test',
    '--role',
    'reviewer,dispatcher',
    '--countries',
    'in,lk',
  ]);
  expect(await service.app.get(OperatorAccounts).byEmail('in@cocomo.test')).toMatchObject({
    roles: ['reviewer', 'dispatcher'],
    countries: ['IN', 'LK'],
  });
  await expect(createOperator(service.app, ['--email', 'in@cocomo.test'])).rejects.toThrow(/exists/);
  // What `npm start` runs on every start: a second time is no failure.
  await expect(
    createOperator(service.app, ['--email', 'in@cocomo.test', '--if-missing']),
  ).resolves.toBeUndefined();
  await expect(createOperator(service.app, ['--email', 'x@cocomo.test', '--role', 'owner'])).rejects.toThrow(
    /--role: must be one of admin, reviewer, dispatcher, viewer/,
  );
  process.env.OPERATOR_PASSWORD = 'short';
  await expect(createOperator(service.app, ['--email', 'y@cocomo.test'])).rejects.toThrow(
    /--password: must be at least 12 characters/,
  );
  process.env.OPERATOR_PASSWORD = password;
});
