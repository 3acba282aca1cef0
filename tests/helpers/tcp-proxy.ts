// A TCP relay to a database that a test can stop and start, to take the database away from a
// running server and give it back (a database outage without touching the real server).
import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Refuse new connections and cut the open ones. */
  stop(): Promise<void>;
  /** Accept connections again, on the same port. */
  start(): Promise<void>;
  /** Hold every chunk this long in each direction (0: pass through at once). */
  delay: number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  let delay = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        // Forward in order, each chunk after `delay` ms (equal timeouts fire in order).
        const relay = (from: net.Socket, to: net.Socket) =>
          from.on('data', (chunk) => {
            if (delay === 0) to.write(chunk);
            else setTimeout(() => to.writable && to.write(chunk), delay);
          });
        relay(client, upstream);
        relay(upstream, client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const stop = async () => {
    const closing = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    for (const s of sockets) s.destroy();
    await closing;
    server = undefined;
  };
  await listen();
  return {
    get port() {
      return port;
    },
    get delay() {
      return delay;
    },
    set delay(ms: number) {
      delay = ms;
    },
    stop,
    start: listen,
    close: stop,
  };
}
