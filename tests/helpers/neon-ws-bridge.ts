// A WebSocket-to-TCP bridge so the Neon serverless driver can reach the machine's ordinary
// PostgreSQL in tests. Neon's own proxy speaks the Postgres wire protocol inside WebSocket
// binary frames; this does the same, and only ever relays to the one configured address
// (whatever `?address=` the client asks for is ignored).
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData } from 'ws';

export interface Bridge {
  /** host:port to give neonConfig.wsProxy. */
  address: string;
  close(): Promise<void>;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

export async function startNeonBridge(target: { host: string; port: number }): Promise<Bridge> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  wss.on('connection', (ws) => {
    const socket = net.connect(target.port, target.host);
    const pending: Buffer[] = [];
    let connected = false;
    socket.on('connect', () => {
      connected = true;
      for (const chunk of pending.splice(0)) socket.write(chunk);
    });
    ws.on('message', (data) => {
      const chunk = toBuffer(data);
      if (connected) socket.write(chunk);
      else pending.push(chunk);
    });
    socket.on('data', (chunk) => ws.send(chunk, { binary: true }));
    const end = () => {
      socket.destroy();
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close();
    };
    ws.on('close', end);
    ws.on('error', end);
    socket.on('close', end);
    socket.on('error', end);
  });
  const { port } = wss.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
