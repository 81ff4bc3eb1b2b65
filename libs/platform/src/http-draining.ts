// Stopping HTTP without waiting on clients that keep their connection busy. Node's server.close() closes the
// connections idle at that moment and waits for the others; one busy then stays open for as long as its client
// sends its next request within the keep-alive timeout, as the other services' polls of the operators' keys do
// every 2 s: the service would never finish stopping. Once the service stops, every answer says
// Connection: close, and each connection is closed as soon as it is idle.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/** How often idle connections are closed while the server drains. */
const SWEEP_EVERY_MS = 100;

@Injectable()
export class HttpDraining implements BeforeApplicationShutdown {
  private draining = false;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** Goes first in the application's middleware: while draining, no answer keeps its connection open. */
  readonly middleware = (_request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    if (this.draining) response.setHeader('connection', 'close');
    next();
  };

  beforeApplicationShutdown(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server?.listening) return;
    this.draining = true;
    server.closeIdleConnections();
    const sweeper = setInterval(() => server.closeIdleConnections(), SWEEP_EVERY_MS).unref();
    server.once('close', () => clearInterval(sweeper));
  }
}
