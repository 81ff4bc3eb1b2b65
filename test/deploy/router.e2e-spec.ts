// The local router (deploy/local/router.mjs) as its own process, in front of backends that misbehave on purpose:
// bodies stream both ways as they come, a client that gives up stops the backend's request, and a backend that
// dies answers the client with a clean 502 or a cut connection. After each, the router still answers.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { freePort } from '@cocomo/testing';

const root = path.resolve(__dirname, '../..');

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** The directory's stand-in: each test says how it answers. */
let answer: Handler = (_request, response) => response.end('ok');
let backend: http.Server;
let router: ChildProcess;
let routerUrl: string;
let routerOutput = '';

const nextEvent = () => {
  let resolve!: () => void;
  const happened = new Promise<void>((done) => (resolve = done));
  return { happened, resolve };
};

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`expected: ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** A request through the router, its response read to the end; or how the connection ended. */
function call(
  pathname: string,
  init: { method?: string; body?: string } = {},
): Promise<{ status?: number; body: string; cut?: string }> {
  return new Promise((resolve) => {
    const request = http.request(`${routerUrl}${pathname}`, { method: init.method ?? 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode, body }));
      response.on('error', (error) => resolve({ status: response.statusCode, body, cut: error.message }));
    });
    request.on('error', (error) => resolve({ body: '', cut: error.message }));
    request.end(init.body);
  });
}

async function stillAnswers(): Promise<void> {
  answer = (_request, response) => response.end('still here');
  expect(await call('/api/spaces/after')).toEqual({ status: 200, body: 'still here' });
  expect(router.exitCode).toBeNull();
}

beforeAll(async () => {
  if (!existsSync(path.join(root, 'dist/libs/config/src/index.js'))) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  backend = http.createServer((request, response) => answer(request, response));
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  const routerPort = await freePort();
  routerUrl = `http://127.0.0.1:${routerPort}`;
  router = spawn(process.execPath, [path.join(root, 'deploy/local/router.mjs')], {
    env: {
      PATH: process.env.PATH,
      ROUTER_PORT: String(routerPort),
      DIRECTORY_PORT: String((backend.address() as AddressInfo).port),
      // Nothing listens there: the bookings service is down.
      BOOKINGS_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  router.stdout!.on('data', (chunk) => (routerOutput += chunk));
  router.stderr!.on('data', (chunk) => (routerOutput += chunk));
  for (let i = 0; i < 100; i++) {
    const up = await call('/api/spaces/ready').then((result) => result.status === 200);
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the router did not come up:\n${routerOutput}`);
}, 120_000);

afterAll(async () => {
  if (router && router.exitCode === null) {
    const exited = new Promise((resolve) => router.once('exit', resolve));
    router.kill('SIGTERM');
    await exited;
  }
  http.globalAgent.destroy();
  backend?.closeAllConnections();
  await new Promise((resolve) => backend?.close(resolve));
});

it('streams a request body to the backend as it arrives, before the client has finished sending', async () => {
  const firstChunk = nextEvent();
  answer = (request, response) => {
    let received = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => {
      received += chunk;
      if (received.startsWith('first')) firstChunk.resolve();
    });
    request.on('end', () => response.end(`received ${received}`));
  };
  const result = new Promise<string>((resolve, reject) => {
    const request = http.request(`${routerUrl}/api/spaces/upload`, { method: 'POST' }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve(body));
    });
    request.on('error', reject);
    request.write('first ');
    // The rest is sent only once the backend has the first part: a router that buffered would wait forever.
    void within(firstChunk.happened, 5000, 'the backend received the first part').then(
      () => request.end('second'),
      reject,
    );
  });
  expect(await result).toBe('received first second');
});

it('streams a response to the client as the backend writes it, before the backend has finished', async () => {
  const clientGotFirst = nextEvent();
  answer = (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.write('first ');
    // The rest is written only once the client has the first part.
    void within(clientGotFirst.happened, 5000, 'the client received the first part').then(
      () => response.end('second'),
      () => response.destroy(),
    );
  };
  const body = await new Promise<string>((resolve, reject) => {
    http
      .get(`${routerUrl}/api/spaces/download`, (response) => {
        let received = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          received += chunk;
          if (received.startsWith('first')) clientGotFirst.resolve();
        });
        response.on('end', () => resolve(received));
      })
      .on('error', reject);
  });
  expect(body).toBe('first second');
});

it('stops the backend request when the client gives up, and keeps answering others', async () => {
  const backendGotRequest = nextEvent();
  const backendRequestClosed = nextEvent();
  answer = (_request, response) => {
    backendGotRequest.resolve();
    // Never answers: only the client's leaving ends this request.
    response.on('close', () => backendRequestClosed.resolve());
  };
  const client = http.get(`${routerUrl}/api/spaces/slow`);
  client.on('error', () => undefined);
  await within(backendGotRequest.happened, 5000, 'the backend got the request');
  client.destroy();
  await within(backendRequestClosed.happened, 5000, "the backend's request was closed");
  await stillAnswers();
});

it('cuts the connection of a client whose answer the backend abandons halfway, and keeps answering', async () => {
  answer = (request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' });
    response.write('the first part of a longer answer');
    setTimeout(() => request.socket.destroy(), 50);
  };
  const result = await within(call('/api/spaces/halfway'), 10_000, 'the client learnt the answer ended');
  // The client never takes a partial body for a whole one: the connection ends before the announced length.
  expect(result.status).toBe(200);
  expect(result.cut).toBeDefined();
  await stillAnswers();
});

it('answers 502 naming the service when the backend dies before answering, and keeps answering', async () => {
  answer = (request) => request.socket.destroy();
  const result = await within(call('/api/spaces/dies'), 10_000, 'the client got an answer');
  expect(result.status).toBe(502);
  expect(JSON.parse(result.body)).toMatchObject({ statusCode: 502, service: 'directory' });
  await stillAnswers();
});

it('answers 502 naming the service when nothing listens where the service should be', async () => {
  const result = await call('/api/bookings');
  expect(result.status).toBe(502);
  expect(JSON.parse(result.body)).toMatchObject({
    statusCode: 502,
    service: 'bookings',
    message: expect.stringMatching(/bookings service is not answering .*connection refused/),
  });
  await stillAnswers();
});
