/**
 * How a Kubernetes object says it belongs to a production stack, for the policy pack (which sees
 * resources, not the stack's config) and for anyone looking at the cluster. Set on the metadata of
 * workloads we render and, for Helm charts, through the chart's `commonLabels` value.
 */
export const PRODUCTION_LABEL = "failover-stacks.io/production";

/** The labels to merge into an object's metadata: the marker in production, nothing otherwise. */
export function productionLabels(production: boolean | undefined): Record<string, string> {
  return production === true ? { [PRODUCTION_LABEL]: "true" } : {};
}
