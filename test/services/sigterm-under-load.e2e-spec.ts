// SIGTERM under load, as an orchestrator stops pods during a rollout: each of the four services, in turn,
// is stopped while booking requests keep coming and their mails and events are on the way. Each must exit
// by itself (no SIGKILL needed), and once it is back nothing is missing: every booking answered 201 is
// stored, every one got its two first mails exactly once, and the metrics counted every request.
import { TestSmtpServer, isolatedInfra, type IsolatedInfra } from '@cocomo/testing';
import { Client } from 'pg';
import { duplicateMails, registerSpaces, requestBooking, retried, sleep } from '../faults/system-calls';
import { SERVICE_NAMES, SystemProcesses } from '../faults/system-processes';

const TOKEN = 'sigterm-operator-token';
const REQUESTS = 48;

let infra: IsolatedInfra;
let smtp: TestSmtpServer;
let system: SystemProcesses;

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  infra = await isolatedInfra({
    SMTP_URL: smtp.url,
    PUBLIC_BASE_URL: 'http://cocomo.sigterm.test',
    OPERATOR_TOKEN: TOKEN,
    LOG_LEVEL: 'warn',
  });
  system = new SystemProcesses(infra.variables, (line) => {
    if (/"level":(50|60)/.test(line)) process.stderr.write(`${line.slice(0, 400)}\n`);
  });
  await system.start();
  await registerSpaces(system, smtp, 4, TOKEN);
}, 300_000);
afterAll(async () => {
  await system?.stop();
  await smtp?.stop();
  await infra?.cleanup();
});

async function storedBookings(): Promise<Set<string>> {
  const client = new Client({ connectionString: infra.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>('select "id" from "bookings"."booking"');
    return new Set(rows.map((row) => row.id));
  } finally {
    await client.end();
  }
}

it('each service stops by itself under load, and nothing it held is lost', async () => {
  // Mails take a while to be accepted, so deliveries are in flight when the notifications service stops.
  smtp.delayReplies(150);
  const created: string[] = [];
  const load = (async () => {
    const requests: Promise<void>[] = [];
    for (let index = 0; index < REQUESTS; index++) {
      requests.push(
        requestBooking(system, `Sigterm ${index}`, index, {
          leadMs: 30 * 86_400_000,
          lengthMs: 3_600_000,
        }).then((id) => void (id && created.push(id))),
      );
      await sleep(150);
    }
    await Promise.all(requests);
  })();
  const stops: Record<string, { code: number | null; signal: NodeJS.Signals | null; seconds: number }> = {};
  for (const service of SERVICE_NAMES) {
    await sleep(1000);
    stops[service] = await system.terminateAndRestart(service);
  }
  await load;
  smtp.delayReplies(0);

  // Every service ended on its own signal handling: Nest's hooks ran and the process re-raised SIGTERM.
  for (const service of SERVICE_NAMES) {
    expect({ service, ...stops[service], seconds: undefined }).toEqual({
      service,
      code: null,
      signal: 'SIGTERM',
      seconds: undefined,
    });
  }
  expect(created).toHaveLength(REQUESTS);
  const stored = await storedBookings();
  expect(created.filter((id) => !stored.has(id))).toEqual([]);

  // Each booking: the organizer is told who was asked, and the first host is asked; once each.
  const firstMails = () =>
    smtp.mails.filter((mail) => /^(We asked .* to host|Can .* host) Sigterm \d+/.test(mail.subject ?? ''));
  for (let i = 0; i < 600 && firstMails().length < REQUESTS * 2; i++) await sleep(100);
  expect(firstMails()).toHaveLength(REQUESTS * 2);
  expect(duplicateMails(smtp)).toEqual({ total: 0, atKill: 0, notAtKill: [] });

  let requested = 0;
  for (let i = 0; i < 100 && requested !== REQUESTS; i++) {
    const response = await retried(() => fetch(`${system.urlOf('metrics')}/api/metrics`));
    requested = ((await response.json()) as { availabilityRequests: number }).availabilityRequests;
    if (requested !== REQUESTS) await sleep(200);
  }
  expect(requested).toBe(REQUESTS);
}, 300_000);
