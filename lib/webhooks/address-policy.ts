// Outbound safety for webhooks (SPEC §8): an endpoint URL is an address an admin types, and the
// server sends to it from inside its own network, so it must not reach loopback, private,
// link-local (cloud metadata at 169.254.169.254), or any other non-public address — unless the
// operator allows that host, address or range in WEBHOOK_ALLOW_PRIVATE.
//
// Two checks: checkWebhookUrl() when an endpoint is saved (a clear message for the form), and
// safeLookup() at connect time for every delivery, so a name that resolved to a public address
// when saved and to 127.0.0.1 now (DNS rebinding) can still only reach an allowed address.
// Addresses are classified by ipaddr.js (IANA special-purpose registries, RFC 6890), not by
// hand-written ranges.
import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { getConfig } from '@/lib/config';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

const RANGE_NAMES: Record<string, string> = {
  loopback: 'loopback',
  private: 'private (RFC 1918)',
  carrierGradeNat: 'carrier-grade NAT',
  linkLocal: 'link-local',
  uniqueLocal: 'unique-local',
  unspecified: 'unspecified',
  multicast: 'multicast',
  broadcast: 'broadcast',
};

/** Why an address is not public (e.g. "loopback"), or null when it is an ordinary unicast address. */
export function forbiddenRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'invalid';
  let ip: Address = ipaddr.parse(address);
  // ::ffff:127.0.0.1 is 127.0.0.1 to the kernel: judge the IPv4 address inside.
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  // ipaddr.js calls anything it has no name for "unicast": for IPv6 that includes ::/96
  // (IPv4-compatible forms such as ::7f00:1, i.e. 127.0.0.1). Only global unicast (2000::/3,
  // RFC 4291 §2.4) is a public IPv6 address.
  if (range === 'unicast' && ip.kind() === 'ipv6' && !(ip as ipaddr.IPv6).match(ipaddr.IPv6.parse('2000::'), 3)) return 'reserved (outside 2000::/3)';
  if (range === 'unicast') return null;
  // Everything else — documentation, benchmarking, 6to4, Teredo, NAT64 prefixes and reserved
  // space included — is refused: none of it is a partner's public server.
  return RANGE_NAMES[range] ?? `reserved (${range})`;
}

const bare = (host: string) => host.replace(/^\[(.*)\]$/, '$1').toLowerCase();

/** Whether WEBHOOK_ALLOW_PRIVATE permits this host name or address. */
export function allowedPrivately(hostOrAddress: string, allow: readonly string[]): boolean {
  const host = bare(hostOrAddress);
  const ip = ipaddr.isValid(host) ? ipaddr.process(host) : null;
  for (const raw of allow) {
    const entry = bare(raw);
    if (entry === host) return true;
    if (!ip) continue;
    if (ipaddr.isValid(entry)) {
      if (ipaddr.process(entry).toNormalizedString() === ip.toNormalizedString()) return true;
    } else if (ipaddr.isValidCIDR(entry)) {
      const [net, bits] = ipaddr.parseCIDR(entry);
      if (net.kind() === ip.kind() && ip.match(net, bits)) return true;
    }
  }
  return false;
}

/** Why Gazette may not connect to this address, or null when it may. */
export function refusal(address: string, allow: readonly string[], host?: string): string | null {
  if (allowedPrivately(address, allow) || (host !== undefined && allowedPrivately(host, allow))) return null;
  const range = forbiddenRange(address);
  if (range === null) return null;
  const named = host && bare(host) !== bare(address) ? `${host} resolves to ${address}, ` : `${address} is `;
  return `${named}a ${range} address: webhooks are not sent into private networks. An operator can allow it with WEBHOOK_ALLOW_PRIVATE.`;
}

/** The error a refused connection fails with (shown in the delivery log). */
export class ForbiddenAddressError extends Error {
  readonly code = 'EGAZETTE_FORBIDDEN_ADDRESS';
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenAddressError';
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `lookup` for node:net / node:http(s) that resolves the host and keeps only the addresses the
 * policy allows, so the socket can connect to nothing else. (An IP literal never reaches a
 * lookup: the sender checks those itself, see send.ts.)
 */
export function safeLookup(allow: readonly string[]) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const reasons: string[] = [];
      const usable = addresses.filter((a) => {
        const why = refusal(a.address, allow, hostname);
        if (why) reasons.push(why);
        return why === null;
      });
      if (usable.length === 0) return callback(new ForbiddenAddressError(reasons[0] ?? `${hostname} has no address`), []);
      if (options.all) callback(null, usable);
      else callback(null, usable[0]!.address, usable[0]!.family);
    });
  };
}

/** The checks on a URL's form alone: scheme and credentials. */
function formRefusal(url: URL): string | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'Use an http:// or https:// URL.';
  if (url.username || url.password) return 'Remove the user name and password from the URL: every delivery is signed, so the receiver can authenticate Gazette without them.';
  return null;
}

/** A refusal in the admin's words, or null when the URL may be used (resolves its host). */
export async function checkUrl(input: string, allow: readonly string[]): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return 'Enter a full URL, such as https://example.com/webhooks.';
  }
  const form = formRefusal(url);
  if (form) return form;
  const host = bare(url.hostname);
  if (allowedPrivately(host, allow)) return null;
  if (net.isIP(host)) return refusal(host, allow);
  let addresses: dns.LookupAddress[];
  try {
    addresses = await dns.promises.lookup(host, { all: true });
  } catch {
    return `The host name ${host} could not be resolved. Check the URL.`;
  }
  // Refused if any of its addresses is: a receiver behind a name must be public on all of them.
  for (const a of addresses) {
    const why = refusal(a.address, allow, host);
    if (why) return why;
  }
  return addresses.length ? null : `The host name ${host} has no address. Check the URL.`;
}

/** A refusal in the editor's words, or null when the URL may be used. */
export async function checkWebhookUrl(url: string): Promise<string | null> {
  return checkUrl(url, getConfig().partners.webhookAllowPrivate);
}
