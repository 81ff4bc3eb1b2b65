// A "send me the link" request: the email checked and normalised, then counted per email in Redis, each page
// (kind) apart, and refused past LINKS_PER_EMAIL with the seconds to wait.
import { randomUUID } from 'node:crypto';
import { LINKS_PER_EMAIL, MailedLinkRequests } from './mailed-link-requests';

const env = () => ({
  REDIS_URL: process.env.TEST_REDIS_URL!,
  QUEUE_PREFIX: `cocomo-test-links-${randomUUID()}`,
});

describe('MailedLinkRequests', () => {
  it('refuses what is not an email, naming the problem, without counting it', async () => {
    const requests = new MailedLinkRequests(env(), 'manage-link');
    try {
      for (const typed of ['', 'asha', 'asha@', 'a'.repeat(321) + '@example.org']) {
        const asked = await requests.ask({ email: typed });
        expect(asked).toMatchObject({ outcome: 'invalid', typed });
        if (asked.outcome === 'invalid') expect(asked.problem).toMatch(/email address|320|characters/);
      }
      expect(await requests.ask({})).toMatchObject({ outcome: 'invalid', typed: '' });
      expect(await requests.ask({ email: 'asha@example.org' })).toMatchObject({ outcome: 'send' });
    } finally {
      requests.onModuleDestroy();
    }
  });

  it(`sends ${LINKS_PER_EMAIL} links to an email however it is typed, then asks to wait; another page counts apart`, async () => {
    const shared = env();
    const manage = new MailedLinkRequests(shared, 'manage-link');
    const data = new MailedLinkRequests(shared, 'personal-data-link');
    try {
      const typings = ['Asha@Example.org', ' asha@example.org ', 'ASHA@EXAMPLE.ORG'];
      for (const typed of typings.slice(0, LINKS_PER_EMAIL)) {
        expect(await manage.ask({ email: typed })).toEqual({
          outcome: 'send',
          typed,
          email: 'asha@example.org',
        });
      }
      const refused = await manage.ask({ email: 'asha@example.org' });
      expect(refused).toMatchObject({ outcome: 'too many', typed: 'asha@example.org' });
      if (refused.outcome === 'too many') expect(refused.retryAfterSeconds).toBeGreaterThan(3000);
      expect(await manage.ask({ email: 'ravi@example.org' })).toMatchObject({ outcome: 'send' });
      expect(await data.ask({ email: 'asha@example.org' })).toMatchObject({ outcome: 'send' });
    } finally {
      manage.onModuleDestroy();
      data.onModuleDestroy();
    }
  });
});
