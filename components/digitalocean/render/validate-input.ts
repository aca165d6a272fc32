import { parseNetwork } from "../../shared/ip";
import type { NatGatewayRenderInput } from "./model";

/**
 * Renderers embed these values in shell and Python source, so they re-check them even though the
 * config schema already did: a renderer must never emit a script from an unchecked string.
 */
export function assertRenderInput(input: NatGatewayRenderInput): void {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(input.name)) {
    throw new Error(`NAT gateway name '${input.name}' must be a DNS label (a-z, 0-9, '-')`);
  }
  const lists: [string, readonly string[]][] = [
    ["NAT source", [input.vpcCidr, ...input.extraSourceCidrs]],
    ["admin CIDR", input.adminCidrs ?? []],
    ["health source", input.healthCidrs ?? []],
  ];
  for (const [what, cidrs] of lists) {
    for (const cidr of cidrs) {
      const parsed = parseNetwork(cidr);
      if (!parsed.ok || parsed.cidr.address.kind() !== "ipv4") {
        throw new Error(`${what} '${cidr}' must be an IPv4 network CIDR without host bits`);
      }
    }
  }
  if (!Number.isInteger(input.healthPort) || input.healthPort < 1 || input.healthPort > 65535) {
    throw new Error(`health port ${input.healthPort} must be an integer between 1 and 65535`);
  }
}
