/**
 * Relations between fields of the `gke` section, as free functions of the parsed config: each
 * returns issues keyed by path, which the schema's superRefine reports with the full key.
 */
import { problem, type ConfigIssue } from "../shared/config-errors";
import type { GkeConfig, ServicePort } from "./config-fields";

/** The pod port a service port sends to: what NEG backends and their health checks use. */
export function podPort(port: ServicePort): number {
  return port.targetPort ?? port.port;
}

export function configClusterIssues(config: Pick<GkeConfig, "configCluster" | "clusters">): ConfigIssue[] {
  const names = config.clusters.map((c) => c.name);
  if (names.includes(config.configCluster)) return [];
  return [
    {
      path: ["configCluster"],
      message: problem(
        "the config cluster is not among the members",
        `use one of ${names.join(", ")}, or add it to clusters`,
      ),
    },
  ];
}

export function standbyIssues(
  config: Pick<GkeConfig, "configCluster" | "standbyConfigCluster" | "clusters">,
): ConfigIssue[] {
  const standby = config.standbyConfigCluster;
  if (standby === undefined) return [];
  const names = config.clusters.map((c) => c.name);
  if (standby === config.configCluster) {
    return [
      {
        path: ["standbyConfigCluster"],
        message: problem(
          "the standby is the config cluster itself",
          "name another member, or remove standbyConfigCluster",
        ),
      },
    ];
  }
  if (names.includes(standby)) return [];
  return [
    {
      path: ["standbyConfigCluster"],
      message: problem(
        "the standby config cluster is not among the members",
        `use one of ${names.join(", ")}`,
      ),
    },
  ];
}

/** A member listed twice (by name, or by the membership it would create) makes two fleet objects. */
export function duplicateClusterIssues(config: Pick<GkeConfig, "clusters">): ConfigIssue[] {
  const names = new Map<string, number>();
  const memberships = new Map<string, number>();
  const issues: ConfigIssue[] = [];
  config.clusters.forEach((cluster, i) => {
    const first = names.get(cluster.name);
    if (first !== undefined) {
      issues.push({
        path: ["clusters", i, "name"],
        message: problem(
          `cluster ${cluster.name} is already clusters[${first}]; its namespace, membership and MCS objects would be created twice`,
          "list each member cluster once",
        ),
      });
    } else names.set(cluster.name, i);
    if (cluster.membership.source !== "create") return;
    const id = cluster.membership.id ?? cluster.name;
    const owner = memberships.get(id);
    if (owner !== undefined && first === undefined) {
      issues.push({
        path: ["clusters", i, "membership", "id"],
        message: problem(
          `membership ID ${id} is already used by clusters[${owner}]; GKE Hub refuses a second membership with one ID`,
          "give every created membership its own id",
        ),
      });
    } else memberships.set(id, i);
  });
  return issues;
}

export function subsetIssues(config: Pick<GkeConfig, "clusters" | "clustersSubset">): ConfigIssue[] {
  const names = new Set(config.clusters.map((c) => c.name));
  return (config.clustersSubset ?? []).flatMap((name, i) =>
    names.has(name)
      ? []
      : [
          {
            path: ["clustersSubset", i],
            message: problem("not a member cluster", `use names from clusters: ${[...names].join(", ")}`),
          },
        ],
  );
}

export function duplicatePortIssues(service: Pick<GkeConfig["service"], "ports">): ConfigIssue[] {
  const seen = new Set<string>();
  const issues: ConfigIssue[] = [];
  const numbers = new Map<number, number>();
  service.ports.forEach((port, i) => {
    if (seen.has(port.name)) {
      issues.push({
        path: ["service", "ports", i, "name"],
        message: problem("duplicate port name", "give every service port its own name"),
      });
    }
    seen.add(port.name);
    const first = numbers.get(port.port);
    if (first !== undefined) {
      issues.push({
        path: ["service", "ports", i, "port"],
        message: problem(
          `port ${port.port} is already service.ports[${first}]; Kubernetes refuses a Service with a repeated port`,
          "give every service port its own number",
        ),
      });
    } else numbers.set(port.port, i);
  });
  return issues;
}

export function healthPortIssues(config: Pick<GkeConfig, "service" | "healthCheck">): ConfigIssue[] {
  const podPorts = config.service.ports.map(podPort);
  if (podPorts.includes(config.healthCheck.port)) return [];
  return [
    {
      path: ["healthCheck", "port"],
      message: problem(
        "the health-check port is not among the service ports",
        `add a port (for Istio: name status-port, port 15021) or use one of ${podPorts.join(", ")}`,
      ),
    },
  ];
}

/** The port traffic goes to: the named one, or the first that is not the health port. */
export function backendPortOf(config: Pick<GkeConfig, "service" | "healthCheck">): ServicePort | undefined {
  const { ports, backendPort } = config.service;
  if (backendPort !== undefined) return ports.find((p) => p.name === backendPort);
  return ports.find((p) => podPort(p) !== config.healthCheck.port) ?? ports[0];
}

export function backendPortIssues(config: Pick<GkeConfig, "service" | "healthCheck">): ConfigIssue[] {
  if (backendPortOf(config)) return [];
  return [
    {
      path: ["service", "backendPort"],
      message: problem(
        "backendPort names no service port",
        `use one of ${config.service.ports.map((p) => p.name).join(", ")}`,
      ),
    },
  ];
}

const RESERVED_PREFIX = "mci-";

/**
 * MCI names its own load-balancer objects and derived Services `mci-...` and garbage-collects
 * what it believes it owns, so a resource of ours with that prefix may be deleted under us.
 */
export function reservedNameIssues(config: GkeConfig): ConfigIssue[] {
  const named: Array<[(string | number)[], string | undefined]> = [
    [["name"], config.name],
    [["namespace"], config.namespace],
    [["service", "name"], config.service.name],
    [["staticIp", "name"], config.staticIp.name],
    ...(config.tls?.preSharedCerts ?? []).map((name, i): [(string | number)[], string] => [
      ["tls", "preSharedCerts", i],
      name,
    ]),
    ...(config.tls?.selfManaged ?? []).map((cert, i): [(string | number)[], string] => [
      ["tls", "selfManaged", i, "name"],
      cert.name,
    ]),
  ];
  return named
    .filter(([, name]) => name?.startsWith(RESERVED_PREFIX))
    .map(([path]) => ({
      path,
      message: problem(
        "names starting with mci- are reserved by Multi Cluster Ingress, which may delete them",
        "choose a name without the mci- prefix",
      ),
    }));
}

export function tlsIssues(config: Pick<GkeConfig, "tls" | "staticIp">): ConfigIssue[] {
  if (!config.tls || config.staticIp.create || config.staticIp.name !== undefined) return [];
  return [
    {
      path: ["staticIp", "create"],
      message: problem(
        "TLS without a static IP: the certificate's DNS name would point at an address that changes when the load balancer is rebuilt",
        "set staticIp.create: true, or name an existing global address in staticIp.name",
      ),
    },
  ];
}

/** Every relation check, in the order a reader meets the keys. */
export function gkeRelationIssues(config: GkeConfig): ConfigIssue[] {
  return [
    ...configClusterIssues(config),
    ...standbyIssues(config),
    ...duplicateClusterIssues(config),
    ...subsetIssues(config),
    ...duplicatePortIssues(config.service),
    ...healthPortIssues(config),
    ...backendPortIssues(config),
    ...reservedNameIssues(config),
    ...tlsIssues(config),
  ];
}
