// `npm run test:faults`: the full fault and load run (1,000 booking workflows unless told otherwise),
// printing its figures; exits 1 when anything that must be zero is not. Options:
//   --workflows N       booking workflows (default 1000)
//   --rate N            new requests per second (default 2, what two cores sustain through the faults)
//   --kill-every S      seconds between two SIGKILLs (default 5)
//   --postgres server   restart the PostgreSQL server itself (pg_ctlcluster) instead of cutting the run's
//                       connections; only where nothing else uses that server
//   --seed N            the random seed (default 1)
import 'reflect-metadata';
import { findTestServers } from '@cocomo/testing';
import { runFaults, type FaultRunReport } from './fault-run';
import { faultProblems } from './fault-report';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

async function main(): Promise<void> {
  const servers = await findTestServers();
  process.env.TEST_DATABASE_URL = servers.databaseUrl;
  process.env.TEST_REDIS_URL = servers.redisUrl;
  const say = (line: string) =>
    process.stdout.write(`[faults ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  let report: FaultRunReport;
  try {
    report = await runFaults({
      workflows: Number(option('workflows', '1000')),
      requestsPerSecond: Number(option('rate', '2')),
      killEverySeconds: Number(option('kill-every', '5')),
      postgresOutage: option('postgres', 'connections') === 'server' ? 'server' : 'connections',
      seed: Number(option('seed', '1')),
      say,
    });
  } finally {
    await servers.stop();
  }
  process.stdout.write(`\n${JSON.stringify(report, null, 2)}\n`);
  const problems = faultProblems(report);
  process.stdout.write(
    problems.length ? `\nFAILED:\n- ${problems.join('\n- ')}\n` : '\nAll promises kept.\n',
  );
  process.exit(problems.length ? 1 : 0);
}

void main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
