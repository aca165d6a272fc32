/**
 * MultiClusterIngress mode, rendered for the config cluster: a MultiClusterService (MCI derives a
 * headless Service and NEGs in every selected member from it), the BackendConfig its health check
 * comes from, and the MultiClusterIngress that programs the global load balancer.
 */
import {
  metadataOf,
  type HealthProbe,
  type KubeObject,
  type ObjectIdentity,
  type RenderedPort,
} from "./object";

export const MCI_API_VERSION = "networking.gke.io/v1";
export const BACKEND_CONFIG_API_VERSION = "cloud.google.com/v1";
export const BACKEND_CONFIG_ANNOTATION = "cloud.google.com/backend-config";
export const STATIC_IP_ANNOTATION = "networking.gke.io/static-ip";
export const PRE_SHARED_CERTS_ANNOTATION = "networking.gke.io/pre-shared-certs";

export interface MultiClusterServiceInput extends ObjectIdentity {
  /** Every port, the status/health port included: the NEGs must cover the probed port. */
  readonly ports: readonly RenderedPort[];
  readonly selector: Readonly<Record<string, string>>;
  readonly backendConfigName: string;
  /** `<location>/<cluster>` links; empty means every member cluster. */
  readonly clusterLinks: readonly string[];
}

export function renderMultiClusterService(input: MultiClusterServiceInput): KubeObject {
  const spec: Record<string, unknown> = {
    template: {
      spec: {
        selector: { ...input.selector },
        ports: input.ports.map((p) => ({
          name: p.name,
          protocol: p.protocol,
          port: p.port,
          targetPort: p.targetPort,
        })),
      },
    },
  };
  if (input.clusterLinks.length > 0) spec.clusters = input.clusterLinks.map((link) => ({ link }));
  return {
    apiVersion: MCI_API_VERSION,
    kind: "MultiClusterService",
    metadata: {
      ...metadataOf(input),
      // Without it the load balancer probes "/" on the serving port; an Istio gateway answers
      // 404 there, every backend turns unhealthy and clients get 502.
      annotations: { [BACKEND_CONFIG_ANNOTATION]: JSON.stringify({ default: input.backendConfigName }) },
    },
    spec,
  };
}

export interface BackendConfigInput extends ObjectIdentity {
  readonly healthCheck: HealthProbe;
}

export function renderBackendConfig(input: BackendConfigInput): KubeObject {
  return {
    apiVersion: BACKEND_CONFIG_API_VERSION,
    kind: "BackendConfig",
    metadata: metadataOf(input),
    spec: {
      healthCheck: {
        type: input.healthCheck.protocol,
        port: input.healthCheck.port,
        requestPath: input.healthCheck.path,
      },
    },
  };
}

export interface MultiClusterIngressInput extends ObjectIdentity {
  readonly serviceName: string;
  /** The MCS port (not the pod port) traffic goes to. */
  readonly servicePort: number;
  /** The reserved global address (an IP); absent means an ephemeral VIP. */
  readonly staticIp?: string;
  /** Compute SSL certificate names presented by the load balancer. */
  readonly preSharedCerts: readonly string[];
  /** Host rules; every host goes to the same backend, anything else to the default backend. */
  readonly hosts: readonly string[];
}

export function renderMultiClusterIngress(input: MultiClusterIngressInput): KubeObject {
  const annotations: Record<string, string> = {};
  if (input.staticIp !== undefined) annotations[STATIC_IP_ANNOTATION] = input.staticIp;
  if (input.preSharedCerts.length > 0)
    annotations[PRE_SHARED_CERTS_ANNOTATION] = input.preSharedCerts.join(",");
  const backend = { serviceName: input.serviceName, servicePort: input.servicePort };
  const templateSpec: Record<string, unknown> = { backend };
  if (input.hosts.length > 0) {
    templateSpec.rules = input.hosts.map((host) => ({
      host,
      http: { paths: [{ path: "/*", backend: { ...backend } }] },
    }));
  }
  const metadata = metadataOf(input);
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  return {
    apiVersion: MCI_API_VERSION,
    kind: "MultiClusterIngress",
    metadata,
    spec: { template: { spec: templateSpec } },
  };
}
