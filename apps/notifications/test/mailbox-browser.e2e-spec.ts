import type { Browser } from 'playwright-core';
import { launchBrowser, openWatchedPage } from '@cocomo/testing';
import {
  deliveryIn,
  sendCommands,
  startNotifications,
  verifyCommand,
  type NotificationsUnderTest,
} from './notifications-harness';

let service: NotificationsUnderTest;
let browser: Browser;

beforeAll(async () => {
  [service, browser] = await Promise.all([startNotifications(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

it('a person reads a mail in the mailbox in Chromium and follows its link', async () => {
  // The action points back at this service, so that following it lands on a real page.
  const actionUrl = `${service.url}/mailbox?from=mail`;
  const command = verifyCommand({
    to: { email: 'chromium@example.org', name: 'Chromium' },
    actions: [{ label: 'Confirm my email address', url: actionUrl }],
  });
  await sendCommands(service, command);
  await deliveryIn(service, command.notificationId, 'sent');

  const { page, errors } = await openWatchedPage(browser);
  await page.goto(`${service.url}/mailbox`);
  const row = page.locator('tr.mail', { hasText: 'chromium@example.org' });
  await row.getByText('sent').waitFor();
  await row.getByRole('link', { name: 'Confirm your email address for Pune Hackerspace' }).click();

  await page.getByRole('heading', { name: 'Confirm your email address for Pune Hackerspace' }).waitFor();
  await page.getByText(`<${command.notificationId}@cocomo>`).waitFor();
  expect(await page.locator('pre.text').textContent()).toContain('The link works until');

  // The action is a plain link under the mail ...
  const plain = page.locator('ul.actions').getByRole('link', { name: 'Confirm my email address' });
  expect(await plain.getAttribute('href')).toBe(actionUrl);

  // ... and a button inside the mail's HTML, which opens the page it names when a person activates it.
  // (Playwright cannot aim a mouse click into a frame sandboxed without scripts; a key press is as much a
  // person's action for the sandbox.)
  const mail = page.frameLocator('iframe');
  await mail.getByText('Hello Asha,').waitFor();
  const button = mail.getByRole('link', { name: 'Confirm my email address' }).first();
  expect(await button.getAttribute('href')).toBe(actionUrl);
  const [opened] = await Promise.all([page.context().waitForEvent('page'), button.press('Enter')]);
  await opened.waitForLoadState();
  expect(opened.url()).toBe(actionUrl);
  expect(await opened.title()).toBe('Mailbox · CoCoMo');

  await opened.close();
  expect(errors).toEqual([]);
});
