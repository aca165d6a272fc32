/** The core kinds the service-pattern components render (validated with kubernetes-models). */
export const KUBERNETES_KINDS = [
  ["v1", "Service"],
  ["v1", "Namespace"],
  ["discovery.k8s.io/v1", "EndpointSlice"],
  ["networking.k8s.io/v1", "Ingress"],
] as const;
