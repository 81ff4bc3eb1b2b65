// A service stops while a client that polls it over one kept-alive connection has a request in flight: without
// draining, Node keeps answering that client on its connection and close() never returns.
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Agent, request } from 'node:http';
import { HttpDraining } from './http-draining';

@Controller()
class SlowController {
  @Get('slow')
  async slow(): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return 'ok';
  }
}

@Module({ controllers: [SlowController], providers: [HttpDraining] })
class SlowModule {}

/** GET /slow on the one kept-alive connection of `agent`; resolves with the answer's Connection header. */
function get(port: number, agent: Agent): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    request({ port, host: '127.0.0.1', path: '/slow', agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.headers.connection));
    })
      .on('error', reject)
      .end();
  });
}

it('closes while a client keeps polling over a kept-alive connection', async () => {
  const app = await NestFactory.create<NestExpressApplication>(SlowModule, { logger: false });
  app.use(app.get(HttpDraining).middleware);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const answers: (string | undefined)[] = [];
  let polling = true;
  // Polls every 200 ms: well within Node's keep-alive timeout of 5 s, so the connection is never idle for long.
  const poller = (async () => {
    while (polling) {
      answers.push(await get(port, agent).catch(() => 'refused'));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  await get(port, agent);
  const inFlight = get(port, agent);
  await new Promise((resolve) => setTimeout(resolve, 50));

  const closed = app.close().then(() => 'closed');
  let deadline: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    closed,
    new Promise((resolve) => (deadline = setTimeout(() => resolve('still open after 10 s'), 10_000))),
  ]);
  clearTimeout(deadline);
  polling = false;
  await Promise.allSettled([poller, inFlight]);
  agent.destroy();

  expect(outcome).toBe('closed');
  expect(answers.length).toBeGreaterThan(0);
}, 20_000);
