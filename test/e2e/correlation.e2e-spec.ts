// One id follows an organizer's request from HTTP through the messages it causes, in every service, into
// the mail it sends: given as X-Correlation-Id (or made up), it is in every log line about the request and
// in the mail's own X-Correlation-Id header, so an operator can trace a mail back to what caused it.
import { randomBytes } from 'node:crypto';
import { isolatedInfra, TestSmtpServer, type IsolatedInfra } from '@cocomo/testing';
import { registerSpaces, waitFor } from '../faults/system-calls';
import { SystemProcesses } from '../faults/system-processes';

const TOKEN = 'correlation-operator-token';
let infra: IsolatedInfra;
let smtp: TestSmtpServer;
let system: SystemProcesses;
const lines: { service: string; entry: Record<string, unknown> }[] = [];

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  infra = await isolatedInfra({
    SMTP_URL: smtp.url,
    PUBLIC_BASE_URL: 'http://cocomo.correlation.test',
    OPERATOR_TOKEN: TOKEN,
    LOG_LEVEL: 'debug',
  });
  system = new SystemProcesses(infra.variables, (line) => {
    const match = /^\[(\w+)\] (\{.*\})$/.exec(line);
    if (match) lines.push({ service: match[1], entry: JSON.parse(match[2]) });
  });
  await system.start();
  await registerSpaces(system, smtp, 1, TOKEN);
}, 300_000);
afterAll(async () => {
  await system?.stop();
  await smtp?.stop();
  await infra?.cleanup();
});

it('follows a booking request through HTTP, every service and the mail it causes', async () => {
  const correlationId = `trace-${randomBytes(6).toString('hex')}`;
  const start = Date.now() + 10 * 86_400_000;
  const response = await fetch(`${system.urlOf('bookings')}/api/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId },
    body: JSON.stringify({
      organizer: { name: 'Ola', email: 'ola@correlation.test', community: 'Tracing Club' },
      event: {
        title: 'Traced meetup',
        start: new Date(start).toISOString(),
        end: new Date(start + 3_600_000).toISOString(),
        expectedAttendees: 20,
      },
      near: { latitude: 52.5, longitude: 13.4, radiusKm: 50 },
    }),
  });
  expect(response.status).toBe(201);
  expect(response.headers.get('x-correlation-id')).toBe(correlationId);

  const hostMail = await waitFor(
    () => smtp.mails.find((mail) => /host Traced meetup/.test(mail.subject ?? '')),
    'the host request mail',
  );
  expect(hostMail.parsed!.headers.get('x-correlation-id')).toBe(correlationId);

  const traced = (service: string) =>
    lines.filter((line) => line.service === service && line.entry.correlationId === correlationId);
  // Log lines arrive through each process's output a moment after what they tell: wait for the last ones.
  const sent = (line: { entry: Record<string, unknown> }) =>
    /^Delivery .* \(booking-host-request\) sent/.test(String(line.entry.msg));
  await waitFor(() => traced('metrics').length > 0 || undefined, 'a metrics log line with the id');
  await waitFor(() => traced('notifications').some(sent) || undefined, 'the log line of the sent mail');
  // The request's own line, the directory ranking it, notifications sending its mails, metrics counting it.
  expect(
    lines.some(
      (line) =>
        line.service === 'bookings' && (line.entry.req as { id?: string } | undefined)?.id === correlationId,
    ),
  ).toBe(true);
  expect(traced('directory').map((line) => line.entry.msg)).toContainEqual(
    expect.stringMatching(/^spaces\.rank-candidates .* answered$/),
  );
  expect(traced('notifications').map((line) => line.entry.msg)).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^notify\.email .* handled$/),
      expect.stringMatching(/^Delivery .* \(booking-host-request\) sent/),
    ]),
  );
  expect(traced('metrics').map((line) => line.entry.msg)).toContainEqual(
    expect.stringMatching(/^booking\.requested .* handled$/),
  );
}, 120_000);
