/**
 * A gateway namespace wired to one peer namespace, for the renderer tests: the gateway's public
 * interface is "uplink" (203.0.113.11/25, default route via the peer's 203.0.113.1) and its VPC
 * interface is "private" (192.0.2.11/24, peer 192.0.2.10). Neither is called eth*, on purpose.
 */
import { addVeth, mustRun, run } from "./run";

export interface SingleGateway {
  readonly gateway: string;
  readonly peer: string;
  /** Deletes both namespaces (processes started in them must be stopped by their starter). */
  readonly remove: () => void;
}

export function createSingleGateway(
  prefix: string,
  extra: {
    gatewayUplink?: readonly string[];
    peerUplink?: readonly string[];
    peerLoopback?: readonly string[];
  } = {},
): SingleGateway {
  const gateway = prefix;
  const peer = `${prefix}-peer`;
  const remove = () => {
    run("ip", ["netns", "del", gateway]);
    run("ip", ["netns", "del", peer]);
  };
  try {
    mustRun("ip", ["netns", "add", gateway]);
    mustRun("ip", ["netns", "add", peer]);
    addVeth("uplink", gateway, "up0", peer);
    addVeth("private", gateway, "pr0", peer);
    for (const [ns, links] of [
      [gateway, ["uplink", "private", "lo"]],
      [peer, ["up0", "pr0", "lo"]],
    ] as const) {
      for (const link of links) mustRun("ip", ["-n", ns, "link", "set", link, "up"]);
    }
    const addresses: [string, string, string][] = [
      [gateway, "uplink", "203.0.113.11/25"],
      [gateway, "private", "192.0.2.11/24"],
      [peer, "up0", "203.0.113.1/25"],
      [peer, "pr0", "192.0.2.10/24"],
      ...(extra.gatewayUplink ?? []).map((a): [string, string, string] => [gateway, "uplink", a]),
      ...(extra.peerUplink ?? []).map((a): [string, string, string] => [peer, "up0", a]),
      ...(extra.peerLoopback ?? []).map((a): [string, string, string] => [peer, "lo", a]),
    ];
    for (const [ns, link, address] of addresses)
      mustRun("ip", ["-n", ns, "addr", "add", address, "dev", link]);
    mustRun("ip", ["-n", gateway, "route", "add", "default", "via", "203.0.113.1"]);
  } catch (error) {
    remove();
    throw error;
  }
  return { gateway, peer, remove };
}
