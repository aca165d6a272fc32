/**
 * DHCP allocation pools for a created subnet that leave out every pinned address (VIP, LBs, control
 * plane) and the gateway, so Neutron can never hand one of them to its DHCP port or to another port
 * before ours exist. Pure: plain addresses in, inclusive ranges out.
 */
import * as ipaddr from "ipaddr.js";
import { broadcastOf, networkOf, parseCidrLoose, parseIpv4 } from "../shared/ip";

export interface AllocationPool {
  readonly start: string;
  readonly end: string;
}

const toNumber = (address: ipaddr.IPv4): number =>
  address.toByteArray().reduce((acc, byte) => acc * 256 + byte, 0);

const toAddress = (value: number): string =>
  [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");

/** The subnet's host range minus `excluded`, as the fewest inclusive ranges. */
export function allocationPools(cidr: string, excluded: readonly string[]): AllocationPool[] {
  const network = parseCidrLoose(cidr);
  if (!network || network.address.kind() !== "ipv4") throw new Error(`${cidr} is not an IPv4 CIDR`);
  const first = toNumber(networkOf(network) as ipaddr.IPv4) + 1;
  const last = toNumber(broadcastOf(network) as ipaddr.IPv4) - 1;
  const skip = [
    ...new Set(
      excluded
        .map((a) => parseIpv4(a))
        .filter((a): a is ipaddr.IPv4 => a !== undefined)
        .map(toNumber)
        .filter((n) => n >= first && n <= last),
    ),
  ].sort((a, b) => a - b);
  const pools: AllocationPool[] = [];
  let start = first;
  for (const n of [...skip, last + 1]) {
    if (n > start) pools.push({ start: toAddress(start), end: toAddress(n - 1) });
    start = n + 1;
  }
  return pools;
}
