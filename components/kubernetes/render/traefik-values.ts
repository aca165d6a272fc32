/**
 * Helm values for the Traefik chart (traefik/traefik-helm-chart), the maintained alternative to the
 * retired ingress-nginx for the same pattern: a Kubernetes Ingress controller behind a LoadBalancer
 * Service that takes a MetalLB pool address or is a cloud-internal load balancer. Keys follow the
 * chart's values.yaml and values.schema.json at the pinned version (TRAEFIK_CHART_VERSION).
 */
import { productionLabels } from "../../shared/production-label";
import { serviceAnnotations, spreadOverNodes, type IngressNginxSpec } from "./ingress-nginx-values";

/** Release name and fullnameOverride: the chart names the Service after it (`traefik`). */
export const TRAEFIK_FULLNAME = "traefik";
export const TRAEFIK_SERVICE = TRAEFIK_FULLNAME;

/** The same inputs as ingress-nginx: class, replicas, traffic policy, load balancer, image. */
export type TraefikSpec = IngressNginxSpec;

export function renderTraefikValues(spec: TraefikSpec): Record<string, unknown> {
  const production = productionLabels(spec.production);
  return {
    fullnameOverride: TRAEFIK_FULLNAME,
    ...(Object.keys(production).length > 0 ? { commonLabels: production } : {}),
    image: {
      registry: spec.image.registry,
      repository: spec.image.path,
      tag: spec.image.tag,
      // With a digest the chart pulls <registry>/<repository>@<digest>; the tag still names the version.
      ...(spec.image.digest !== undefined ? { digest: spec.image.digest } : {}),
    },
    deployment: { replicas: spec.replicas },
    ingressClass: { enabled: true, isDefaultClass: spec.defaultClass, name: spec.className },
    providers: {
      kubernetesIngress: {
        enabled: true,
        // External services are ExternalName Services behind an Ingress; Traefik refuses them by default.
        allowExternalNameServices: true,
        // A non-default class serves only its own Ingresses; the default class also the class-less ones.
        ...(spec.defaultClass ? {} : { ingressClass: spec.className }),
      },
    },
    // The chart's pods carry app.kubernetes.io/name: traefik (its selector labels).
    affinity: spreadOverNodes({ "app.kubernetes.io/name": "traefik" }),
    service: {
      enabled: true,
      annotations: serviceAnnotations(spec.loadBalancer),
      spec: {
        type: "LoadBalancer",
        externalTrafficPolicy: spec.externalTrafficPolicy,
        ...(spec.loadBalancer.sourceRanges.length > 0
          ? { loadBalancerSourceRanges: [...spec.loadBalancer.sourceRanges] }
          : {}),
      },
    },
  };
}
