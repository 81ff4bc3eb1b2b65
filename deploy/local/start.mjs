// `npm start`: all of CoCoMo on one machine. Builds if needed, checks PostgreSQL and Redis, migrates each
// service's schema, loads the demo spaces, starts the four services and the router, and stops them on Ctrl-C.
// `--migrate-only` (`npm run migrate`) stops after migrating.
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import { join, relative, resolve } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { reasonToBuild } from './build.mjs';
import { probeHealth } from './health.mjs';
import { postgresProblem, redisProblem } from './infrastructure.mjs';
import { killAllNow, runToEnd, startProcess, stopAll } from './processes.mjs';
import {
  backendsFrom,
  readEnvironment,
  redisHosts,
  routerPortFrom,
  serviceDatabaseUrl,
  serviceNames,
} from './routes.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const migrateOnly = process.argv.includes('--migrate-only');
const node = process.execPath;
const mainOf = (service) => join(root, 'dist', 'apps', service, 'src', 'main.js');
const READY_TIMEOUT_MS = 90_000;
const DEV_OPERATOR_TOKEN = 'dev-operator-token';
/** The named operator the tour signs in as; made in development only (production has no default credential). */
const DEMO_OPERATOR = { email: 'demo-operator@cocomo.localhost', password: 'demo-operator-password' };
/** Where the services' raw JSON logs go: logs/ in the checkout, or LOG_DIR. */
const logDir = process.env.LOG_DIR ? resolve(process.env.LOG_DIR) : join(root, 'logs');
const fromHere = relative(process.cwd(), logDir);
/** How messages name that folder: relative to the current one when it lies below it. */
const shownLogDir = fromHere.startsWith('..') ? logDir : fromHere || '.';

const bold = (text) => (process.stdout.isTTY && !process.env.NO_COLOR ? `\x1b[1m${text}\x1b[0m` : text);
const step = (text) => process.stdout.write(`\n${bold(`==> ${text}`)}\n`);
const say = (text) => process.stdout.write(`    ${text}\n`);

let stopping = false;

async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  step(`Stopping everything (${signal})`);
  await stopAll(say);
  say('all stopped');
  process.exit(0);
}

/** Prints one clear line and ends, stopping whatever was already started. */
async function fail(message) {
  if (stopping) return new Promise(() => undefined); // a signal is already stopping everything
  stopping = true;
  process.stderr.write(`\ncocomo: ${message}\n`);
  await stopAll(say);
  process.exit(1);
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '0.0.0.0', () => probe.close(() => resolve(true)));
  });
}

async function waitUntilHealthy(entry, url) {
  const gaveUp = Date.now() + READY_TIMEOUT_MS;
  let ended = false;
  entry.exited.then(() => (ended = true));
  let last;
  while (!ended && !stopping && Date.now() < gaveUp) {
    last = await probeHealth(url, 1000);
    if (last.status === 'up') return `${((Date.now() - entry.startedAt) / 1000).toFixed(1)}s`;
    await sleep(300);
  }
  if (ended) {
    const how = entry.signal ? `signal ${entry.signal}` : `code ${entry.exitCode}`;
    await fail(`${entry.name} stopped (${how}) before it was ready; its last lines are above.`);
  }
  const answer = last?.httpStatus ? `answered ${last.httpStatus}` : (last?.error ?? 'no answer');
  await fail(`${entry.name} was not ready within ${READY_TIMEOUT_MS / 1000}s (${url}/health: ${answer}).`);
}

async function main() {
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('exit', killAllNow);

  const why = reasonToBuild(root);
  if (why) {
    step(`Building, because ${why} (npm run build)`);
    // npm run build marks dist/ as built once it succeeded (deploy/local/build.mjs).
    if ((await runToEnd('build', 'npm', ['run', 'build'], { cwd: root })) !== 0) {
      return fail('the build failed; fix the errors above and run again.');
    }
  } else {
    step('The build in dist/ is up to date');
  }

  let env;
  try {
    env = readEnvironment();
  } catch (error) {
    return fail(error.message);
  }
  const routerPort = routerPortFrom(env);
  const childEnv = {
    ...process.env,
    // Links in mails must point at the router, wherever it listens.
    PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL || `http://127.0.0.1:${routerPort}`,
  };

  // Each service may have a database of its own (<SERVICE>_DATABASE_URL); each distinct one is checked.
  const databases = new Map(serviceNames.map((service) => [service, serviceDatabaseUrl(env, service)]));
  const distinct = [...new Set(databases.values())];
  const hosts = [...new Set(distinct.map((url) => new URL(url).host))].join(', ');
  step(`Checking PostgreSQL (${hosts}) and Redis (${redisHosts(env.REDIS_URL)})`);
  const problems = (
    await Promise.all([...distinct.map((url) => postgresProblem(url)), redisProblem(env.REDIS_URL)])
  ).filter(Boolean);
  if (problems.length) return fail(problems.join(' '));
  say('both answer');

  const backends = backendsFrom(env, {});
  if (!migrateOnly) {
    for (const { service, port } of [...backends, { service: 'router', port: routerPort }]) {
      if (!(await portIsFree(port))) {
        const what = service === 'router' ? 'the router' : `the ${service} service`;
        const variable = `${service.toUpperCase()}_PORT`;
        return fail(
          `port ${port} for ${what} is in use (is CoCoMo already running?); stop it or set ${variable}.`,
        );
      }
    }
  }

  const names = [...new Set([...databases.values()].map((url) => new URL(url).pathname.slice(1)))];
  step(`Migrating each service's schema in ${names.join(', ')}`);
  for (const service of serviceNames) {
    const code = await runToEnd(service, node, [mainOf(service), 'migrate'], { cwd: root, env: childEnv });
    if (code !== 0) return fail(`migrating ${service} failed (exit code ${code}); see the line above.`);
  }
  if (migrateOnly) {
    step('Migrations done');
    return;
  }

  step('Loading the demo spaces into an empty directory (directory seed-demo)');
  const seeded = await runToEnd('directory', node, [mainOf('directory'), 'seed-demo'], {
    cwd: root,
    env: childEnv,
  });
  if (seeded !== 0) return fail(`loading the demo spaces failed (exit code ${seeded}); see the line above.`);
  const development = (env.NODE_ENV ?? 'development') !== 'production';
  if (development) {
    step(`Making the demo operator ${DEMO_OPERATOR.email} if missing (notifications create-operator)`);
    const made = await runToEnd(
      'notifications',
      node,
      [
        mainOf('notifications'),
        'create-operator',
        '--email',
        DEMO_OPERATOR.email,
        '--name',
        'Demo operator',
        '--if-missing',
      ],
      { cwd: root, env: { ...childEnv, OPERATOR_PASSWORD: DEMO_OPERATOR.password } },
    );
    if (made !== 0) return fail(`making the demo operator failed (exit code ${made}); see the line above.`);
  }

  mkdirSync(logDir, { recursive: true });
  step(`Starting the services (readable logs below; raw JSON logs in ${shownLogDir}/<service>.log)`);
  const started = backends.map((backend) => ({
    backend,
    entry: startProcess(backend.service, node, [mainOf(backend.service)], {
      cwd: root,
      env: childEnv,
      logFile: join(logDir, `${backend.service}.log`),
    }),
  }));
  for (const { backend, entry } of started) {
    const took = await waitUntilHealthy(entry, backend.url);
    say(`${backend.service} is ready on ${backend.url} (${took})`);
  }

  step(`Starting the router on port ${routerPort}`);
  const router = startProcess('router', node, [join(root, 'deploy', 'local', 'router.mjs')], {
    cwd: root,
    env: childEnv,
    logFile: join(logDir, 'router.log'),
  });
  const base = `http://127.0.0.1:${routerPort}`;
  await waitUntilHealthy(router, base);
  for (const entry of [...started.map((s) => s.entry), router]) {
    entry.exited.then(() => {
      if (stopping) return;
      const how = entry.signal ? `signal ${entry.signal}` : `code ${entry.exitCode}`;
      process.stderr.write(
        `\ncocomo: ${entry.name} stopped unexpectedly (${how}); the rest keeps running. Its log: ${shownLogDir}/${entry.name}.log. Ctrl-C, then "npm start" again.\n`,
      );
    });
  }

  const token =
    env.OPERATOR_TOKEN === DEV_OPERATOR_TOKEN
      ? `"${DEV_OPERATOR_TOKEN}" (the development default of OPERATOR_TOKEN)`
      : 'the OPERATOR_TOKEN you set';
  step('CoCoMo is running. Open:');
  const docs = ['spaces', 'bookings', 'notifications', 'metrics'].map((api) => `${base}/api/${api}/docs`);
  say(`map of spaces              ${base}/map`);
  say(`list your space            ${base}/map/register`);
  say(`ask for a space            ${base}/request`);
  say(`directory API              ${base}/api/spaces`);
  say(`metrics (the seed's)       ${base}/api/metrics`);
  if (!env.SMTP_URL) say(`mailbox (every mail sent)  ${base}/mailbox`);
  say(`API docs                   ${docs.join(', ')}`);
  say(`health of every service    ${base}/health`);
  for (const backend of backends) say(`${backend.service.padEnd(26)} ${backend.url}/health`);
  say(`operators' dashboard       ${base}/dashboard`);
  say(`queues (Bull Board)        ${base}/queues`);
  say(`spaces to review           ${base}/review`);
  say(`bookings without a space   ${base}/bookings`);
  if (development) {
    say(`${'operators sign in'.padEnd(26)} ${base}/operators/sign-in`);
    say(`  as ${DEMO_OPERATOR.email}, password ${DEMO_OPERATOR.password} (an admin; development only)`);
  }
  say(`operator pages and API need the token ${token}:`);
  say('  "Authorization: Bearer <token>", or in a browser any user name with the token as password.');
  say('Press Ctrl-C to stop everything.');
}

main().catch((error) => fail(error?.message ?? String(error)));
