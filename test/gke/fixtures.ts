/** A valid `gke` section for tests: two GKE clusters and one registered by another stack, Istio gateway ports. */
import type { IngressPlanInput } from "../../components/gcp/render/plan";
export const FAKE_KUBECONFIG = "<fake kubeconfig for tests>";

export function validGke(): Record<string, unknown> {
  return {
    project: "failover-dev-123",
    configCluster: "gke-eu",
    namespace: "istio-gateway",
    istioRevision: "asm-1175-9",
    clusters: [
      { name: "gke-eu", location: "europe-west1", kubeconfig: FAKE_KUBECONFIG },
      { name: "gke-us", location: "us-central1-b", membership: { source: "fleet" }, context: "gke-us" },
      {
        name: "gke-asia",
        location: "asia-northeast1",
        membership: {
          source: "existing",
          name: "//gkehub.googleapis.com/projects/failover-dev-123/locations/global/memberships/gke-asia",
        },
        context: "gke-asia",
      },
    ],
    service: {
      name: "istio-ingressgateway",
      ports: [
        { name: "status-port", port: 15021, targetPort: 15021 },
        { name: "http2", port: 80, targetPort: 8080 },
        { name: "https", port: 443, targetPort: 8443 },
      ],
      selector: { istio: "ingressgateway", app: "istio-ingressgateway" },
    },
    network: "prod-vpc",
  };
}

/** Returns a copy of `base` with `patch` merged one level deep into the named keys. */
export function withGke(patch: Record<string, unknown>): Record<string, unknown> {
  return { ...validGke(), ...patch };
}

export const ISTIO_PROBE = { port: 15021, path: "/healthz/ready", protocol: "HTTP" } as const;
export const PORTS = [
  { name: "status-port", port: 15021, targetPort: 15021, protocol: "TCP" },
  { name: "http2", port: 80, targetPort: 8080, protocol: "TCP" },
] as const;

export const planInput: IngressPlanInput = {
  mode: "mci",
  app: "ingress",
  namespace: "istio-gateway",
  istioRevision: "asm-1175-9",
  configCluster: "gke-eu",
  clusters: [
    { name: "gke-eu", location: "europe-west1" },
    { name: "gke-us", location: "us-central1-b" },
  ],
  serviceName: "istio-ingressgateway",
  ports: PORTS,
  selector: { istio: "ingressgateway" },
  servicePort: 80,
  healthCheck: ISTIO_PROBE,
  hosts: [],
  preSharedCerts: [],
  staticIp: { address: "203.0.113.10", name: "ingress-vip" },
};
