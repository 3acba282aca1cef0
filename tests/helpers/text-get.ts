// A supertest GET whose body is kept as text whatever its type (feeds, calendars, HTML): supertest
// parses only the types it knows and leaves `body` empty for the rest.
import request from 'supertest';

export function getText(base: string, path: string, accept?: string) {
  const r = request(base)
    .get(path)
    .buffer(true)
    .parse((res, cb) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (data += c));
      res.on('end', () => cb(null, data));
    });
  return accept ? r.set('Accept', accept) : r;
}
