/**
 * The `gke` system: one global anycast VIP in front of an app served from several fleet
 * clusters, through MultiClusterIngress or the multi-cluster Gateway API (docs/gke-multicluster-ingress.md).
 */
import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { problem, type ConfigIssue } from "../shared/config-errors";
import { gkeSchema, type GkeCluster, type GkeConfig } from "./config";
import { backendPortOf, podPort } from "./config-checks";
import type { MembershipSource } from "./fleet";
import { MultiClusterIngress } from "./multi-cluster-ingress";
import { clusterId } from "./names";
import { gkeOutputSchemas } from "./outputs";
import type { GlobalSettings } from "../shared/settings";
import { defineSystem } from "../shared/system";

/** Production must survive the loss of a cluster, so it needs two members that receive traffic. */
export function gkeProductionIssues(config: GkeConfig, settings: GlobalSettings): ConfigIssue[] {
  if (!settings.production) return [];
  const serving = config.clustersSubset?.length ?? config.clusters.length;
  if (serving >= 2) return [];
  return [
    {
      path: [config.clustersSubset ? "clustersSubset" : "clusters"],
      message: problem(
        "production needs at least two serving clusters: one cluster is no failover",
        "add a member cluster (at least two in different regions)",
      ),
    },
  ];
}

export const gkeSystem = defineSystem({
  section: "gke",
  title: "GKE multi-cluster ingress (MCI or multi-cluster Gateway)",
  schema: gkeSchema,
  outputs: gkeOutputSchemas,
  crossCheck: gkeProductionIssues,
  deploy: (config, settings) => deployGke(config, settings.production),
});

/** One Kubernetes provider per member, from its kubeconfig (kept secret) or a context name. */
function providerFor(config: GkeConfig, cluster: GkeCluster): k8s.Provider {
  const args: k8s.ProviderArgs =
    cluster.kubeconfig !== undefined
      ? { kubeconfig: pulumi.secret(cluster.kubeconfig) }
      : { context: cluster.context };
  return new k8s.Provider(`${config.name}-${cluster.name}-k8s`, args);
}

/** For `source: fleet`, the membership comes from the (existing) cluster's `fleet` block. */
function membershipSource(config: GkeConfig, cluster: GkeCluster): MembershipSource {
  const { source, id, name } = cluster.membership;
  if (source === "create") return { source, id };
  if (source === "existing") return { source, name: name as string };
  const read = gcp.container.Cluster.get(
    `${config.name}-${cluster.name}-cluster`,
    clusterId(config.project, cluster.location, cluster.name),
    { project: config.project, location: cluster.location, name: cluster.name },
  );
  const membership = read.fleet.apply((fleet) => {
    if (!fleet?.membership) {
      throw new Error(
        `cluster ${cluster.name} is not registered to a fleet; set membership.source: create for it in the gke section`,
      );
    }
    return fleet.membership;
  });
  return { source, membership };
}

export interface GkeOutputs {
  readonly ingressVip: pulumi.Output<string>;
  readonly ingressStatusVip: pulumi.Output<string>;
  readonly configMembership: pulumi.Output<string>;
  readonly memberships: pulumi.Output<Record<string, string>>;
}

export function deployGke(config: GkeConfig, production: boolean): GkeOutputs {
  const backend = backendPortOf(config);
  if (!backend) throw new Error("unreachable: the schema checked backendPort");
  const ingress = new MultiClusterIngress(config.name, {
    project: config.project,
    mode: config.mode,
    configCluster: config.configCluster,
    standbyConfigCluster: config.standbyConfigCluster,
    clusters: config.clusters.map((cluster) => ({
      name: cluster.name,
      location: cluster.location,
      membership: membershipSource(config, cluster),
      provider: providerFor(config, cluster),
    })),
    clustersSubset: config.clustersSubset,
    namespace: config.namespace,
    istioRevision: config.istioRevision,
    serviceName: config.service.name,
    ports: config.service.ports.map((p) => ({ ...p, targetPort: podPort(p) })),
    selector: config.service.selector,
    backendPort: backend.name,
    healthCheck: config.healthCheck,
    hosts: config.hosts,
    tls: config.tls,
    staticIp: config.staticIp,
    protectVip: production,
    network: config.network,
    targetTags: config.targetTags,
  });
  return {
    ingressVip: ingress.ingressVip,
    ingressStatusVip: ingress.ingressStatusVip,
    configMembership: ingress.configMembership,
    memberships: ingress.memberships,
  };
}
