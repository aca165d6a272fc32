/**
 * Defaults the `kubernetesServices` schema fills in and the components fall back to: one constant
 * each (the charts' versions, repositories and images are in service-patterns-fields.ts).
 */

export const INGRESS_NGINX_NAMESPACE = "ingress-nginx";
export const TRAEFIK_NAMESPACE = "traefik";
export const EXTERNAL_SERVICES_NAMESPACE = "external-services";
export const DEFAULT_INGRESS_PATH = "/";
export const DEFAULT_PATH_TYPE = "Prefix";
/** MetalLB's manifests install it there. */
export const METALLB_NAMESPACE = "metallb-system";
export const DEFAULT_POOL_AUTO_ASSIGN = true;
export const DEFAULT_POOL_AVOID_BUGGY_IPS = false;
