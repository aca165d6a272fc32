/**
 * Cross-field checks of the `openstack` section, as free functions of plain data so the bad-input
 * table and property tests can call them without zod or Pulumi. Each returns problems keyed by the
 * path inside the section; config.ts turns them into zod issues.
 */
import { plural, problem, type ConfigIssue } from "../shared/config-errors";
import {
  broadcastOf,
  containsAddress,
  networkOf,
  nthAddress,
  parseIpv4,
  parseNetwork,
  specialRange,
  type Cidr,
} from "../shared/ip";

/** The fields the checks read; config.ts's parsed output satisfies it. */
export interface OpenstackTopology {
  readonly network: {
    readonly networkId?: string;
    readonly subnetId?: string;
    readonly cidr: string;
    readonly gateway?: string;
    readonly dnsNameservers: readonly string[];
    readonly externalNetworkId?: string;
  };
  readonly vip?: string;
  readonly floatingIpPool?: string;
  readonly devSingleControlPlane: boolean;
  readonly loadBalancers: {
    readonly count: number;
    readonly fixedIps?: readonly string[];
    readonly priorities?: readonly number[];
    readonly virtualRouterId: number;
    readonly otherRouterIdsOnNetwork: readonly number[];
  };
  readonly controlPlane: {
    readonly count: number;
    readonly fixedIps?: readonly string[];
  };
}

/** Highest default priority; the rest step down by PRIORITY_STEP (all stay BACKUP, see docs). */
export const TOP_PRIORITY = 150;
export const PRIORITY_STEP = 10;

/** Distinct descending priorities: 150, 140, 130, ... */
export function defaultPriorities(count: number): number[] {
  return Array.from({ length: count }, (_, i) => TOP_PRIORITY - i * PRIORITY_STEP);
}

/** The gateway of the subnet: given, or the first host address for a created subnet. */
export function gatewayOf(network: OpenstackTopology["network"]): string | undefined {
  if (network.gateway) return network.gateway;
  const parsed = parseNetwork(network.cidr);
  return parsed.ok ? nthAddress(parsed.cidr, 1).toString() : undefined;
}

/** Is `address` usable as a host address of `subnet` (inside, not network, broadcast or gateway)? */
export function hostAddressProblem(
  subnet: Cidr,
  gateway: string | undefined,
  address: string,
): string | undefined {
  const parsed = parseIpv4(address);
  if (!parsed) return undefined; // the zod type already reported it
  if (!containsAddress(subnet, parsed)) {
    return problem(
      `${address} is outside the subnet ${subnet.text}`,
      `pick an address inside ${subnet.text}`,
    );
  }
  if (parsed.toString() === networkOf(subnet).toString()) {
    return problem(
      `${address} is the network address of ${subnet.text}`,
      "pick a host address of the subnet",
    );
  }
  if (parsed.toString() === broadcastOf(subnet).toString()) {
    return problem(
      `${address} is the broadcast address of ${subnet.text}`,
      "pick a host address of the subnet",
    );
  }
  if (gateway !== undefined && parsed.toString() === gateway) {
    return problem(`${address} is the subnet's gateway`, "pick an address the router does not use");
  }
  return undefined;
}

function networkProblems(network: OpenstackTopology["network"], floatingIpPool?: string): ConfigIssue[] {
  const problems: ConfigIssue[] = [];
  const existing = network.networkId !== undefined || network.subnetId !== undefined;
  if (existing && (network.networkId === undefined || network.subnetId === undefined)) {
    const missing = network.networkId === undefined ? "networkId" : "subnetId";
    problems.push({
      path: ["network", missing],
      message: problem(
        "an existing network needs both networkId and subnetId",
        `add network.${missing}, or remove both IDs to create the network`,
      ),
    });
  }
  if (existing && network.gateway === undefined) {
    problems.push({
      path: ["network", "gateway"],
      message: problem(
        "the gateway of an existing subnet cannot be assumed",
        "set network.gateway to the subnet's gateway_ip (openstack subnet show)",
      ),
    });
  }
  if (existing && (network.dnsNameservers.length > 0 || network.externalNetworkId !== undefined)) {
    const key = network.externalNetworkId !== undefined ? "externalNetworkId" : "dnsNameservers";
    problems.push({
      path: ["network", key],
      message: problem(
        `network.${key} only applies to a network this stack creates`,
        `remove network.${key}, or remove networkId and subnetId to create the network`,
      ),
    });
  }
  if (!existing && floatingIpPool !== undefined && network.externalNetworkId === undefined) {
    problems.push({
      path: ["network", "externalNetworkId"],
      message: problem(
        "a floating IP needs the created subnet to be routed to the external network",
        "set network.externalNetworkId (a router is created), or remove floatingIpPool",
      ),
    });
  }
  const subnet = parseNetwork(network.cidr);
  if (subnet.ok && subnet.cidr.address.kind() !== "ipv4") {
    problems.push({
      path: ["network", "cidr"],
      message: problem("the API VIP subnet must be IPv4", "use an IPv4 subnet such as 192.0.2.0/24"),
    });
  } else if (subnet.ok && specialRange(subnet.cidr)) {
    // Neutron refuses loopback and multicast subnets with DHCP on ("Loopback IP subnet is not
    // supported if enable_dhcp is True"); the others cannot carry an API VIP either.
    problems.push({
      path: ["network", "cidr"],
      message: problem(
        `${subnet.cidr.text} is a ${specialRange(subnet.cidr)} range, which Neutron refuses for a subnet or no node can use`,
        "use a private range such as 192.168.10.0/24",
      ),
    });
  } else if (subnet.ok && subnet.cidr.prefix > 28) {
    problems.push({
      path: ["network", "cidr"],
      message: problem(
        `${subnet.cidr.text} is too small for a VIP, the LBs and the control plane`,
        "use a /28 or larger subnet",
      ),
    });
  } else if (subnet.ok && network.gateway !== undefined) {
    const parsed = parseIpv4(network.gateway);
    if (parsed && !containsAddress(subnet.cidr, parsed)) {
      problems.push({
        path: ["network", "gateway"],
        message: problem(
          `the gateway ${network.gateway} is outside ${subnet.cidr.text}`,
          `use the subnet's gateway, inside ${subnet.cidr.text}`,
        ),
      });
    }
  }
  return problems;
}

function fixedIpProblems(config: OpenstackTopology, subnet: Cidr, gateway?: string): ConfigIssue[] {
  const problems: ConfigIssue[] = [];
  const seen = new Map<string, string>();
  const groups = [
    ["loadBalancers", config.loadBalancers.count, config.loadBalancers.fixedIps],
    ["controlPlane", config.controlPlane.count, config.controlPlane.fixedIps],
  ] as const;
  for (const [group, count, fixedIps] of groups) {
    if (fixedIps === undefined) continue;
    if (fixedIps.length !== count) {
      problems.push({
        path: [group, "fixedIps"],
        message: problem(
          `${plural(fixedIps.length, "fixed IP", "fixed IPs")} for ${plural(count, "node", "nodes")}`,
          `list exactly ${count} addresses in ${group}.fixedIps, or remove the list to let Neutron allocate`,
        ),
      });
    }
    fixedIps.forEach((address, index) => {
      const path = [group, "fixedIps", index];
      const hostProblem = hostAddressProblem(subnet, gateway, address);
      if (hostProblem) problems.push({ path, message: hostProblem });
      const canonical = parseIpv4(address)?.toString();
      if (canonical === undefined) return;
      const owner = seen.get(canonical);
      if (owner) {
        problems.push({
          path,
          message: problem(`${address} is already used by ${owner}`, "give every node its own address"),
        });
      } else {
        seen.set(canonical, `${group}.fixedIps[${index}]`);
      }
    });
  }
  if (config.vip !== undefined) {
    const vipProblem = hostAddressProblem(subnet, gateway, config.vip);
    const owner = seen.get(parseIpv4(config.vip)?.toString() ?? "");
    if (vipProblem) problems.push({ path: ["vip"], message: vipProblem });
    else if (owner) {
      problems.push({
        path: ["vip"],
        message: problem(
          `the VIP ${config.vip} is also a node address (${owner})`,
          "pick a VIP that no load balancer or control-plane node uses",
        ),
      });
    }
  }
  return problems;
}

function loadBalancerProblems(lbs: OpenstackTopology["loadBalancers"]): ConfigIssue[] {
  const problems: ConfigIssue[] = [];
  if (lbs.priorities !== undefined) {
    if (lbs.priorities.length !== lbs.count) {
      problems.push({
        path: ["loadBalancers", "priorities"],
        message: problem(
          `${lbs.priorities.length} priorities for ${lbs.count} load balancers`,
          `list exactly ${lbs.count} distinct priorities, or remove the list for the defaults`,
        ),
      });
    }
    lbs.priorities.forEach((priority, index) => {
      const first = lbs.priorities?.indexOf(priority) ?? index;
      if (first !== index) {
        problems.push({
          path: ["loadBalancers", "priorities", index],
          message: problem(
            `priority ${priority} is also used by loadBalancers.priorities[${first}]`,
            "give every load balancer a distinct priority (equal priorities make the VIP holder depend on addresses)",
          ),
        });
      }
    });
  }
  if (lbs.otherRouterIdsOnNetwork.includes(lbs.virtualRouterId)) {
    const free = Array.from({ length: 255 }, (_, i) => i + 1).find(
      (id) => !lbs.otherRouterIdsOnNetwork.includes(id),
    );
    problems.push({
      path: ["loadBalancers", "virtualRouterId"],
      message: problem(
        `virtual router id ${lbs.virtualRouterId} is already used by another LB pair on this network`,
        `pick an id not in otherRouterIdsOnNetwork, for example ${String(free)}`,
      ),
    });
  }
  return problems;
}

function controlPlaneProblems(config: OpenstackTopology): ConfigIssue[] {
  const { count } = config.controlPlane;
  const path = ["controlPlane", "count"];
  if (count === 1 && !config.devSingleControlPlane) {
    return [
      {
        path,
        message: problem(
          "a single control-plane node has no redundancy",
          "use 3 or 5 nodes, or set devSingleControlPlane: true for a throwaway dev cluster",
        ),
      },
    ];
  }
  if (count % 2 === 0) {
    return [
      {
        path,
        message: problem(
          `${count} control-plane nodes: etcd needs a majority, so an even count adds a failure point without adding tolerance`,
          `use an odd count such as ${count + 1} (or 1 with devSingleControlPlane: true for dev)`,
        ),
      },
    ];
  }
  return [];
}

/**
 * Pinned and allocated addresses must not mix: Neutron could hand a pinned address to a port that
 * asked for any address before the pinned port exists. Workers are always allocated, and are
 * created after every pinned port instead.
 */
function pinningProblems(config: OpenstackTopology): ConfigIssue[] {
  const keys = [
    [["vip"], config.vip !== undefined],
    [["loadBalancers", "fixedIps"], config.loadBalancers.fixedIps !== undefined],
    [["controlPlane", "fixedIps"], config.controlPlane.fixedIps !== undefined],
  ] as const;
  const pinned = keys.filter(([, given]) => given).length;
  if (pinned === 0 || pinned === keys.length) return [];
  return keys
    .filter(([, given]) => !given)
    .map(([path]) => ({
      path,
      message: problem(
        "addresses are partly pinned: Neutron could allocate a pinned address to another port first",
        "pin all of vip, loadBalancers.fixedIps and controlPlane.fixedIps (recommended), or none of them",
      ),
    }));
}

/** Every cross-field problem of the section, in a stable order. */
export function openstackProblems(config: OpenstackTopology): ConfigIssue[] {
  const problems = [
    ...networkProblems(config.network, config.floatingIpPool),
    ...loadBalancerProblems(config.loadBalancers),
    ...controlPlaneProblems(config),
    ...pinningProblems(config),
  ];
  const subnet = parseNetwork(config.network.cidr);
  if (subnet.ok && subnet.cidr.address.kind() === "ipv4") {
    problems.push(...fixedIpProblems(config, subnet.cidr, gatewayOf(config.network)));
  }
  return problems;
}
