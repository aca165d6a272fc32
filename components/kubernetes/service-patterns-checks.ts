/**
 * Validation of the `kubernetesServices` section that looks at more than one field: pool ranges
 * against each other and against the cluster's node, pod and service networks, references from
 * ingress-nginx to a MetalLB pool, duplicate names. Free functions of plain data; the schema in
 * service-patterns-config.ts turns their results into zod issues.
 */
import { problem, type ConfigIssue } from "../shared/config-errors";
import { addressToBigInt, parseAddress, parseNetwork } from "../shared/ip";
import { cidrRange, parsePoolEntry, rangesOverlap, type AddressRange } from "./pool-ranges";
import type {
  ExternalServiceConfig,
  IngressNginxConfig,
  MetallbConfig,
  ServicePortConfig,
} from "./service-patterns-fields";

function networkRanges(cidrs: readonly string[]): AddressRange[] {
  return cidrs.flatMap((text) => {
    const parsed = parseNetwork(text);
    return parsed.ok ? [cidrRange(parsed.cidr)] : [];
  });
}

interface PlacedRange {
  readonly range: AddressRange;
  readonly pool: number;
  readonly entry: number;
}

function placedRanges(metallb: MetallbConfig): PlacedRange[] {
  return metallb.pools.flatMap((pool, p) =>
    pool.addresses.flatMap((text, e) => {
      const parsed = parsePoolEntry(text);
      return parsed.ok ? [{ range: parsed.range, pool: p, entry: e }] : [];
    }),
  );
}

/**
 * Pools must not overlap each other (MetalLB would hand one address to two Services), nor the
 * node, pod or service networks, and, when `nodeSubnets` is given, must lie inside one of them
 * (layer 2 mode answers ARP/NDP only on the nodes' own segment).
 */
export function metallbProblems(metallb: MetallbConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seen = new Map<string, number>();
  metallb.pools.forEach((pool, i) => {
    const first = seen.get(pool.name);
    if (first !== undefined) {
      issues.push({
        path: ["pools", i, "name"],
        message: problem(
          `pool name ${pool.name} is already used by pools[${first}]`,
          "give every pool its own name",
        ),
      });
    } else seen.set(pool.name, i);
  });

  const placed = placedRanges(metallb);
  const reserved: Array<{ label: string; ranges: AddressRange[] }> = [
    { label: "a node CIDR (nodeCidrs)", ranges: networkRanges(metallb.nodeCidrs) },
    { label: "the pod CIDR (podCidr)", ranges: networkRanges([metallb.podCidr]) },
    { label: "the service CIDR (serviceCidr)", ranges: networkRanges([metallb.serviceCidr]) },
  ];
  const subnets = networkRanges(metallb.nodeSubnets);
  placed.forEach((item, index) => {
    const path = ["pools", item.pool, "addresses", item.entry];
    const clash = placed.slice(0, index).find((other) => rangesOverlap(other.range, item.range));
    if (clash) {
      issues.push({
        path,
        message: problem(
          `overlaps ${clash.range.text} of pool ${metallb.pools[clash.pool].name}`,
          "give each pool its own addresses; MetalLB would otherwise assign one address twice",
        ),
      });
    }
    for (const { label, ranges } of reserved) {
      const hit = ranges.find((r) => rangesOverlap(r, item.range));
      if (hit) {
        issues.push({
          path,
          message: problem(
            `overlaps ${label} ${hit.text}`,
            "take pool addresses the nodes, pods and Services never use, such as a reserved slice of the node subnet outside DHCP",
          ),
        });
      }
    }
    const inside = subnets.some(
      (s) => s.family === item.range.family && s.start <= item.range.start && item.range.end <= s.end,
    );
    if (subnets.length > 0 && !inside) {
      issues.push({
        path,
        message: problem(
          "lies outside every node subnet (nodeSubnets)",
          "in layer 2 mode use addresses of the nodes' own subnet; other networks need BGP mode",
        ),
      });
    }
  });
  return issues;
}

/** ingress-nginx's MetalLB pool must exist, and a requested address must lie in that pool. */
export function ingressNginxProblems(
  ingress: Pick<IngressNginxConfig, "loadBalancer">,
  metallb: MetallbConfig | undefined,
  /** The section the controller is configured in. */
  key: "ingressNginx" | "traefik" = "ingressNginx",
): ConfigIssue[] {
  const lb = ingress.loadBalancer;
  if (lb.metallbPool === undefined) return [];
  const pool = metallb?.pools.find((p) => p.name === lb.metallbPool);
  if (!pool) {
    const names = metallb?.pools.map((p) => p.name).join(", ");
    return [
      {
        path: [key, "loadBalancer", "metallbPool"],
        message: problem(
          "no MetalLB pool of that name in metallb.pools",
          names ? `use one of ${names}` : "add the pool under metallb.pools, or use internalCloud",
        ),
      },
    ];
  }
  if (lb.address === undefined) return [];
  const address = parseAddress(lb.address);
  const value = address ? addressToBigInt(address) : undefined;
  const inPool = pool.addresses.some((text) => {
    const parsed = parsePoolEntry(text);
    return (
      parsed.ok &&
      value !== undefined &&
      address?.kind() === parsed.range.family &&
      parsed.range.start <= value &&
      value <= parsed.range.end
    );
  });
  return inPool
    ? []
    : [
        {
          path: [key, "loadBalancer", "address"],
          message: problem(
            `the address is not in pool ${pool.name}`,
            `pick an address from ${pool.addresses.join(", ")}`,
          ),
        },
      ];
}

/** Two external services may not share a namespace/name, nor a host and path. */
export function externalServiceProblems(services: readonly ExternalServiceConfig[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const names = new Map<string, number>();
  const routes = new Map<string, number>();
  services.forEach((service, i) => {
    const nameKey = `${service.namespace}/${service.name}`;
    const routeKey = `${service.host}${service.path}`;
    const sameName = names.get(nameKey);
    const sameRoute = routes.get(routeKey);
    if (sameName !== undefined) {
      issues.push({
        path: [i, "name"],
        message: problem(
          `${nameKey} is already used by externalServices[${sameName}]`,
          "give it another name",
        ),
      });
    } else names.set(nameKey, i);
    if (sameRoute !== undefined) {
      issues.push({
        path: [i, "path"],
        message: problem(
          `host ${service.host} path ${service.path} is already routed by externalServices[${sameRoute}]`,
          "use another host or path; two Ingress rules for one route conflict",
        ),
      });
    } else routes.set(routeKey, i);
  });
  return issues;
}

/** Kubernetes needs a name on every port of a multi-port Service, unique names and port/protocols. */
export function servicePortProblems(ports: readonly ServicePortConfig[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const names = new Set<string>();
  const numbers = new Set<string>();
  ports.forEach((port, i) => {
    if (ports.length > 1 && port.name === undefined) {
      issues.push({
        path: [i, "name"],
        message: problem(
          "a Service with several ports needs a name on each",
          "add name: such as http or https",
        ),
      });
    }
    if (port.name !== undefined) {
      if (names.has(port.name))
        issues.push({
          path: [i, "name"],
          message: problem("duplicate port name", "give each port its own name"),
        });
      names.add(port.name);
    }
    const key = `${port.port}/${port.protocol}`;
    if (numbers.has(key))
      issues.push({ path: [i, "port"], message: problem(`duplicate port ${key}`, "list each port once") });
    numbers.add(key);
  });
  return issues;
}

/** Two enabled controllers must not claim one IngressClass, nor both be the default. */
export function controllerClashes(
  nginx: Pick<IngressNginxConfig, "enabled" | "className" | "defaultClass"> | undefined,
  traefik: Pick<IngressNginxConfig, "enabled" | "className" | "defaultClass"> | undefined,
): ConfigIssue[] {
  if (!nginx?.enabled || !traefik?.enabled) return [];
  const issues: ConfigIssue[] = [];
  if (nginx.className === traefik.className)
    issues.push({
      path: ["traefik", "className"],
      message: problem(
        `ingressNginx already uses the IngressClass ${nginx.className}; both controllers would serve its Ingresses`,
        "give traefik its own className, and move the Ingresses over by changing their ingressClass",
      ),
    });
  if (nginx.defaultClass && traefik.defaultClass)
    issues.push({
      path: ["traefik", "defaultClass"],
      message: problem(
        "ingressNginx is already the default IngressClass; two defaults make class-less Ingresses ambiguous",
        "set defaultClass: true on one controller only",
      ),
    });
  return issues;
}
