/**
 * The gateways' cloud firewall rules as plain data: everything from the VPC (and pod) ranges, ICMP
 * from anywhere when an uptime check pings the public address (DigitalOcean's probes come from the
 * internet), SSH only from admin CIDRs (none by default), everything outbound.
 */
const WORLD = ["0.0.0.0/0", "::/0"];
const ALL_PORTS = "1-65535";

export interface FirewallRuleInput {
  /** Ranges whose traffic the gateways forward: the VPC CIDR and the pod CIDR. */
  readonly sourceCidrs: readonly string[];
  /** Ranges allowed to SSH in; empty means no SSH rule at all. */
  readonly adminCidrs: readonly string[];
  /** An uptime check pings the public address, so ICMP must be open to the world. @default false */
  readonly publicPing?: boolean;
}

export interface FirewallRule {
  readonly protocol: "tcp" | "udp" | "icmp";
  readonly portRange?: string;
}

export interface InboundRule extends FirewallRule {
  readonly sourceAddresses: string[];
}

export interface OutboundRule extends FirewallRule {
  readonly destinationAddresses: string[];
}

export function firewallRules(input: FirewallRuleInput): {
  inboundRules: InboundRule[];
  outboundRules: OutboundRule[];
} {
  const sources = [...input.sourceCidrs];
  const inboundRules: InboundRule[] = [
    { protocol: "tcp", portRange: ALL_PORTS, sourceAddresses: sources },
    { protocol: "udp", portRange: ALL_PORTS, sourceAddresses: sources },
    { protocol: "icmp", sourceAddresses: input.publicPing === true ? [...WORLD] : sources },
  ];
  if (input.adminCidrs.length > 0) {
    inboundRules.push({ protocol: "tcp", portRange: "22", sourceAddresses: [...input.adminCidrs] });
  }
  const outboundRules: OutboundRule[] = [
    { protocol: "tcp", portRange: ALL_PORTS, destinationAddresses: [...WORLD] },
    { protocol: "udp", portRange: ALL_PORTS, destinationAddresses: [...WORLD] },
    { protocol: "icmp", destinationAddresses: [...WORLD] },
  ];
  return { inboundRules, outboundRules };
}
