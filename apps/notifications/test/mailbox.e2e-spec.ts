import request from 'supertest';
import {
  deliveryIn,
  operator,
  sendCommands,
  startNotifications,
  verifyCommand,
  type NotificationsUnderTest,
} from './notifications-harness';

let service: NotificationsUnderTest;

beforeAll(async () => {
  service = await startNotifications(); // no SMTP_URL: the development mailbox
});
afterAll(async () => {
  await service?.stop();
});

describe('without SMTP_URL, the development mailbox', () => {
  it('keeps every mail, lists it newest first and shows each one with its links', async () => {
    const older = verifyCommand({ data: { ...verifyCommand().data, spaceName: 'Older Hall' } });
    const newer = verifyCommand({
      data: { ...verifyCommand().data, spaceName: 'Newer <b>Hall</b>' },
      actions: [{ label: 'Confirm "now"', url: 'http://127.0.0.1:3000/actions/verify?token=x&y=1' }],
    });
    await sendCommands(service, older);
    const kept = await deliveryIn(service, older.notificationId, 'sent');
    expect(kept.attempts).toBe(1);
    await sendCommands(service, newer);
    await deliveryIn(service, newer.notificationId, 'sent');

    const list = await request(service.url).get('/mailbox').expect(200);
    expect(list.headers['content-type']).toMatch(/^text\/html/);
    expect(list.text).toContain('open without a token');
    expect(list.text).toContain('Confirm your email address for Newer &lt;b&gt;Hall&lt;/b&gt;');
    expect(list.text).not.toContain('<b>Hall</b>');
    expect(list.text.indexOf(newer.notificationId)).toBeLessThan(list.text.indexOf(older.notificationId));
    expect(list.text).toContain(`href="/mailbox/${newer.notificationId}"`);

    const page = await request(service.url).get(`/mailbox/${newer.notificationId}`).expect(200);
    expect(page.text).toContain('<code>&lt;' + newer.notificationId + '@cocomo&gt;</code>');
    expect(page.text).toContain(
      '<a href="http://127.0.0.1:3000/actions/verify?token&#x3D;x&amp;y&#x3D;1" target="_blank" rel="noopener" translate="no">Confirm &quot;now&quot;</a>',
    );
    // The mail's HTML sits, escaped once more, in a sandboxed frame; its own text stays escaped inside.
    const srcdoc = /<iframe [^>]*srcdoc="([^"]*)"/.exec(page.text)![1];
    expect(srcdoc).not.toMatch(/[<>"]/);
    expect(srcdoc).toContain('&lt;base target&#x3D;&quot;_blank&quot;&gt;');
    expect(srcdoc).toContain('Newer &amp;lt;b&amp;gt;Hall&amp;lt;/b&amp;gt;');
    expect(page.text).toContain(
      'sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"',
    );
    expect(page.text).toContain('Newer &lt;b&gt;Hall&lt;/b&gt; in Pune, IN'); // the text version
    // Nothing of the mail runs: the page's one script is the language switcher's.
    const scripts = [...page.text.matchAll(/<script\b[^>]*>/gi)].map(([tag]) => tag);
    expect(scripts).toEqual(['<script src="/mailbox/assets/language-switcher.js" type="module">']);
  });

  it('answers a mail it does not have with 404', async () => {
    await request(service.url).get('/mailbox/no-such-mail').expect(404);
  });

  it('still keeps operators to their token on the API', async () => {
    await request(service.url).get('/api/notifications').expect(401);
    await request(service.url).get('/api/notifications').set(operator).expect(200);
  });
});
