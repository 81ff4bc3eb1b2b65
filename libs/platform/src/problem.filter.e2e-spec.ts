// Which errors mean "the database cannot be reached right now" (503, try again) rather than a bug (500):
// told apart on real errors from PostgreSQL and its driver.
import { Client } from 'pg';
import { freePort } from '@cocomo/testing';
import { isUnreachable } from './problem.filter';

const databaseUrl = () => process.env.TEST_DATABASE_URL!;

async function errorOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('the work did not fail');
}

it('a refused connection is unreachable', async () => {
  const url = new URL(databaseUrl());
  url.port = String(await freePort());
  const client = new Client({ connectionString: url.toString() });
  expect(isUnreachable(await errorOf(() => client.connect()))).toBe(true);
});

it('a connection the server ended is unreachable, also when wrapped', async () => {
  const client = new Client({ connectionString: databaseUrl() });
  await client.connect();
  client.on('error', () => undefined);
  const admin = new Client({ connectionString: databaseUrl() });
  await admin.connect();
  const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as "pid"');
  await admin.query('select pg_terminate_backend($1)', [rows[0].pid]);
  await admin.end();
  const error = await errorOf(() => client.query('select 1'));
  expect(isUnreachable(error)).toBe(true);
  expect(isUnreachable({ message: 'insert failed', previous: error })).toBe(true);
});

it('a bad statement is not unreachable: it is a bug, answered 500', async () => {
  const client = new Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    expect(isUnreachable(await errorOf(() => client.query('selec 1')))).toBe(false);
    expect(isUnreachable(new Error('Cannot read properties of undefined'))).toBe(false);
  } finally {
    await client.end();
  }
});
