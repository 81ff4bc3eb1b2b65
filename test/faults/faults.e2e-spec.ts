// The fault and load run in its short form (CI): a few workflows of every scenario while services are
// killed, Redis is flushed and PostgreSQL goes away. `npm run test:faults` runs the full one.
import { faultProblems } from './fault-report';
import { runFaults } from './fault-run';

it('loses nothing, leaves nothing stuck, sends nothing twice and counts everything, through faults', async () => {
  const report = await runFaults({
    workflows: Number(process.env.FAULTS_WORKFLOWS || 21),
    requestsPerSecond: 1,
    killEverySeconds: 4,
    postgresOutage: 'connections',
    seed: Number(process.env.FAULTS_SEED || 1),
    say: (line) => process.stdout.write(`[faults] ${line}\n`),
  });
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  expect(faultProblems(report)).toEqual([]);
  // Every scenario reached the end the people drove it to.
  expect(report.finalStates.held).toBeGreaterThan(0);
  expect(report.finalStates.not_held).toBeGreaterThan(0);
  expect(report.finalStates.cancelled).toBeGreaterThan(0);
  expect(report.finalStates.unreported).toBeGreaterThan(0);
  // And the protocols ran: silent hosts escalated, late denials rescued by the fallback.
  expect(report.protocols).toMatchObject({
    escalations: expect.any(Number),
    lateDenials: expect.any(Number),
    fallbackRescues: expect.any(Number),
  });
  for (const protocol of ['escalations', 'lateDenials', 'fallbackRescues'])
    expect(report.protocols[protocol]).toBeGreaterThan(0);
}, 600_000);
