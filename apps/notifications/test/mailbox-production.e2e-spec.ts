// In production without SMTP_URL the mail is still kept in the mailbox, but only operators may read it.
import request from 'supertest';
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

it('refuses the mailbox without the operator token and opens it with the token', async () => {
  const refused = await request(service.url).get('/mailbox').expect(401);
  expect(refused.headers['www-authenticate']).toMatch(/^Basic realm=/);
  await request(service.url).get('/mailbox').set('authorization', 'Bearer wrong-token-value').expect(403);
  const page = await request(service.url).get('/mailbox').set('authorization', `Bearer ${token}`).expect(200);
  expect(page.headers['content-type']).toMatch(/^text\/html/);
  const basic = Buffer.from(`operator:${token}`).toString('base64');
  await request(service.url).get('/mailbox').set('authorization', `Basic ${basic}`).expect(200);
});
