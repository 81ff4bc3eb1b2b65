// Starts a real OpenID Connect provider (oidc-provider, in a child process) on a free port, with one client,
// for a test of signing in through an organisation's provider. Its development login takes any password; the
// login typed is the account's email ("unverified:<email>" for an email the provider has not verified).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './service-under-test';

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close: () => Promise<void>;
}

export async function startOidcProvider(redirectUri: string): Promise<TestOidcProvider> {
  const port = await freePort();
  const clientId = 'cocomo-operators';
  const clientSecret = 'a-test-client-secret-of-the-provider';
  const child = spawn(process.execPath, [join(__dirname, 'oidc-provider-process.mjs')], {
    env: {
      ...process.env,
      OIDC_TEST_PROVIDER: JSON.stringify({ port, clientId, clientSecret, redirectUri }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`The OpenID provider ended (${code}): ${errors}`)));
  });
  const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    issuer: `http://127.0.0.1:${port}`,
    clientId,
    clientSecret,
    close: async () => {
      child.kill();
      await ended;
    },
  };
}
