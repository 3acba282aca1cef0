import { startTcpProxy } from './tests/helpers/tcp-proxy';
import net from 'node:net';
const relay = await startTcpProxy({ host: '127.0.0.1', port: 6379 });
console.log('port', relay.port);
// control: a tiny TCP command port: "stop" / "start"
net.createServer((s) => s.on('data', async (d) => { const c = d.toString().trim(); if (c === 'stop') await relay.stop(); else await relay.start(); s.end(`${c} ok\n`); })).listen(6391, '127.0.0.1');
