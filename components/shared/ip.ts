/**
 * IPv4/IPv6 address and CIDR helpers on ipaddr.js. Every validation in the repo goes through
 * these, so the rules (strict dotted quads, no host bits, special ranges) are the same everywhere,
 * and so does every address <-> integer conversion (addressToBigInt / addressFromBigInt).
 */
import * as ipaddr from "ipaddr.js";

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;
export type IpFamily = "ipv4" | "ipv6";

/** Address width in bits. */
export const ADDRESS_BITS: Readonly<Record<IpFamily, number>> = { ipv4: 32, ipv6: 128 };

export interface Cidr {
  readonly address: IpAddress;
  readonly prefix: number;
  /** Canonical text form, e.g. `192.0.2.0/24`. */
  readonly text: string;
}

/** Parses an address strictly: IPv4 must be a four-part decimal (no `0x7f.1` or `127.1` forms). */
export function parseAddress(text: string): IpAddress | undefined {
  if (typeof text !== "string" || text.trim() !== text || text.length === 0) return undefined;
  if (text.includes(".") && !text.includes(":")) {
    return ipaddr.IPv4.isValidFourPartDecimal(text) ? ipaddr.IPv4.parse(text) : undefined;
  }
  if (!ipaddr.IPv6.isValid(text)) return undefined;
  const v6 = ipaddr.IPv6.parse(text);
  return v6;
}

export function parseIpv4(text: string): ipaddr.IPv4 | undefined {
  const parsed = parseAddress(text);
  return parsed?.kind() === "ipv4" ? (parsed as ipaddr.IPv4) : undefined;
}

function maxPrefix(address: IpAddress): number {
  return ADDRESS_BITS[address.kind()];
}

/** An address as an unsigned integer (BigInt, so IPv4 and IPv6 share one code path). */
export function addressToBigInt(address: IpAddress): bigint {
  return address.toByteArray().reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
}

/** The address of `family` whose integer value is `value` (the inverse of addressToBigInt). */
export function addressFromBigInt(family: "ipv4", value: bigint): ipaddr.IPv4;
export function addressFromBigInt(family: IpFamily, value: bigint): IpAddress;
export function addressFromBigInt(family: IpFamily, value: bigint): IpAddress {
  const bits = ADDRESS_BITS[family];
  if (value < 0n || value >= 1n << BigInt(bits)) {
    throw new RangeError(`${value} is not an ${family} address value (0 to 2^${bits} - 1)`);
  }
  const bytes = Array.from({ length: bits / 8 }, (_, i) =>
    Number((value >> BigInt(bits - 8 - 8 * i)) & 255n),
  );
  return ipaddr.fromByteArray(bytes);
}

/** Parses `a.b.c.d/n` (or IPv6). Returns undefined for anything malformed. Host bits are allowed here. */
export function parseCidrLoose(text: string): Cidr | undefined {
  if (typeof text !== "string") return undefined;
  const slash = text.indexOf("/");
  if (slash < 0) return undefined;
  const address = parseAddress(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!address || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > maxPrefix(address)) return undefined;
  return { address, prefix, text: `${address.toString()}/${prefix}` };
}

/** The network address of a CIDR (host bits cleared). */
export function networkOf(cidr: Cidr): IpAddress {
  return cidr.address.kind() === "ipv4"
    ? ipaddr.IPv4.networkAddressFromCIDR(`${cidr.address.toString()}/${cidr.prefix}`)
    : ipaddr.IPv6.networkAddressFromCIDR(`${cidr.address.toString()}/${cidr.prefix}`);
}

/** The broadcast (last) address of a CIDR. */
export function broadcastOf(cidr: Cidr): IpAddress {
  return cidr.address.kind() === "ipv4"
    ? ipaddr.IPv4.broadcastAddressFromCIDR(`${cidr.address.toString()}/${cidr.prefix}`)
    : ipaddr.IPv6.broadcastAddressFromCIDR(`${cidr.address.toString()}/${cidr.prefix}`);
}

export function hasHostBits(cidr: Cidr): boolean {
  return networkOf(cidr).toString() !== cidr.address.toString();
}

export type CidrParseResult =
  | { ok: true; cidr: Cidr }
  | { ok: false; reason: "malformed" }
  | { ok: false; reason: "host-bits"; network: string };

/** Parses a network CIDR and rejects host bits (`10.0.0.1/24` is an address, not a network). */
export function parseNetwork(text: string): CidrParseResult {
  const cidr = parseCidrLoose(text);
  if (!cidr) return { ok: false, reason: "malformed" };
  if (hasHostBits(cidr)) {
    return { ok: false, reason: "host-bits", network: `${networkOf(cidr).toString()}/${cidr.prefix}` };
  }
  return { ok: true, cidr };
}

/** A bare address is treated as a host route (/32 or /128). */
export function addressOrNetwork(text: string): CidrParseResult {
  if (!text.includes("/")) {
    const address = parseAddress(text);
    if (!address) return { ok: false, reason: "malformed" };
    const prefix = maxPrefix(address);
    return { ok: true, cidr: { address, prefix, text: `${address.toString()}/${prefix}` } };
  }
  return parseNetwork(text);
}

export function containsAddress(cidr: Cidr, address: IpAddress): boolean {
  return cidr.address.kind() === address.kind() && address.match(cidr.address, cidr.prefix);
}

/** True when `inner` lies wholly inside `outer`. */
export function containsNetwork(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && containsAddress(outer, inner.address);
}

/** Two CIDRs overlap exactly when one contains the other's network address at the shorter prefix. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  if (a.address.kind() !== b.address.kind()) return false;
  return containsNetwork(a, b) || containsNetwork(b, a);
}

export const METADATA_ADDRESS = "169.254.169.254";

export type SpecialRange =
  "default-route" | "unspecified" | "loopback" | "link-local" | "metadata" | "multicast" | "broadcast";

const SPECIAL_NETWORKS: ReadonlyArray<readonly [SpecialRange, string]> = [
  ["metadata", `${METADATA_ADDRESS}/32`],
  ["unspecified", "0.0.0.0/8"],
  ["loopback", "127.0.0.0/8"],
  ["link-local", "169.254.0.0/16"],
  ["multicast", "224.0.0.0/4"],
  ["broadcast", "255.255.255.255/32"],
  ["unspecified", "::/128"],
  ["loopback", "::1/128"],
  ["link-local", "fe80::/10"],
  ["multicast", "ff00::/8"],
];

/**
 * Classifies an address or network that must never be used as a route destination, VIP or
 * client range: the default route, loopback, link-local (including the cloud metadata address),
 * multicast and limited broadcast. A network counts when it overlaps any of them, so
 * `160.0.0.0/4` is caught for containing 169.254.169.254. Returns undefined for ordinary space.
 */
export function specialRange(cidr: Cidr): SpecialRange | undefined {
  if (cidr.prefix === 0) return "default-route";
  for (const [label, text] of SPECIAL_NETWORKS) {
    const special = parseCidrLoose(text);
    if (special && overlaps(cidr, special)) return label;
  }
  return undefined;
}

/** The n-th address of a network (0 is the network address itself). IPv4 only. */
export function nthAddress(cidr: Cidr, n: number): ipaddr.IPv4 {
  if (cidr.address.kind() !== "ipv4") throw new Error("nthAddress supports IPv4 only");
  if (!Number.isInteger(n) || n < 0 || n >= sizeOf(cidr))
    throw new RangeError(`${cidr.text} has no address #${n}`);
  return addressFromBigInt("ipv4", addressToBigInt(networkOf(cidr)) + BigInt(n));
}

/** Number of addresses in an IPv4 network. */
export function sizeOf(cidr: Cidr): number {
  return cidr.address.kind() === "ipv4" ? 2 ** (32 - cidr.prefix) : Number.POSITIVE_INFINITY;
}

/** RFC 1918 private IPv4 space: the only ranges DigitalOcean accepts for a VPC. */
export const RFC1918_NETWORKS = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] as const;

/** True when the whole network lies inside one RFC 1918 block. */
export function isRfc1918(cidr: Cidr): boolean {
  return RFC1918_NETWORKS.some((text) => {
    const block = parseCidrLoose(text);
    return block !== undefined && containsNetwork(block, cidr);
  });
}
