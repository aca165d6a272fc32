/**
 * `failover:gcp:MultiClusterIngress`: one global anycast VIP for an app served active-active from
 * several fleet clusters. Both modes (MultiClusterIngress, multi-cluster Gateway) share the fleet,
 * the VIP, the certificates and the firewall, so switching `mode` replaces only the Kubernetes
 * objects in the config cluster and keeps the address.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_INGRESS_MODE, DEFAULT_STATIC_IP } from "./defaults";
import { certificates, healthCheckFirewall, staticIp, type StaticIpArgs, type TlsArgs } from "./edge";
import {
  enableApis,
  fleetMemberships,
  ingressFeature,
  mciServiceAgent,
  serviceDiscoveryFeature,
  type FleetContext,
  type FleetMember,
} from "./fleet";
import type { KubeObject } from "./render/object";
import { planIngress, type IngressMode, type IngressPlanInput, type IngressTopology } from "./render/plan";

export interface IngressMemberCluster extends FleetMember {
  /** Kubernetes provider for this cluster (one per cluster; the system builds them from config). */
  readonly provider: k8s.Provider;
}

export interface MultiClusterIngressArgs extends IngressTopology {
  /** Fleet host project. */
  readonly project: string;
  /** `mci` (MultiClusterIngress) or `gateway` (Gateway API). @default "mci" */
  readonly mode?: IngressMode;
  /** Member clusters. */
  readonly clusters: readonly IngressMemberCluster[];
  /** Name of the port traffic goes to. */
  readonly backendPort: string;
  /** Host rules. @default [] (all hosts) */
  readonly hosts?: readonly string[];
  /** TLS at the load balancer. @default off */
  readonly tls?: TlsArgs;
  /** The VIP. @default { create: true } */
  readonly staticIp?: StaticIpArgs;
  /** Protect the reserved address from deletion. @default true */
  readonly protectVip?: boolean;
  /** VPC network of the members, for the health-check firewall. */
  readonly network: string;
  /** Node tags the firewall applies to. @default [] (all instances in the network) */
  readonly targetTags?: readonly string[];
}

/** The MCI's `status.VIP` and the Gateway's `status.addresses`, which the controllers fill in. */
interface IngressStatus {
  VIP?: string;
  addresses?: Array<{ value?: string }>;
}

/**
 * One global VIP in front of several clusters. The GCP provider comes from `opts` like every
 * component's; the Kubernetes providers come per cluster in `args.clusters[].provider`, because one
 * component talks to several clusters and `opts.providers` holds only one provider per package.
 */
export class MultiClusterIngress extends pulumi.ComponentResource {
  /** The static address (or, without one, the address the controller reports). */
  readonly ingressVip: pulumi.Output<string>;
  /** The address the MCI/Gateway controller reports in its status. */
  readonly ingressStatusVip: pulumi.Output<string>;
  /** Normalised membership name of the config cluster. */
  readonly configMembership: pulumi.Output<string>;
  /** Normalised membership name per member cluster. */
  readonly memberships: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: MultiClusterIngressArgs, opts?: pulumi.ComponentResourceOptions) {
    super("failover:gcp:MultiClusterIngress", name, {}, opts);
    const mode = args.mode ?? DEFAULT_INGRESS_MODE;
    const config = args.clusters.find((c) => c.name === args.configCluster);
    if (!config) throw new Error(`config cluster ${args.configCluster} is not among the member clusters`);
    if (
      args.standbyConfigCluster !== undefined &&
      !args.clusters.some((c) => c.name === args.standbyConfigCluster)
    ) {
      throw new Error(`standby config cluster ${args.standbyConfigCluster} is not among the member clusters`);
    }
    const ctx: FleetContext = { prefix: name, project: args.project, parent: this };

    // Project and fleet.
    const apis = enableApis(ctx, mode);
    const { paths, created } = fleetMemberships(ctx, args.clusters, apis);
    const configMembership = paths.get(config.name) as pulumi.Output<string>;
    // What the controllers need before they can act on the Kubernetes objects.
    const controlPlane: pulumi.Resource[] = [ingressFeature(ctx, configMembership, [...apis, ...created])];
    controlPlane.push(mciServiceAgent(ctx, apis).role);
    if (mode === "gateway") {
      const discovery = serviceDiscoveryFeature(ctx, [...apis, ...created]);
      controlPlane.push(discovery.feature, discovery.importerRole);
    }

    // Edge.
    const vip = staticIp(ctx, args.staticIp ?? DEFAULT_STATIC_IP, args.protectVip ?? true);
    const certNames = certificates(ctx, args.tls);
    const backend = args.ports.find((p) => p.name === args.backendPort);
    if (!backend) throw new Error(`backendPort ${args.backendPort} names no service port`);
    healthCheckFirewall(ctx, {
      network: args.network,
      ports: [backend.targetPort, args.healthCheck.port],
      targetTags: args.targetTags ?? [],
    });

    // Kubernetes side: the shape (which objects, where) is plain; contents wait for the VIP and certificates.
    const planInput = (address: string | undefined, preSharedCerts: string[]): IngressPlanInput => ({
      mode,
      app: name,
      namespace: args.namespace,
      istioRevision: args.istioRevision,
      configCluster: args.configCluster,
      clusters: args.clusters.map((c) => ({ name: c.name, location: c.location })),
      clustersSubset: args.clustersSubset,
      serviceName: args.serviceName,
      ports: args.ports,
      selector: args.selector,
      servicePort: backend.port,
      healthCheck: args.healthCheck,
      hosts: args.hosts ?? [],
      preSharedCerts,
      staticIp: vip && address !== undefined ? { address, name: vip.name } : undefined,
    });
    const shape = planIngress(planInput(vip ? "" : undefined, []));
    const plan = pulumi
      .all([vip?.address ?? pulumi.output(undefined), certNames])
      .apply(([address, names]) => planIngress(planInput(address, names)));

    const namespaces = new Map<string, k8s.core.v1.Namespace>();
    for (const cluster of args.clusters) {
      const namespace = new k8s.core.v1.Namespace(
        `${name}-${cluster.name}-namespace`,
        { metadata: shape.namespace.metadata },
        // Retained: the app (e.g. the Istio gateway) lives in it, so dropping a cluster from the
        // list must not delete its workloads.
        { parent: this, provider: cluster.provider, retainOnDelete: true },
      );
      namespaces.set(cluster.name, namespace);
      (shape.members.get(cluster.name) ?? []).forEach((object, i) => {
        const content = plan.apply((p) => (p.members.get(cluster.name) ?? [])[i]);
        this.applyObject(`${name}-${cluster.name}`, object, content, cluster.provider, [
          namespace,
          ...controlPlane,
        ]);
      });
    }

    // The standby copy is ignored by the controllers until the feature points at it; keeping it
    // identical makes moving the config cluster a switch instead of a delete-and-recreate.
    const configHosts = [config, ...args.clusters.filter((c) => c.name === args.standbyConfigCluster)];
    const [configObjects] = configHosts.map((host) =>
      shape.configCluster.map((object, i) =>
        this.applyObject(
          `${name}-${host.name}`,
          object,
          plan.apply((p) => p.configCluster[i]),
          host.provider,
          [namespaces.get(host.name) as k8s.core.v1.Namespace, ...controlPlane],
        ),
      ),
    );
    const entry = configObjects.find((o) => o.kind === "MultiClusterIngress" || o.kind === "Gateway");
    const status = (entry?.resource as unknown as { status: pulumi.Output<IngressStatus | undefined> })
      .status;
    this.ingressStatusVip = status.apply((s) => s?.VIP ?? s?.addresses?.[0]?.value ?? "");
    this.ingressVip = vip ? vip.address : this.ingressStatusVip;
    this.configMembership = configMembership;
    this.memberships = pulumi
      .all([...paths.entries()].map(([cluster, path]) => path.apply((p) => [cluster, p] as const)))
      .apply((pairs) => Object.fromEntries(pairs));

    this.registerOutputs({
      ingressVip: this.ingressVip,
      ingressStatusVip: this.ingressStatusVip,
      configMembership: this.configMembership,
      memberships: this.memberships,
    });
  }

  /** Applies one rendered object; the MCI and Gateway also expose `status`. */
  private applyObject(
    prefix: string,
    shape: KubeObject,
    content: pulumi.Output<KubeObject>,
    provider: k8s.Provider,
    dependsOn: pulumi.Resource[],
  ): { kind: string; resource: k8s.apiextensions.CustomResource } {
    const args: k8s.apiextensions.CustomResourceArgs = {
      apiVersion: shape.apiVersion,
      kind: shape.kind,
      // Name, namespace and labels stay plain so previews show them; only annotations (the VIP,
      // certificate names) wait for cloud-assigned values.
      metadata: {
        name: shape.metadata.name,
        namespace: shape.metadata.namespace,
        labels: shape.metadata.labels,
        annotations: content.apply((o) => o.metadata.annotations ?? {}),
      },
    };
    if (shape.spec !== undefined) args.spec = content.apply((o) => o.spec);
    // Declaring `status` registers it as an output, so the controller-assigned VIP can be read.
    if (shape.kind === "MultiClusterIngress" || shape.kind === "Gateway") args.status = undefined;
    const resource = new k8s.apiextensions.CustomResource(
      `${prefix}-${shape.kind.toLowerCase()}-${shape.metadata.name}`,
      args,
      { parent: this, provider, dependsOn },
    );
    return { kind: shape.kind, resource };
  }
}
