import request from 'supertest';
import { signLinkToken } from '@cocomo/links';
import {
  aSpace,
  mailsAskedFor,
  operator,
  startDirectory,
  verificationPath,
  verifyThroughLink,
  type DirectoryUnderTest,
} from './directory-harness';

let directory: DirectoryUnderTest;
beforeAll(async () => {
  directory = await startDirectory();
});
afterAll(async () => {
  await directory?.stop();
});

async function register(overrides = {}): Promise<string> {
  const response = await request(directory.url).post('/api/spaces').send(aSpace(overrides)).expect(201);
  return response.body.id;
}

const statusOf = async (id: string) =>
  (await request(directory.url).get(`/api/spaces/${id}`).set(operator).expect(200)).body.status;

describe('host email verification', () => {
  it('mails the host a verification link when a space is registered', async () => {
    const id = await register({ name: 'Verified Hall', host: { name: 'Ravi', email: 'ravi@example.org' } });
    const mail = (await mailsAskedFor(directory)).find(
      (m) => m.template === 'space-verify' && m.to.email === 'ravi@example.org',
    );
    expect(mail).toMatchObject({
      locale: 'en',
      to: { name: 'Ravi' },
      data: { spaceName: 'Verified Hall', hostName: 'Ravi' },
    });
    expect(mail!.actions).toHaveLength(1);
    expect(mail!.actions[0].url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/actions\/spaces\/v1\.[\w-]+\.[\w-]+$/);
    expect(Date.parse(mail!.data.expiresAt as string)).toBeGreaterThan(Date.now() + 6 * 86400_000);
    expect(await statusOf(id)).toBe('unverified');
  });

  it('opening the link (GET or HEAD) shows the space and a button, and changes nothing', async () => {
    const id = await register({ name: 'Look Only <b>Hall</b>' });
    const path = await verificationPath(directory, id);
    const page = await request(directory.url).get(path).expect(200);
    expect(page.type).toBe('text/html');
    expect(page.text).toContain('Look Only &lt;b&gt;Hall&lt;/b&gt;');
    expect(page.text).toMatch(/<form method="post" action="\/actions\/spaces\/v1\.[^"]+">/);
    // No script that could press the button: the only one is the language switcher's, which sends its GET form.
    const scripts = [...page.text.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
    expect(scripts).toEqual(['<script src="/map/assets/language-switcher.js" type="module">']);
    await request(directory.url).head(path).expect(200);
    await request(directory.url).get(path).expect(200);
    expect(await statusOf(id)).toBe('unverified');
  });

  it('pressing the button confirms the email, puts the space in review and tells the operators', async () => {
    const id = await register({ name: 'Pressed Hall' });
    const path = await verificationPath(directory, id);
    const done = await request(directory.url).post(path).type('form').send({ choice: 'confirm' }).expect(200);
    expect(done.text).toContain('your email is confirmed');
    expect(await statusOf(id)).toBe('pending_review');
    const review = (await mailsAskedFor(directory)).find(
      (m) => m.template === 'space-review-needed' && m.data.spaceId === id,
    );
    // For the reviewers of the space's country; OPERATOR_EMAIL when there is none.
    expect(review).toMatchObject({
      to: { email: 'operators@cocomo.localhost' },
      operators: { role: 'reviewer', country: 'IN' },
      data: { spaceName: 'Pressed Hall', country: 'IN' },
    });
  });

  it('a link acts once: a second press answers "already done" and changes nothing', async () => {
    const id = await register();
    const path = await verificationPath(directory, id);
    const [first, second] = await Promise.all([
      request(directory.url).post(path).type('form').send({ choice: 'confirm' }),
      request(directory.url).post(path).type('form').send({ choice: 'confirm' }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const again = await request(directory.url)
      .post(path)
      .type('form')
      .send({ choice: 'confirm' })
      .expect(409);
    expect(again.text).toContain('Already done');
    const reviews = (await mailsAskedFor(directory)).filter(
      (m) => m.template === 'space-review-needed' && m.data.spaceId === id,
    );
    expect(reviews).toHaveLength(1);
  });

  it('a forged, altered, expired or overtaken link gets a friendly 4xx page and changes nothing', async () => {
    const id = await register();
    const path = await verificationPath(directory, id);
    const token = path.split('/').pop()!;
    const altered = `${token.slice(0, -2)}${token.endsWith('A') ? 'BB' : 'AA'}`;
    const forged = signLinkToken(
      {
        subject: id,
        action: 'verify-space',
        recipient: 'asha@example.org',
        expiresAt: 4102444800,
        nonce: 'forged',
      },
      ['not-the-real-secret-at-all'],
    );
    const expired = signLinkToken(
      { subject: id, action: 'verify-space', recipient: 'asha@example.org', expiresAt: 1000, nonce: 'old' },
      [directory.infra.env.LINK_SECRET],
    );
    for (const [bad, status, words] of [
      [altered, 400, 'not valid'],
      [forged, 400, 'not valid'],
      ['nonsense', 400, 'not valid'],
      [expired, 410, 'expired'],
    ] as const) {
      const page = await request(directory.url)
        .post(`/actions/spaces/${bad}`)
        .type('form')
        .send({ choice: 'confirm' });
      expect(page.status).toBe(status);
      expect(page.type).toBe('text/html');
      expect(page.text).toContain(words);
      expect(page.text).not.toMatch(/at .+\.(ts|js):\d+/);
      await request(directory.url).get(`/actions/spaces/${bad}`).expect(status);
    }
    expect(await statusOf(id)).toBe('unverified');

    await request(directory.url).post(`/api/spaces/${id}/retire`).set(operator).expect(200);
    const overtaken = await request(directory.url).post(path).type('form').send({ choice: 'confirm' });
    expect(overtaken.status).toBe(409);
    expect(overtaken.text).toContain('moved on');
    expect(await statusOf(id)).toBe('retired');
  });

  it('operators cannot approve a space whose host has not confirmed their email', async () => {
    const id = await register();
    await request(directory.url).post(`/api/spaces/${id}/approve`).set(operator).expect(409);
    expect(await statusOf(id)).toBe('unverified');
  });

  it('mails the host the approval, and the rejection with its reason', async () => {
    const approvedId = await register({
      name: 'Approved Hall',
      host: { name: 'Mei', email: 'mei@example.org' },
    });
    await verifyThroughLink(directory, approvedId);
    await request(directory.url).post(`/api/spaces/${approvedId}/approve`).set(operator).expect(200);
    const rejectedId = await register({
      name: 'Rejected Hall',
      host: { name: 'Mei', email: 'mei@example.org' },
    });
    await verifyThroughLink(directory, rejectedId);
    await request(directory.url)
      .post(`/api/spaces/${rejectedId}/reject`)
      .set(operator)
      .send({ reason: 'It is a parking lot' })
      .expect(200);
    const mails = (await mailsAskedFor(directory)).filter((m) => m.to.email === 'mei@example.org');
    expect(mails.map((m) => m.template)).toEqual([
      'space-verify',
      'space-approved',
      'space-verify',
      'space-rejected',
    ]);
    expect(mails[1].data).toMatchObject({
      spaceName: 'Approved Hall',
      mapUrl: expect.stringContaining(`#space=${approvedId}`),
    });
    expect(mails[3].data).toMatchObject({ spaceName: 'Rejected Hall', reason: 'It is a parking lot' });
  });
});
