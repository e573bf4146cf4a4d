// Where a webhook may go: a URL → its resolved addresses, each outside the networks a server must
// not be steered into (loopback, private, link-local and cloud metadata, carrier-grade NAT,
// unique-local, multicast, reserved), unless TESSERA_WEBHOOK_ALLOWED_NETWORKS lists it (comma-
// separated addresses or CIDR ranges, for on-premise receivers). Checked when a subscription is
// saved and again at every delivery, on the addresses the connection then uses (DNS can change).
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

export const WEBHOOK_ALLOW_ENV = 'TESSERA_WEBHOOK_ALLOWED_NETWORKS';

const BLOCKED: readonly [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  // IPv4-mapped addresses (::ffff:127.0.0.1) are matched by the IPv4 ranges above (BlockList maps
  // them); NAT64 addresses lead back into IPv4 too and are refused whole rather than decoded.
  ['64:ff9b::', 96, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
];

const blocked = new BlockList();
for (const [network, prefix, family] of BLOCKED) blocked.addSubnet(network, prefix, family);

/** The allow-list as set now (read on each check, so a changed setting applies without a restart). */
function allowed(): BlockList {
  const list = new BlockList();
  for (const entry of (process.env[WEBHOOK_ALLOW_ENV] ?? '').split(',')) {
    const [address = '', prefix] = entry.trim().split('/');
    const family = isIP(address);
    if (family === 0) continue; // not an address: ignored (the README says so)
    const type = family === 4 ? 'ipv4' : 'ipv6';
    const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix);
    if (Number.isInteger(bits) && bits >= 0 && bits <= (family === 4 ? 32 : 128)) list.addSubnet(address, bits, type);
  }
  return list;
}

export function addressAllowed(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  return !blocked.check(address, type) || allowed().check(address, type);
}

export type TargetCheck = { ok: true; url: URL; addresses: { address: string; family: number }[] } | { ok: false; reason: string };

/** Parses and resolves the URL; every address it resolves to must be allowed. */
export async function checkWebhookTarget(text: string): Promise<TargetCheck> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'must be http or https' };
  if (url.username || url.password) return { ok: false, reason: 'must not carry credentials' };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  if (isIP(host) !== 0) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      return { ok: false, reason: 'the host name does not resolve' };
    }
  }
  if (addresses.length === 0 || !addresses.every((entry) => addressAllowed(entry.address))) {
    return { ok: false, reason: 'resolves to a loopback, private, link-local or otherwise internal address' };
  }
  return { ok: true, url, addresses };
}
