/**
 * Address-range arithmetic for MetalLB pools. A pool entry is a CIDR (`192.0.2.0/28`) or an
 * inclusive range (`192.0.2.10-192.0.2.20`), as MetalLB's IPAddressPool accepts. Addresses are
 * handled as BigInt so IPv4 and IPv6 share one code path.
 */
import * as ipaddr from "ipaddr.js";
import {
  broadcastOf,
  networkOf,
  parseAddress,
  parseNetwork,
  specialRange,
  type Cidr,
  type IpAddress,
} from "../shared/ip";

export type Family = "ipv4" | "ipv6";

export interface AddressRange {
  readonly family: Family;
  readonly start: bigint;
  readonly end: bigint;
  /** The entry as written in config. */
  readonly text: string;
}

export type RangeParseResult =
  | { ok: true; range: AddressRange }
  | { ok: false; reason: "malformed" | "reversed" | "mixed-families" }
  | { ok: false; reason: "host-bits"; network: string };

const BITS: Record<Family, number> = { ipv4: 32, ipv6: 128 };

export function toBigInt(address: IpAddress): bigint {
  return address.toByteArray().reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
}

export function fromBigInt(family: Family, value: bigint): IpAddress {
  const bytes: number[] = [];
  for (let i = 0; i < BITS[family] / 8; i++) bytes.unshift(Number((value >> BigInt(8 * i)) & 255n));
  return ipaddr.fromByteArray(bytes);
}

/** The range a CIDR covers (its network address to its last address). */
export function cidrRange(cidr: Cidr): AddressRange {
  return {
    family: cidr.address.kind(),
    start: toBigInt(networkOf(cidr)),
    end: toBigInt(broadcastOf(cidr)),
    text: cidr.text,
  };
}

/** Parses a pool entry: a network CIDR without host bits, or `first-last` of one family. */
export function parsePoolEntry(text: string): RangeParseResult {
  if (typeof text !== "string") return { ok: false, reason: "malformed" };
  if (text.includes("/")) {
    const parsed = parseNetwork(text);
    return parsed.ok ? { ok: true, range: { ...cidrRange(parsed.cidr), text } } : parsed;
  }
  const parts = text.split("-");
  if (parts.length !== 2) return { ok: false, reason: "malformed" };
  const first = parseAddress(parts[0]);
  const last = parseAddress(parts[1]);
  if (!first || !last) return { ok: false, reason: "malformed" };
  if (first.kind() !== last.kind()) return { ok: false, reason: "mixed-families" };
  const start = toBigInt(first);
  const end = toBigInt(last);
  if (start > end) return { ok: false, reason: "reversed" };
  return { ok: true, range: { family: first.kind(), start, end, text } };
}

export function rangesOverlap(a: AddressRange, b: AddressRange): boolean {
  return a.family === b.family && a.start <= b.end && b.start <= a.end;
}

/** Number of addresses in a range. */
export function rangeSize(range: AddressRange): bigint {
  return range.end - range.start + 1n;
}

/** The smallest list of CIDRs whose union is exactly the range (the classic range-to-prefix split). */
export function rangeToCidrs(range: AddressRange): Cidr[] {
  const bits = BITS[range.family];
  const result: Cidr[] = [];
  let current = range.start;
  while (current <= range.end) {
    // Largest block aligned at `current` that does not run past the end.
    let size = 0;
    while (
      size < bits &&
      (current & ((1n << BigInt(size + 1)) - 1n)) === 0n &&
      current + (1n << BigInt(size + 1)) - 1n <= range.end
    ) {
      size++;
    }
    const address = fromBigInt(range.family, current);
    const prefix = bits - size;
    result.push({ address, prefix, text: `${address.toString()}/${prefix}` });
    current += 1n << BigInt(size);
  }
  return result;
}

/** The first special range (loopback, link-local, multicast, ...) the range touches, if any. */
export function specialRangeOf(range: AddressRange): string | undefined {
  for (const cidr of rangeToCidrs(range)) {
    const special = specialRange(cidr);
    if (special) return special;
  }
  return undefined;
}
