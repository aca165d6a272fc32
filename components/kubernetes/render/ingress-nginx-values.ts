/**
 * Helm values for the ingress-nginx chart: a LoadBalancer Service that takes its address from a
 * MetalLB pool or is an internal load balancer of the cloud (never the chart's default public
 * one), the IngressClass and its default flag, and replicas spread over nodes.
 */
import type { ImageRef } from "../../shared/image-ref";
import { productionLabels } from "../../shared/production-label";
import type { InternalLbCloud } from "../service-patterns-config";
import { internalLbAnnotations } from "./internal-lb-annotations";
import { EXPOSURE_ANNOTATION } from "./manifest";
import { METALLB_IPS_ANNOTATION, METALLB_POOL_ANNOTATION } from "./metallb";

/** Fixed so the controller Service is always `ingress-nginx-controller`. */
export const INGRESS_NGINX_FULLNAME = "ingress-nginx";
export const INGRESS_NGINX_SERVICE = `${INGRESS_NGINX_FULLNAME}-controller`;

export type IngressLoadBalancer =
  | { kind: "metallb"; pool: string; address?: string; sourceRanges: readonly string[] }
  | { kind: "internal"; cloud: InternalLbCloud; sourceRanges: readonly string[] };

export interface IngressNginxSpec {
  /** IngressClass name (and the controller's --ingress-class). */
  className: string;
  /** Mark the IngressClass as the cluster default and serve class-less Ingresses. */
  defaultClass: boolean;
  /** Controller replicas, spread over nodes by a preferred anti-affinity. */
  replicas: number;
  /** Local keeps client source IPs; Cluster spreads load but source-NATs. */
  externalTrafficPolicy: "Local" | "Cluster";
  /** Where the controller Service's address comes from; there is no public default. */
  loadBalancer: IngressLoadBalancer;
  /** The controller image (registry and tag required by the chart). */
  image: ImageRef;
  /** Labels every object of the release as production's (commonLabels), for the policy pack. */
  production?: boolean;
}

export function serviceAnnotations(lb: IngressLoadBalancer): Record<string, string> {
  if (lb.kind === "internal") return internalLbAnnotations(lb.cloud);
  return {
    [METALLB_POOL_ANNOTATION]: lb.pool,
    ...(lb.address !== undefined ? { [METALLB_IPS_ANNOTATION]: lb.address } : {}),
    [EXPOSURE_ANNOTATION]: "metallb",
  };
}

/** Two replicas on one node fail together: prefer spreading the controller's pods over nodes. */
export function spreadOverNodes(matchLabels: Record<string, string>): Record<string, unknown> {
  return {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 100,
          podAffinityTerm: { topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels } },
        },
      ],
    },
  };
}

export function renderIngressNginxValues(spec: IngressNginxSpec): Record<string, unknown> {
  const selectorLabels = {
    "app.kubernetes.io/name": "ingress-nginx",
    "app.kubernetes.io/instance": INGRESS_NGINX_FULLNAME,
    "app.kubernetes.io/component": "controller",
  };
  const production = productionLabels(spec.production);
  return {
    fullnameOverride: INGRESS_NGINX_FULLNAME,
    ...(Object.keys(production).length > 0 ? { commonLabels: production } : {}),
    controller: {
      // The chart's template: <registry>/<image>:<tag>@<digest>.
      image: {
        registry: spec.image.registry,
        image: spec.image.path,
        tag: spec.image.tag,
        ...(spec.image.digest !== undefined ? { digest: spec.image.digest } : {}),
      },
      replicaCount: spec.replicas,
      ingressClass: spec.className,
      ingressClassResource: { name: spec.className, enabled: true, default: spec.defaultClass },
      // A default class should also serve Ingresses that name no class at all.
      watchIngressWithoutClass: spec.defaultClass,
      affinity: spreadOverNodes(selectorLabels),
      service: {
        type: "LoadBalancer",
        externalTrafficPolicy: spec.externalTrafficPolicy,
        annotations: serviceAnnotations(spec.loadBalancer),
        ...(spec.loadBalancer.sourceRanges.length > 0
          ? { loadBalancerSourceRanges: [...spec.loadBalancer.sourceRanges] }
          : {}),
      },
    },
  };
}
