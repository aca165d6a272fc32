/**
 * DHCP allocation pools for a created subnet that leave out every pinned address (VIP, LBs, control
 * plane) and the gateway, so Neutron can never hand one of them to its DHCP port or to another port
 * before ours exist. Pure: plain addresses in, inclusive ranges out.
 */
import type * as ipaddr from "ipaddr.js";
import {
  addressFromBigInt,
  addressToBigInt,
  broadcastOf,
  networkOf,
  parseCidrLoose,
  parseIpv4,
} from "../shared/ip";

export interface AllocationPool {
  readonly start: string;
  readonly end: string;
}

const toAddress = (value: bigint): string => addressFromBigInt("ipv4", value).toString();

/** The subnet's host range minus `excluded`, as the fewest inclusive ranges. */
export function allocationPools(cidr: string, excluded: readonly string[]): AllocationPool[] {
  const network = parseCidrLoose(cidr);
  if (!network || network.address.kind() !== "ipv4") throw new Error(`${cidr} is not an IPv4 CIDR`);
  const first = addressToBigInt(networkOf(network)) + 1n;
  const last = addressToBigInt(broadcastOf(network)) - 1n;
  const skip = [
    ...new Set(
      excluded
        .map((a) => parseIpv4(a))
        .filter((a): a is ipaddr.IPv4 => a !== undefined)
        .map(addressToBigInt)
        .filter((n) => n >= first && n <= last),
    ),
  ].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const pools: AllocationPool[] = [];
  let start = first;
  for (const n of [...skip, last + 1n]) {
    if (n > start) pools.push({ start: toAddress(start), end: toAddress(n - 1n) });
    start = n + 1n;
  }
  return pools;
}
