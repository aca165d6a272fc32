/**
 * Renders an external backend behind the cluster's Ingress: a Service of type ExternalName for a
 * DNS name, or a selector-less Service plus an EndpointSlice for an IP address (ExternalName is a
 * CNAME and must never hold an IP), and the Ingress rule routing the host and path to it.
 */
import { parseAddress } from "../../shared/ip";
import { standardLabels, type KubernetesObject } from "./manifest";
import type { ServiceManifest } from "./internal-load-balancer";

/** A backend outside the cluster: a DNS name (ExternalName) or an IP address (EndpointSlice). */
export type ExternalBackend =
  | { kind: "dns"; dnsName: string; port: number; protocol: "HTTP" | "HTTPS" }
  | { kind: "address"; address: string; port: number; protocol: "HTTP" | "HTTPS" };

export interface ExternalServiceSpec {
  name: string;
  namespace: string;
  host: string;
  backend: ExternalBackend;
  path: string;
  pathType: "Prefix" | "Exact" | "ImplementationSpecific";
  tlsSecret?: string;
  ingressClass?: string;
}

export interface EndpointSliceManifest extends KubernetesObject {
  apiVersion: "discovery.k8s.io/v1";
  kind: "EndpointSlice";
  addressType: "IPv4" | "IPv6";
  endpoints: Array<{ addresses: string[]; conditions: { ready: boolean } }>;
  ports: Array<{ name: string; port: number; protocol: string }>;
}

export interface IngressManifest extends KubernetesObject {
  apiVersion: "networking.k8s.io/v1";
  kind: "Ingress";
  spec: {
    ingressClassName?: string;
    tls?: Array<{ hosts: string[]; secretName: string }>;
    rules: Array<{
      host: string;
      http: {
        paths: Array<{
          path: string;
          pathType: string;
          backend: { service: { name: string; port: { number: number } } };
        }>;
      };
    }>;
  };
}

export interface NamespaceManifest extends KubernetesObject {
  apiVersion: "v1";
  kind: "Namespace";
}

/** Who manages our EndpointSlices; anything but the endpointslice controller's own value. */
export const ENDPOINTSLICE_MANAGER = "failover-stacks.io";

const portName = (backend: ExternalBackend): string => backend.protocol.toLowerCase();

export function renderNamespace(name: string): NamespaceManifest {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name, labels: standardLabels("external-services", name) },
  };
}

export function renderBackendService(spec: ExternalServiceSpec): ServiceManifest {
  const { backend } = spec;
  const metadata = {
    name: spec.name,
    namespace: spec.namespace,
    labels: standardLabels("external-service", spec.name),
  };
  const ports = [{ name: portName(backend), port: backend.port, targetPort: backend.port, protocol: "TCP" }];
  if (backend.kind === "dns") {
    return {
      apiVersion: "v1",
      kind: "Service",
      metadata,
      spec: { type: "ExternalName", externalName: backend.dnsName, ports },
    };
  }
  // No selector: the endpoints controller leaves the Service alone and our EndpointSlice fills it.
  return { apiVersion: "v1", kind: "Service", metadata, spec: { type: "ClusterIP", ports } };
}

/** Only for IP backends; undefined for DNS backends (ExternalName needs no endpoints). */
export function renderEndpointSlice(spec: ExternalServiceSpec): EndpointSliceManifest | undefined {
  const { backend } = spec;
  if (backend.kind !== "address") return undefined;
  const family = parseAddress(backend.address)?.kind();
  if (!family) throw new Error(`${backend.address} is not an IP address`);
  return {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: {
      name: `${spec.name}-external`,
      namespace: spec.namespace,
      labels: {
        ...standardLabels("external-service", spec.name),
        // Links the slice to its Service; kube-proxy and Ingress controllers look it up by this label.
        "kubernetes.io/service-name": spec.name,
        "endpointslice.kubernetes.io/managed-by": ENDPOINTSLICE_MANAGER,
      },
    },
    addressType: family === "ipv4" ? "IPv4" : "IPv6",
    endpoints: [{ addresses: [backend.address], conditions: { ready: true } }],
    ports: [{ name: portName(backend), port: backend.port, protocol: "TCP" }],
  };
}

/**
 * ingress-nginx annotations for an HTTPS backend: speak TLS, send SNI with the backend's own name
 * (the client's Host would not match the backend's certificate) and set that name as Host.
 */
export function backendAnnotations(backend: ExternalBackend): Record<string, string> {
  if (backend.protocol !== "HTTPS") return {};
  const annotations: Record<string, string> = { "nginx.ingress.kubernetes.io/backend-protocol": "HTTPS" };
  if (backend.kind === "dns") {
    annotations["nginx.ingress.kubernetes.io/proxy-ssl-server-name"] = "on";
    annotations["nginx.ingress.kubernetes.io/proxy-ssl-name"] = backend.dnsName;
    annotations["nginx.ingress.kubernetes.io/upstream-vhost"] = backend.dnsName;
  }
  return annotations;
}

export function renderIngress(spec: ExternalServiceSpec): IngressManifest {
  const annotations = backendAnnotations(spec.backend);
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: {
      name: spec.name,
      namespace: spec.namespace,
      labels: standardLabels("external-service", spec.name),
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: {
      ...(spec.ingressClass !== undefined ? { ingressClassName: spec.ingressClass } : {}),
      ...(spec.tlsSecret !== undefined ? { tls: [{ hosts: [spec.host], secretName: spec.tlsSecret }] } : {}),
      rules: [
        {
          host: spec.host,
          http: {
            paths: [
              {
                path: spec.path,
                pathType: spec.pathType,
                backend: { service: { name: spec.name, port: { number: spec.backend.port } } },
              },
            ],
          },
        },
      ],
    },
  };
}
