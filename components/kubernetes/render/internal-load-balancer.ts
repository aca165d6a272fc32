/** Renders the `type: LoadBalancer` Service of an internal load balancer. */
import type { InternalLbCloud } from "../service-patterns-config";
import { internalLbAnnotations } from "./internal-lb-annotations";
import { standardLabels, type KubernetesObject } from "./manifest";

export interface ServicePortSpec {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol: "TCP" | "UDP";
}

export interface InternalLoadBalancerSpec {
  name: string;
  namespace: string;
  cloud: InternalLbCloud;
  ports: readonly ServicePortSpec[];
  selector: Readonly<Record<string, string>>;
  sourceRanges: readonly string[];
}

export interface ServiceManifest extends KubernetesObject {
  apiVersion: "v1";
  kind: "Service";
  spec: {
    type: "LoadBalancer" | "ClusterIP" | "ExternalName";
    selector?: Record<string, string>;
    ports?: Array<{ name?: string; port: number; targetPort?: number | string; protocol: string }>;
    externalName?: string;
    externalTrafficPolicy?: "Local" | "Cluster";
    loadBalancerSourceRanges?: string[];
  };
}

export function renderServicePorts(
  ports: readonly ServicePortSpec[],
): NonNullable<ServiceManifest["spec"]["ports"]> {
  return ports.map((p) => ({
    ...(p.name !== undefined ? { name: p.name } : {}),
    port: p.port,
    targetPort: p.targetPort ?? p.port,
    protocol: p.protocol,
  }));
}

export function renderInternalLoadBalancer(spec: InternalLoadBalancerSpec): ServiceManifest {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: spec.name,
      namespace: spec.namespace,
      labels: standardLabels("internal-load-balancer", spec.name),
      annotations: internalLbAnnotations(spec.cloud),
    },
    spec: {
      type: "LoadBalancer",
      selector: { ...spec.selector },
      ports: renderServicePorts(spec.ports),
      // An empty list means "no restriction" to Kubernetes; leave the field out instead.
      ...(spec.sourceRanges.length > 0 ? { loadBalancerSourceRanges: [...spec.sourceRanges] } : {}),
    },
  };
}
