/**
 * The plain shape of the Kubernetes objects our renderers return. Structurally compatible with the
 * @pulumi/kubernetes argument types, and what the offline synth writes out as YAML.
 */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
}

/** Labels on every object we render, so `kubectl get -l` finds what this project manages. */
export function standardLabels(component: string, instance: string): Record<string, string> {
  return {
    "app.kubernetes.io/managed-by": "failover-stacks",
    "app.kubernetes.io/part-of": "kubernetes-service-patterns",
    "app.kubernetes.io/component": component,
    "app.kubernetes.io/instance": instance,
  };
}

/** Our own annotation saying how a LoadBalancer Service is meant to be exposed (read by policy). */
export const EXPOSURE_ANNOTATION = "failover-stacks.io/exposure";
/** Which cloud's internal annotation a Service must carry (read by policy). */
export const INTERNAL_CLOUD_ANNOTATION = "failover-stacks.io/internal-cloud";
