/**
 * The annotation(s) that make a `type: LoadBalancer` Service internal (private address, no public
 * IP) on each cloud. Without them every cloud hands out a PUBLIC load balancer, which is why an
 * unknown cloud is a config error rather than a Service without annotations.
 *
 * Sources (checked 2026): Kubernetes in-tree/cloud-provider-aws, AWS Load Balancer Controller
 * v2.2+ service annotations, GKE internal passthrough NLB, cloud-provider-azure,
 * cloud-provider-openstack (Octavia), DigitalOcean CCM (DOKS 1.28.10-do.0 or later).
 */
import type { InternalLbCloud } from "../service-patterns-config";
import { EXPOSURE_ANNOTATION, INTERNAL_CLOUD_ANNOTATION } from "./manifest";

export const INTERNAL_LB_ANNOTATIONS: Readonly<Record<InternalLbCloud, Readonly<Record<string, string>>>> = {
  // The legacy in-tree controller (and cloud-provider-aws) treats any value but "false" as internal.
  aws: { "service.beta.kubernetes.io/aws-load-balancer-internal": "true" },
  // The AWS Load Balancer Controller only takes Services marked `type: external` away from the
  // in-tree controller; its own default scheme is internal, but we say so explicitly.
  "aws-lbc": {
    "service.beta.kubernetes.io/aws-load-balancer-type": "external",
    "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "ip",
    "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal",
  },
  gcp: { "networking.gke.io/load-balancer-type": "Internal" },
  azure: { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" },
  // Internal (VPC-only) DigitalOcean load balancers; cannot be switched to or from public later.
  digitalocean: { "service.beta.kubernetes.io/do-loadbalancer-network": "INTERNAL" },
  openstack: { "service.beta.kubernetes.io/openstack-internal-load-balancer": "true" },
};

/** Annotations for an internal load balancer on `cloud`, plus our own markers for policy. */
export function internalLbAnnotations(cloud: InternalLbCloud): Record<string, string> {
  const annotations = INTERNAL_LB_ANNOTATIONS[cloud];
  if (!annotations) throw new Error(`no internal load-balancer annotation known for cloud ${String(cloud)}`);
  return {
    ...annotations,
    [EXPOSURE_ANNOTATION]: "internal",
    [INTERNAL_CLOUD_ANNOTATION]: cloud,
  };
}
