/**
 * The DOKS cluster the routes go to, and a Kubernetes provider for it: a cluster created in the
 * gateways' VPC (routing agent on when that backend is chosen), an existing cluster by name, or an
 * explicit kubeconfig. The kubeconfig is always secret.
 */
import * as digitalocean from "@pulumi/digitalocean";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_CLUSTER_HA } from "./constants";

/** The default node pool of a created DOKS cluster. */
export interface EgressNodePool {
  /** Node pool name. */
  readonly name: string;
  /** Droplet size slug of the nodes, e.g. `s-2vcpu-4gb`. */
  readonly size: string;
  /** Number of nodes. */
  readonly count: number;
}

/** A DOKS cluster to create in the gateways' VPC. */
export interface CreateClusterSpec {
  /** DOKS version slug. */
  readonly version: string;
  /** The cluster's default node pool. */
  readonly nodePool: EgressNodePool;
  /** Highly available control plane. @default false */
  readonly ha?: boolean;
}

export interface EgressClusterArgs {
  /** Cluster name (created or existing). */
  name: string;
  /** DigitalOcean region slug of a created cluster, e.g. `fra1`. */
  region: string;
  /** VPC of a created cluster (the gateways' VPC). */
  vpcId: pulumi.Input<string>;
  /** Create the cluster; otherwise `kubeconfig`, otherwise look the cluster up by name. @default existing */
  create?: CreateClusterSpec;
  /** Kubeconfig of an existing cluster (treated as secret). @default looked up by name */
  kubeconfig?: pulumi.Input<string>;
  /** Context in `kubeconfig`. @default its current context */
  context?: string;
  /** Pod CIDR of a created cluster. */
  podCidr: string;
  /** Service CIDR of a created cluster. */
  serviceCidr: string;
  /** Enable DOKS's managed routing agent on a created cluster. @default false */
  routingAgent?: boolean;
  /** Tags of a created cluster. @default [] */
  tags?: string[];
}

/** The DOKS cluster that egress routes go to (created in the gateways' VPC, or an existing one), and a Kubernetes provider for it. */
export class EgressCluster extends pulumi.ComponentResource {
  /** Kubernetes provider for the cluster: the routes' and the operator's provider. */
  readonly provider: k8s.Provider;
  /** The cluster's kubeconfig (secret), read fresh on every run for a created cluster. */
  readonly kubeconfig: pulumi.Output<string>;
  /** The created cluster; absent for an existing one. */
  readonly cluster?: digitalocean.KubernetesCluster;

  constructor(name: string, args: EgressClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("failover:digitalocean:EgressCluster", name, {}, opts);
    let kubeconfig: pulumi.Output<string>;
    if (args.create) {
      this.cluster = new digitalocean.KubernetesCluster(
        `${name}-doks`,
        {
          name: args.name,
          region: args.region,
          version: args.create.version,
          vpcUuid: args.vpcId,
          clusterSubnet: args.podCidr,
          serviceSubnet: args.serviceCidr,
          ha: args.create.ha ?? DEFAULT_CLUSTER_HA,
          nodePool: {
            name: args.create.nodePool.name,
            size: args.create.nodePool.size,
            nodeCount: args.create.nodePool.count,
          },
          routingAgent: { enabled: args.routingAgent === true },
          tags: args.tags ?? [],
        },
        { parent: this },
      );
      // Read the kubeconfig fresh on every run: the token in the cluster's state expires after
      // about 7 days and is only renewed by a refresh, so a later `pulumi up` would be refused.
      kubeconfig = digitalocean
        .getKubernetesClusterOutput({ name: this.cluster.name }, { parent: this, dependsOn: [this.cluster] })
        .kubeConfigs.apply((configs) => configs[0]?.rawConfig ?? "");
    } else if (args.kubeconfig !== undefined) {
      kubeconfig = pulumi.output(args.kubeconfig);
    } else {
      kubeconfig = digitalocean
        .getKubernetesClusterOutput({ name: args.name }, { parent: this })
        .kubeConfigs.apply((configs) => configs[0]?.rawConfig ?? "");
    }
    this.kubeconfig = pulumi.secret(kubeconfig);
    this.provider = new k8s.Provider(
      `${name}-k8s`,
      { kubeconfig: this.kubeconfig, context: args.context },
      { parent: this },
    );
    this.registerOutputs({ kubeconfig: this.kubeconfig });
  }
}
