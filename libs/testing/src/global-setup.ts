// Jest global setup: finds the servers once; the test files (in worker processes) inherit the variables.
import { findTestServers } from './test-servers';

export default async function globalSetup(): Promise<void> {
  const servers = await findTestServers();
  process.env.TEST_DATABASE_URL = servers.databaseUrl;
  process.env.TEST_REDIS_URL = servers.redisUrl;
  // The pseudo-locale en-XA is offered to the tests' pages (test/e2e/pseudo-locale.e2e-spec.ts), never in production.
  process.env.I18N_PSEUDO_LOCALE = '1';
  (globalThis as { __testServers?: typeof servers }).__testServers = servers;
}
