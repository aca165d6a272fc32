/** The plain shape every renderer returns: what `kubectl apply` would take, no Pulumi types. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: Record<string, unknown>;
}

/** Labels every object of this system carries, so `kubectl get -l` finds them. */
export function commonLabels(app: string): Record<string, string> {
  return { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": app };
}

/** The health check the load balancer runs against each pod, shared by both modes. */
export interface HealthProbe {
  /** Pod port probed (Istio's status port is 15021). */
  readonly port: number;
  /** Request path (Istio: /healthz/ready). */
  readonly path: string;
  /** Probe protocol. */
  readonly protocol: "HTTP" | "HTTPS" | "HTTP2";
}

/** A service port as rendered: the pod port is always explicit. */
export interface RenderedPort {
  /** Port name. */
  readonly name: string;
  /** Service port. */
  readonly port: number;
  /** Pod port (NEG endpoints and health checks use it). */
  readonly targetPort: number;
  /** Only TCP: the HTTP(S) load balancer carries nothing else. */
  readonly protocol: "TCP";
}

/** Name, namespace and app label of a rendered object: the part every renderer input shares. */
export interface ObjectIdentity {
  /** Object name. */
  readonly name: string;
  /** Namespace (the same in every member cluster). */
  readonly namespace: string;
  /** Used in the `app.kubernetes.io/part-of` label. */
  readonly app: string;
}

/** Metadata of an object from its identity. */
export function metadataOf(identity: ObjectIdentity): ObjectMeta {
  return { name: identity.name, namespace: identity.namespace, labels: commonLabels(identity.app) };
}
