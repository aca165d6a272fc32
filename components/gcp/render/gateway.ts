/**
 * Gateway API mode (multi-cluster Gateway): a Gateway of the global external managed multi-cluster
 * class and an HTTPRoute to the ServiceImport in the config cluster, a ServiceExport of the same
 * Service in every serving member, and a HealthCheckPolicy on the ServiceImport.
 */
import { metadataOf, type HealthProbe, type KubeObject, type ObjectIdentity } from "./object";
import { PRE_SHARED_CERTS_ANNOTATION } from "./mci";

export const GATEWAY_API_VERSION = "gateway.networking.k8s.io/v1";
export const MULTI_CLUSTER_GATEWAY_CLASS = "gke-l7-global-external-managed-mc";
export const MCS_API_GROUP = "net.gke.io";
export const SERVICE_EXPORT_API_VERSION = `${MCS_API_GROUP}/v1`;
export const HEALTH_CHECK_POLICY_API_VERSION = "networking.gke.io/v1";

export interface GatewayInput extends ObjectIdentity {
  /** Name of the reserved global address (NamedAddress takes the name, not the IP). */
  readonly addressName?: string;
  /** Compute SSL certificate names; non-empty adds an HTTPS listener on 443. */
  readonly preSharedCerts: readonly string[];
}

export function renderGateway(input: GatewayInput): KubeObject {
  const allowedRoutes = { kinds: [{ kind: "HTTPRoute" }] };
  const listeners: Record<string, unknown>[] = [{ name: "http", protocol: "HTTP", port: 80, allowedRoutes }];
  if (input.preSharedCerts.length > 0) {
    listeners.push({
      name: "https",
      protocol: "HTTPS",
      port: 443,
      allowedRoutes,
      tls: { mode: "Terminate", options: { [PRE_SHARED_CERTS_ANNOTATION]: input.preSharedCerts.join(",") } },
    });
  }
  const spec: Record<string, unknown> = { gatewayClassName: MULTI_CLUSTER_GATEWAY_CLASS, listeners };
  if (input.addressName !== undefined) spec.addresses = [{ type: "NamedAddress", value: input.addressName }];
  return {
    apiVersion: GATEWAY_API_VERSION,
    kind: "Gateway",
    metadata: metadataOf(input),
    spec,
  };
}

export interface HttpRouteInput extends ObjectIdentity {
  readonly gatewayName: string;
  readonly serviceName: string;
  /** The Service port (ServiceImports carry the Service's ports). */
  readonly servicePort: number;
  readonly hosts: readonly string[];
}

export function renderHttpRoute(input: HttpRouteInput): KubeObject {
  const spec: Record<string, unknown> = {
    parentRefs: [{ kind: "Gateway", name: input.gatewayName, namespace: input.namespace }],
    rules: [
      {
        backendRefs: [
          { group: MCS_API_GROUP, kind: "ServiceImport", name: input.serviceName, port: input.servicePort },
        ],
      },
    ],
  };
  if (input.hosts.length > 0) spec.hostnames = [...input.hosts];
  return {
    apiVersion: GATEWAY_API_VERSION,
    kind: "HTTPRoute",
    metadata: metadataOf(input),
    spec,
  };
}

/** Exports the Service of that name from one member cluster to the fleet. */
export function renderServiceExport(serviceName: string, namespace: string, app: string): KubeObject {
  return {
    apiVersion: SERVICE_EXPORT_API_VERSION,
    kind: "ServiceExport",
    metadata: metadataOf({ name: serviceName, namespace, app }),
  };
}

const CONFIG_KEY: Record<HealthProbe["protocol"], string> = {
  HTTP: "httpHealthCheck",
  HTTPS: "httpsHealthCheck",
  HTTP2: "http2HealthCheck",
};

export interface HealthCheckPolicyInput extends ObjectIdentity {
  readonly serviceName: string;
  readonly healthCheck: HealthProbe;
}

export function renderHealthCheckPolicy(input: HealthCheckPolicyInput): KubeObject {
  return {
    apiVersion: HEALTH_CHECK_POLICY_API_VERSION,
    kind: "HealthCheckPolicy",
    metadata: metadataOf(input),
    spec: {
      default: {
        config: {
          type: input.healthCheck.protocol,
          [CONFIG_KEY[input.healthCheck.protocol]]: {
            // Fixed: the probe goes to the status port, not to the port that serves traffic.
            portSpecification: "USE_FIXED_PORT",
            port: input.healthCheck.port,
            requestPath: input.healthCheck.path,
          },
        },
      },
      targetRef: { group: MCS_API_GROUP, kind: "ServiceImport", name: input.serviceName },
    },
  };
}
