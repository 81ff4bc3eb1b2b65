// In production without SMTP_URL the mail is still kept in the mailbox, but only operators may read it: named
// ones, since the development OPERATOR_TOKEN is refused there.
import request from 'supertest';
import { namedOperator } from './named-operators';
import { startNotifications, type NotificationsUnderTest } from './notifications-harness';

let service: NotificationsUnderTest;
const token = 'a-production-operator-token';

beforeAll(async () => {
  service = await startNotifications({
    env: { NODE_ENV: 'production', OPERATOR_TOKEN: token, LINK_SECRET: 'a-production-link-secret-0123' },
  });
});
afterAll(async () => {
  await service?.stop();
});

it('refuses the mailbox without an operator and with the development token, and opens it to an operator', async () => {
  const refused = await request(service.url).get('/mailbox').expect(401);
  expect(refused.headers['www-authenticate']).toMatch(/^Bearer realm=/);
  await request(service.url).get('/mailbox').set('authorization', 'Bearer wrong-token-value').expect(403);
  const development = await request(service.url).get('/mailbox').set('authorization', `Bearer ${token}`);
  expect(development.status).toBe(403);
  expect(development.body.message).toMatch(/development only/);
  const basic = Buffer.from(`operator:${token}`).toString('base64');
  await request(service.url).get('/mailbox').set('authorization', `Basic ${basic}`).expect(403);
  const viewer = await namedOperator(service, ['viewer']);
  const page = await request(service.url)
    .get('/mailbox')
    .set('authorization', `Bearer ${viewer.token}`)
    .expect(200);
  expect(page.headers['content-type']).toMatch(/^text\/html/);
});
