import { describe, expect, it, vi } from 'vitest';
import { lazy, toRef, weakEtag, type Representation } from '@/lib/http/representation';
import { represent } from '@/lib/http/respond';

const rep = (text: string): Representation => ({ body: text, contentType: 'text/plain', etag: weakEtag('t', text), lastModified: '2024-01-02T03:04:05.000Z' });
const decode = (body: Representation['body']) => (typeof body === 'string' ? body : new TextDecoder().decode(body));

describe('the body store behind lazy representations', () => {
  it('serves the body kept by toRef without calling the full reader', async () => {
    const ref = toRef(rep('kept'), 'unit:kept');
    expect(ref).not.toHaveProperty('body');
    const full = vi.fn(async () => rep('kept'));
    expect(decode((await lazy(ref, full).load()).body)).toBe('kept');
    expect(full).not.toHaveBeenCalled();
  });

  it('falls back to the full reader when the slot holds another version, and keeps its answer', async () => {
    const old = toRef(rep('v1'), 'unit:slot');
    toRef(rep('v2'), 'unit:slot');
    const full = vi.fn(async () => rep('v1'));
    const loaded = await lazy(old, full).load();
    expect(decode(loaded.body)).toBe('v1');
    expect(loaded.etag).toBe(old.etag);
    expect(full).toHaveBeenCalledOnce();
  });

  it('answers 304 from the reference alone and loads the body once for a 200', async () => {
    const ref = toRef(rep('hello'), 'unit:304');
    const load = vi.fn(async () => rep('hello'));
    const lazyRep = { ...ref, load };
    const notModified = await represent(new Request('http://x/', { headers: { 'if-none-match': ref.etag } }), lazyRep, 'post');
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('etag')).toBe(ref.etag);
    expect(notModified.headers.get('last-modified')).toBe('Tue, 02 Jan 2024 03:04:05 GMT');
    expect(load).not.toHaveBeenCalled();
    const ok = await represent(new Request('http://x/'), lazyRep, 'post');
    expect(await ok.text()).toBe('hello');
    expect(load).toHaveBeenCalledOnce();
  });
});
