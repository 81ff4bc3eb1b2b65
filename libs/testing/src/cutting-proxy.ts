// A TCP proxy between a service and PostgreSQL that cuts a connection the moment the service sends a chosen
// statement: a database connection lost between two statements of a transaction, at a point a test picks.
import net from 'node:net';

export interface CuttingProxy {
  /** The database URL that goes through the proxy. */
  url: string;
  /**
   * Cuts the connection that next sends a statement containing `sql` (before PostgreSQL sees it), once.
   * Resolves when it has cut.
   */
  cutAt: (sql: string) => Promise<void>;
  close: () => Promise<void>;
}

export async function cuttingProxy(databaseUrl: string): Promise<CuttingProxy> {
  const target = new URL(databaseUrl);
  let armed: { sql: string; cut: () => void } | undefined;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    const forget = () => (sockets.delete(client), sockets.delete(upstream));
    client.on('data', (chunk) => {
      if (armed && chunk.includes(armed.sql)) {
        const { cut } = armed;
        armed = undefined;
        // Both sides go at once, as when the server's host vanishes: the client sees its socket reset.
        client.resetAndDestroy();
        upstream.destroy();
        cut();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    client.on('close', () => (upstream.destroy(), forget()));
    upstream.on('close', () => (client.destroy(), forget()));
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    cutAt: (sql) => new Promise<void>((resolve) => (armed = { sql, cut: resolve })),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
