/**
 * Reading GKE ingress objects out of policy resources. Kubernetes CustomResources arrive with type
 * `kubernetes:<apiVersion>:<Kind>` and their manifest as props, so rules compare `type` strings.
 */
import type { PolicyResource } from "@pulumi/policy";
import { containsUnknown, isUnknown, peek } from "../unknowns";

export const MCS_TYPE = "kubernetes:networking.gke.io/v1:MultiClusterService";
export const MCI_TYPE = "kubernetes:networking.gke.io/v1:MultiClusterIngress";
export const BACKEND_CONFIG_TYPES = [
  "kubernetes:cloud.google.com/v1:BackendConfig",
  "kubernetes:cloud.google.com/v1beta1:BackendConfig",
];
export const GATEWAY_TYPE = "kubernetes:gateway.networking.k8s.io/v1:Gateway";
export const HTTP_ROUTE_TYPE = "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute";
export const HEALTH_CHECK_POLICY_TYPE = "kubernetes:networking.gke.io/v1:HealthCheckPolicy";

export const BACKEND_CONFIG_ANNOTATIONS = [
  "cloud.google.com/backend-config",
  "beta.cloud.google.com/backend-config",
];

type Props = Record<string, unknown>;

/** An object's properties (unknowns as sentinels, never through the analyzer's proxy), or {}. */
export function record(value: unknown): Props {
  return peek(value);
}

/** A resource's props as data: read through `peek`, so an unknown is a value, not a throw. */
export function propsOf(resource: { props: unknown }): Props {
  return peek(resource.props);
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function metadataOf(props: Props): {
  name: string;
  namespace: string;
  annotations: Record<string, string>;
} {
  const metadata = record(props.metadata);
  return {
    name: typeof metadata.name === "string" ? metadata.name : "",
    // An object without a namespace lands in the provider's default namespace.
    namespace: typeof metadata.namespace === "string" ? metadata.namespace : "default",
    annotations: record(metadata.annotations) as Record<string, string>,
  };
}

/**
 * Is what links this object to others (namespace, name, backend-config annotations) not known yet?
 * Such an object is judged at update, when Analyze runs with the real values.
 */
export function linksUnknown(props: Props): boolean {
  const metadata = record(props.metadata);
  const annotations = record(metadata.annotations);
  return containsUnknown([
    metadata.name,
    metadata.namespace,
    metadata.annotations,
    ...BACKEND_CONFIG_ANNOTATIONS.map((a) => annotations[a]),
  ]);
}

/** `namespace/name` of a Kubernetes object, the key objects refer to each other by. */
export function keyOf(props: Props): string {
  const { name, namespace } = metadataOf(props);
  return `${namespace}/${name}`;
}

export function ofTypes(resources: readonly PolicyResource[], types: readonly string[]): PolicyResource[] {
  return resources.filter((r) => types.includes(r.type));
}

/** Service names an MCI sends traffic to: the default backend and every rule's backends. */
export function mciBackendServices(props: Props): string[] {
  const spec = record(record(record(props.spec).template).spec);
  const backends = [
    spec.backend,
    ...list(spec.rules).flatMap((rule) =>
      list(record(record(rule).http).paths).map((p) => record(p).backend),
    ),
  ];
  const names = backends
    .map((b) => record(b).serviceName)
    .filter((n): n is string => typeof n === "string" && !isUnknown(n));
  return [...new Set(names)];
}

/**
 * BackendConfig names an MCS refers to through its annotation (`default` and per-port). Returns
 * undefined when the annotation is missing or not JSON: the load balancer then probes `/`.
 */
export function backendConfigNames(props: Props): string[] | undefined {
  const { annotations } = metadataOf(props);
  const text = BACKEND_CONFIG_ANNOTATIONS.map((a) => annotations[a]).find((t) => typeof t === "string");
  if (text === undefined) return undefined;
  try {
    const parsed = record(JSON.parse(text));
    const names = [parsed.default, ...Object.values(record(parsed.ports))].filter(
      (n): n is string => typeof n === "string",
    );
    return names.length > 0 ? names : undefined;
  } catch {
    return undefined;
  }
}

/** The BackendConfig's health check, when it names at least the port or the request path. */
export function explicitHealthCheck(props: Props): { port?: number; requestPath?: string } | undefined {
  const raw = record(props.spec).healthCheck;
  const check = record(raw);
  const port = typeof check.port === "number" ? check.port : undefined;
  const requestPath =
    typeof check.requestPath === "string" && !isUnknown(check.requestPath) ? check.requestPath : undefined;
  // A check whose values are not known yet is set: only an absent one is missing.
  const unknown = containsUnknown([raw, check.port, check.requestPath]);
  return port === undefined && requestPath === undefined && !unknown ? undefined : { port, requestPath };
}

/** Ports (service and target) an MCS exposes. */
export function mcsPorts(props: Props): number[] | undefined {
  const raw = record(record(record(props.spec).template).spec).ports;
  if (containsUnknown(raw)) return undefined; // not known yet
  const ports = list(raw).map(record);
  return ports.flatMap((p) => [p.port, p.targetPort]).filter((n): n is number => typeof n === "number");
}
