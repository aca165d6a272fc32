/**
 * Address-range arithmetic for MetalLB pools. A pool entry is a CIDR (`192.0.2.0/28`) or an
 * inclusive range (`192.0.2.10-192.0.2.20`), as MetalLB's IPAddressPool accepts. Addresses are
 * handled as BigInt so IPv4 and IPv6 share one code path. poolEntryProblem says what is wrong with
 * one entry on its own; service-patterns-checks.ts checks entries against each other.
 */
import { problem } from "../shared/config-errors";
import {
  ADDRESS_BITS,
  addressFromBigInt,
  addressToBigInt,
  broadcastOf,
  networkOf,
  parseAddress,
  parseNetwork,
  specialRange,
  type Cidr,
  type IpFamily,
} from "../shared/ip";
import { IPV6_PROBLEM } from "../shared/zod-net";

export type Family = IpFamily;

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

/** The range a CIDR covers (its network address to its last address). */
export function cidrRange(cidr: Cidr): AddressRange {
  return {
    family: cidr.address.kind(),
    start: addressToBigInt(networkOf(cidr)),
    end: addressToBigInt(broadcastOf(cidr)),
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
  const start = addressToBigInt(first);
  const end = addressToBigInt(last);
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
  const bits = ADDRESS_BITS[range.family];
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
    const address = addressFromBigInt(range.family, current);
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

/** The problem with one pool entry on its own, or undefined when it is a usable range. */
export function poolEntryProblem(text: string): string | undefined {
  const parsed = parsePoolEntry(text);
  // The controller's Service is single-stack IPv4 (no ipFamilies), so an IPv6 pool is never used.
  if (parsed.ok && parsed.range.family === "ipv6") return IPV6_PROBLEM;
  if (!parsed.ok) {
    switch (parsed.reason) {
      case "host-bits":
        return problem("the CIDR has host bits set", `use the network address: ${parsed.network}`);
      case "reversed":
        return problem("the range ends before it starts", "write the lower address first: first-last");
      case "mixed-families":
        return problem("the range mixes IPv4 and IPv6", "use two addresses of the same family");
      default:
        return problem(
          "not an address range",
          "write a CIDR such as 192.0.2.64/27 or a range such as 192.0.2.100-192.0.2.120",
        );
    }
  }
  const special = specialRangeOf(parsed.range);
  if (special) {
    return problem(`the range covers a ${special} range`, "use addresses of the nodes' own network");
  }
  return undefined;
}
