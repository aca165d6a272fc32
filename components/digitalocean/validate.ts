/**
 * Cross-field rules of the `digitalocean` section. The operator guards almost nothing (only exactly
 * 0.0.0.0/0), and a bad StaticRoute fails silently on every node, so every rule lives here and runs
 * before anything registers. Each returns issues with the path of the offending value.
 */
import { plural, problem, type ConfigIssue } from "../shared/config-errors";
import {
  addressOrNetwork,
  broadcastOf,
  containsAddress,
  METADATA_ADDRESS,
  networkOf,
  overlaps,
  parseIpv4,
  parseNetwork,
  specialRange,
  type Cidr,
} from "../shared/ip";
import { activeGatewayIndex, gatewayCount, gatewayNames, type GatewayPlanInput } from "./plan";

/** What the rules read; the parsed section satisfies it. */
export interface CheckedConfig extends GatewayPlanInput {
  readonly backend: "staticroute-operator" | "routing-agent";
  readonly vpc: { readonly cidr: string };
  readonly gateways: GatewayPlanInput["gateways"] & { readonly privateIps?: readonly string[] };
  readonly routeSets: ReadonlyArray<{ readonly name: string; readonly destinations: readonly string[] }>;
  readonly cluster: {
    readonly create?: object;
    readonly kubeconfig?: string;
    readonly context?: string;
    readonly podCidr: string;
    readonly serviceCidr: string;
    readonly apiEndpoint?: string;
  };
  readonly reservedIps: boolean;
}

const cidrOf = (text: string): Cidr | undefined => {
  const parsed = parseNetwork(text);
  return parsed.ok ? parsed.cidr : undefined;
};

/** The networks a route must never capture, with the config key that names each. */
function protectedNetworks(config: CheckedConfig): Array<{ label: string; cidr: Cidr }> {
  const list: Array<{ label: string; text: string | undefined }> = [
    { label: "the VPC CIDR (vpc.cidr)", text: config.vpc.cidr },
    { label: "the pod CIDR (cluster.podCidr)", text: config.cluster.podCidr },
    { label: "the service CIDR (cluster.serviceCidr)", text: config.cluster.serviceCidr },
    { label: "the metadata address", text: `${METADATA_ADDRESS}/32` },
    {
      label: "the cluster API endpoint (cluster.apiEndpoint)",
      text: config.cluster.apiEndpoint ? `${config.cluster.apiEndpoint}/32` : undefined,
    },
  ];
  return list.flatMap(({ label, text }) => {
    const cidr = text ? cidrOf(text) : undefined;
    return cidr ? [{ label, cidr }] : [];
  });
}

/** Rules for one destination; `path` points at it. */
export function checkDestination(
  config: CheckedConfig,
  text: string,
  path: ConfigIssue["path"],
): ConfigIssue[] {
  const parsed = addressOrNetwork(text);
  if (!parsed.ok || parsed.cidr.address.kind() !== "ipv4") return []; // the field schema reports it
  const cidr = parsed.cidr;
  if (cidr.prefix === 0) {
    return config.backend === "routing-agent"
      ? []
      : [
          {
            path,
            message: problem(
              "the operator refuses exactly 0.0.0.0/0 (its only guard), so the route would never be installed",
              "list the partner networks explicitly, or use backend: routing-agent, which supports a default route",
            ),
          },
        ];
  }
  const issues: ConfigIssue[] = [];
  for (const { label, cidr: guarded } of protectedNetworks(config)) {
    if (overlaps(cidr, guarded)) {
      issues.push({
        path,
        message: problem(
          `the destination overlaps ${label} ${guarded.text}; nodes would send that traffic to the gateway`,
          "remove it or narrow it so it stays outside that range",
        ),
      });
    }
  }
  const special = specialRange(cidr);
  if (issues.length === 0 && special) {
    issues.push({
      path,
      message: problem(
        `the destination covers a ${special} range`,
        "route only the partner's public addresses",
      ),
    });
  }
  return issues;
}

/**
 * Each destination (normalized: `203.0.113.7` equals `203.0.113.7/32`) may appear once overall.
 * Repeats inside one route set are the field schema's (distinctList); this finds them across sets.
 */
export function checkDuplicateDestinations(config: CheckedConfig): ConfigIssue[] {
  const seen = new Map<string, { set: number; index: number }>();
  const issues: ConfigIssue[] = [];
  config.routeSets.forEach((set, i) =>
    set.destinations.forEach((text, j) => {
      const parsed = addressOrNetwork(text);
      if (!parsed.ok) return;
      const key = parsed.cidr.text;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, { set: i, index: j });
      else if (first.set !== i) {
        issues.push({
          path: ["routeSets", i, "destinations", j],
          message: problem(
            `the destination is already routed by route set ${config.routeSets[first.set].name} (routeSets[${first.set}].destinations[${first.index}]); the operator fails with "File exists" on every node for a second route`,
            "keep each destination in exactly one route set",
          ),
        });
      }
    }),
  );
  return issues;
}

export function checkGateways(config: CheckedConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const count = gatewayCount(config);
  const { names, privateIps } = config.gateways;
  if (config.mode === "managed" && config.gateways.count !== undefined && config.gateways.count !== 1) {
    issues.push({
      path: ["gateways", "count"],
      message: problem(
        "managed mode creates one VPC NAT gateway",
        "remove gateways.count (use gateways.managedSize for capacity), or use mode: droplets",
      ),
    });
  }
  if (names && names.length !== count) {
    issues.push({
      path: ["gateways", "names"],
      message: problem(
        `${plural(names.length, "name", "names")} for ${plural(count, "gateway", "gateways")}`,
        `give exactly ${plural(count, "name", "names")}`,
      ),
    });
  }
  // Repeated names and addresses are refused by the field schemas (distinctList), with both indices.
  const vpc = cidrOf(config.vpc.cidr);
  if (privateIps) {
    if (privateIps.length !== count) {
      issues.push({
        path: ["gateways", "privateIps"],
        message: problem(
          `${plural(privateIps.length, "address", "addresses")} for ${plural(count, "gateway", "gateways")}`,
          `give exactly ${plural(count, "address", "addresses")}`,
        ),
      });
    }
    privateIps.forEach((text, i) => {
      const address = parseIpv4(text);
      if (!address || !vpc) return;
      const edge = [networkOf(vpc).toString(), broadcastOf(vpc).toString()].includes(address.toString());
      if (!containsAddress(vpc, address) || edge) {
        issues.push({
          path: ["gateways", "privateIps", i],
          message: problem(
            `the gateway address is not a usable address of the VPC ${vpc.text}`,
            `use the gateway's private address inside ${vpc.text} (see the gateways stack output)`,
          ),
        });
      }
    });
  }
  if (activeGatewayIndex(config) === undefined) {
    issues.push({
      path: ["activeGateway"],
      message: problem(
        "the active gateway does not exist",
        `use one of ${gatewayNames(config).join(", ")} or an index from 0 to ${count - 1}`,
      ),
    });
  }
  return issues;
}

export function checkCluster(config: CheckedConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { cluster } = config;
  if (cluster.create && cluster.kubeconfig) {
    issues.push({
      path: ["cluster", "kubeconfig"],
      message: problem(
        "a created cluster brings its own kubeconfig",
        "remove cluster.kubeconfig or cluster.create",
      ),
    });
  }
  if (cluster.context && !cluster.kubeconfig) {
    issues.push({
      path: ["cluster", "context"],
      message: problem("a context needs a kubeconfig", "add cluster.kubeconfig or remove cluster.context"),
    });
  }
  if (config.backend === "routing-agent" && !cluster.create) {
    issues.push({
      path: ["backend"],
      message: problem(
        "the routing agent is enabled on the DOKS cluster this stack creates",
        "add cluster.create, or use backend: staticroute-operator for an existing cluster",
      ),
    });
  }
  const vpc = cidrOf(config.vpc.cidr);
  const pod = cidrOf(cluster.podCidr);
  const service = cidrOf(cluster.serviceCidr);
  if (pod && vpc && overlaps(pod, vpc)) {
    issues.push({
      path: ["cluster", "podCidr"],
      message: problem(
        `the pod CIDR overlaps the VPC ${vpc.text}`,
        "choose a pod CIDR outside the VPC range",
      ),
    });
  }
  if (service && ((vpc && overlaps(service, vpc)) || (pod && overlaps(service, pod)))) {
    issues.push({
      path: ["cluster", "serviceCidr"],
      message: problem(
        "the service CIDR overlaps the VPC or pod CIDR",
        "choose a service CIDR outside both ranges",
      ),
    });
  }
  return issues;
}

export function checkMode(config: CheckedConfig): ConfigIssue[] {
  if (config.mode === "managed" && config.reservedIps) {
    return [
      {
        path: ["reservedIps"],
        message: problem(
          "the managed NAT gateway allocates its own egress addresses",
          "remove reservedIps, or use mode: droplets",
        ),
      },
    ];
  }
  return [];
}

/** Every cross-field rule of the section (production rules need the global settings: crossCheck). */
export function checkDigitalOcean(config: CheckedConfig): ConfigIssue[] {
  const destinations = config.routeSets.flatMap((set, i) =>
    set.destinations.flatMap((text, j) =>
      checkDestination(config, text, ["routeSets", i, "destinations", j]),
    ),
  );
  const names = config.routeSets.map((s) => s.name);
  const duplicateSets = names.flatMap((name, i) =>
    names.indexOf(name) !== i
      ? [
          {
            path: ["routeSets", i, "name"],
            message: problem(
              `route set name ${name} is already used by routeSets[${names.indexOf(name)}]; both would render the same StaticRoute objects`,
              "make each name unique",
            ),
          },
        ]
      : [],
  );
  return [
    ...checkGateways(config),
    ...checkCluster(config),
    ...checkMode(config),
    ...duplicateSets,
    ...destinations,
    ...checkDuplicateDestinations(config),
  ];
}

/** Production needs a standby gateway to fail over to (managed mode is one managed service). */
export function checkProduction(config: CheckedConfig, production: boolean): ConfigIssue[] {
  if (!production || config.mode === "managed" || gatewayCount(config) >= 2) return [];
  return [
    {
      path: ["gateways", "count"],
      message: problem(
        "production needs at least 2 gateways so there is a standby to fail over to",
        "set gateways.count to 2 or more",
      ),
    },
  ];
}
