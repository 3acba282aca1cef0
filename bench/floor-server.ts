// The floor: a bare node:http server answering recorded responses byte for byte (status,
// headers, body). No Node server can do the same work faster. Reads the recording from the
// file named by argv[2]; listens on 127.0.0.1:argv[3]; prints "ready" when listening.
import fs from 'node:fs';
import http from 'node:http';
import { recordingKey } from './lib/recording-key';

interface Recorded {
  status: number;
  headers: Record<string, string>;
  body: string;
  encoding?: 'base64';
}

const recordings = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as Record<string, Recorded>;
const bodies = new Map(Object.entries(recordings).map(([k, r]) => [k, { ...r, bytes: Buffer.from(r.body, r.encoding ?? 'utf8') }]));

http
  .createServer((req, res) => {
    const r = bodies.get(recordingKey(req.url ?? '/', req.headers.accept, Boolean(req.headers['if-none-match'])));
    if (!r) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(r.status, r.headers);
    res.end(r.status === 304 ? undefined : r.bytes);
  })
  .listen(Number(process.argv[3]), '127.0.0.1', () => console.log('ready'));
