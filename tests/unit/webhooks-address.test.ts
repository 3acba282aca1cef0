// The outbound address policy (SPEC §8): which addresses webhooks may reach, the allowlist
// (WEBHOOK_ALLOW_PRIVATE: names, addresses, CIDR ranges), and the check an endpoint URL gets
// when an admin saves it.
import { describe, expect, it } from 'vitest';
import { allowedPrivately, checkUrl, checkWebhookUrl, forbiddenRange, refusal } from '@/lib/webhooks/address-policy';

describe('address classification', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.0.0.1', 'private (RFC 1918)'],
    ['172.16.5.4', 'private (RFC 1918)'],
    ['192.168.1.1', 'private (RFC 1918)'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved (reserved)'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fd00::1', 'unique-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.1.2.3', 'private (RFC 1918)'],
    ['::ffff:169.254.169.254', 'link-local'],
  ])('refuses %s (%s)', (address, range) => {
    expect(forbiddenRange(address)).toBe(range);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows the public address %s', (address) => {
    expect(forbiddenRange(address)).toBeNull();
  });

  it('refuses documentation, benchmarking and tunnelling prefixes too', () => {
    for (const a of ['2001:db8::1', '198.18.0.1', '2002:7f00:1::1', '64:ff9b::7f00:1']) expect(forbiddenRange(a), a).not.toBeNull();
  });
});

describe('WEBHOOK_ALLOW_PRIVATE', () => {
  it('permits a listed address, range or host name, and nothing else', () => {
    expect(allowedPrivately('127.0.0.1', ['127.0.0.1'])).toBe(true);
    expect(allowedPrivately('::ffff:127.0.0.1', ['127.0.0.1'])).toBe(true);
    expect(allowedPrivately('10.20.30.40', ['10.0.0.0/8'])).toBe(true);
    expect(allowedPrivately('11.0.0.1', ['10.0.0.0/8'])).toBe(false);
    expect(allowedPrivately('[::1]', ['::1'])).toBe(true);
    expect(allowedPrivately('fd00::5', ['fd00::/8'])).toBe(true);
    expect(allowedPrivately('Hooks.Internal', ['hooks.internal'])).toBe(true);
    expect(allowedPrivately('127.0.0.2', ['127.0.0.1'])).toBe(false);
    expect(refusal('10.0.0.1', ['10.0.0.1'])).toBeNull();
    expect(refusal('10.0.0.1', [], 'hooks.internal')).toMatch(/^hooks\.internal resolves to 10\.0\.0\.1, a private \(RFC 1918\) address/);
    expect(refusal('10.0.0.1', ['hooks.internal'], 'hooks.internal')).toBeNull();
  });
});

describe('checking an endpoint URL when it is saved', () => {
  it.each([
    ['http://127.0.0.1:8080/hook', /127\.0\.0\.1 is a loopback address/],
    ['http://10.0.0.1/hook', /private \(RFC 1918\)/],
    ['http://169.254.169.254/latest/meta-data/', /link-local/],
    ['http://[::1]:8080/hook', /::1 is a loopback address/],
    ['http://localhost:8080/hook', /localhost resolves to (127\.0\.0\.1|::1), a loopback address/],
  ])('refuses %s, saying why and how an operator allows it', async (url, message) => {
    const why = await checkUrl(url, []);
    expect(why).toMatch(message);
    expect(why).toMatch(/WEBHOOK_ALLOW_PRIVATE/);
  });

  it('refuses other schemes, credentials in the URL and what is not a URL', async () => {
    expect(await checkUrl('ftp://example.com/x', [])).toMatch(/http:\/\/ or https:\/\//);
    expect(await checkUrl('https://user:pass@example.com/x', [])).toMatch(/user name and password/);
    expect(await checkUrl('not a url', [])).toMatch(/full URL/);
    expect(await checkUrl('https://no-such-host.invalid/x', [])).toMatch(/could not be resolved/);
  });

  it('accepts a public address, and a private one the allowlist names', async () => {
    expect(await checkUrl('https://93.184.216.34/hook', [])).toBeNull();
    expect(await checkUrl('http://127.0.0.1:8080/hook', ['127.0.0.1'])).toBeNull();
    expect(await checkUrl('http://localhost:8080/hook', ['localhost'])).toBeNull();
  });

  it('reads the allowlist from the configuration (none by default)', async () => {
    expect(await checkWebhookUrl('http://127.0.0.1:8080/hook')).toMatch(/loopback/);
  });
});
