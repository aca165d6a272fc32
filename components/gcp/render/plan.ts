/**
 * Every Kubernetes object of the system, per cluster, from plain data. The component only applies
 * what this returns; the config cluster gets the ingress objects, every member the namespace (and,
 * in gateway mode, a ServiceExport).
 */
import { renderHealthCheckPolicy, renderGateway, renderHttpRoute, renderServiceExport } from "./gateway";
import { renderBackendConfig, renderMultiClusterIngress, renderMultiClusterService } from "./mci";
import { renderNamespace } from "./namespace";
import type { HealthProbe, KubeObject, RenderedPort } from "./object";

export type IngressMode = "mci" | "gateway";

export interface PlanCluster {
  readonly name: string;
  readonly location: string;
}

/** What the user decides about the Kubernetes side; the component's args share it. */
export interface IngressTopology {
  /** Namespace created in every member. */
  readonly namespace: string;
  /** `istio.io/rev` label for the namespace. @default none */
  readonly istioRevision?: string;
  /** Name of the member that hosts the ingress objects. Must be one of the clusters. */
  readonly configCluster: string;
  /**
   * A member that holds an identical, inactive copy of the config cluster's objects, so the config
   * cluster can be moved to it without a window in which the new one has none. @default none
   */
  readonly standbyConfigCluster?: string;
  /** Serving members; the others keep their namespace but get no traffic. @default all */
  readonly clustersSubset?: readonly string[];
  /** Backend Service name (MCS / exported Service). */
  readonly serviceName: string;
  /** Service ports, the health port included; pod ports explicit. */
  readonly ports: readonly RenderedPort[];
  /** Pod selector (MCI mode). */
  readonly selector: Readonly<Record<string, string>>;
  /** The load balancer's probe. */
  readonly healthCheck: HealthProbe;
}

export interface IngressPlanInput extends IngressTopology {
  readonly mode: IngressMode;
  /** Used in the `app.kubernetes.io/part-of` label. */
  readonly app: string;
  readonly clusters: readonly PlanCluster[];
  /** Service port traffic goes to. */
  readonly servicePort: number;
  readonly hosts: readonly string[];
  readonly preSharedCerts: readonly string[];
  /** The static IP (MCI annotation) and the address's name (Gateway NamedAddress). */
  readonly staticIp?: { readonly address: string; readonly name: string };
}

export interface IngressPlan {
  /** The namespace, identical in every member cluster. */
  readonly namespace: KubeObject;
  /** Objects for the config cluster only, in apply order. */
  readonly configCluster: readonly KubeObject[];
  /** Objects per member cluster name, besides the namespace. */
  readonly members: ReadonlyMap<string, readonly KubeObject[]>;
}

export function backendConfigName(serviceName: string): string {
  return `${serviceName}-backendconfig`;
}

export function healthCheckPolicyName(serviceName: string): string {
  return `${serviceName}-health`;
}

function servingClusters(input: IngressPlanInput): readonly PlanCluster[] {
  if (input.clustersSubset === undefined) return input.clusters;
  const subset = new Set(input.clustersSubset);
  return input.clusters.filter((c) => subset.has(c.name));
}

function mciObjects(input: IngressPlanInput): KubeObject[] {
  const common = { namespace: input.namespace, app: input.app };
  const bcName = backendConfigName(input.serviceName);
  return [
    renderBackendConfig({ ...common, name: bcName, healthCheck: input.healthCheck }),
    renderMultiClusterService({
      ...common,
      name: input.serviceName,
      ports: input.ports,
      selector: input.selector,
      backendConfigName: bcName,
      clusterLinks:
        input.clustersSubset === undefined
          ? []
          : servingClusters(input).map((c) => `${c.location}/${c.name}`),
    }),
    renderMultiClusterIngress({
      ...common,
      name: input.serviceName,
      serviceName: input.serviceName,
      servicePort: input.servicePort,
      staticIp: input.staticIp?.address,
      preSharedCerts: input.preSharedCerts,
      hosts: input.hosts,
    }),
  ];
}

function gatewayObjects(input: IngressPlanInput): KubeObject[] {
  const common = { namespace: input.namespace, app: input.app };
  return [
    renderGateway({
      ...common,
      name: input.serviceName,
      addressName: input.staticIp?.name,
      preSharedCerts: input.preSharedCerts,
    }),
    renderHttpRoute({
      ...common,
      name: input.serviceName,
      gatewayName: input.serviceName,
      serviceName: input.serviceName,
      servicePort: input.servicePort,
      hosts: input.hosts,
    }),
    renderHealthCheckPolicy({
      ...common,
      name: healthCheckPolicyName(input.serviceName),
      serviceName: input.serviceName,
      healthCheck: input.healthCheck,
    }),
  ];
}

export function planIngress(input: IngressPlanInput): IngressPlan {
  const serving = new Set(servingClusters(input).map((c) => c.name));
  const members = new Map<string, KubeObject[]>();
  for (const cluster of input.clusters) {
    // Gateway mode: only serving members export the Service; leaving one out takes it out of rotation.
    const exports =
      input.mode === "gateway" && serving.has(cluster.name)
        ? [renderServiceExport(input.serviceName, input.namespace, input.app)]
        : [];
    members.set(cluster.name, exports);
  }
  return {
    namespace: renderNamespace(input.namespace, input.app, input.istioRevision),
    configCluster: input.mode === "mci" ? mciObjects(input) : gatewayObjects(input),
    members,
  };
}
