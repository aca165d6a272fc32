/** Builds policy inputs by hand for rule tests, in the shape the recorder produces. */
import type { PolicyInputResource } from "../../policy/engine";

export function resource(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  extra: Partial<PolicyInputResource> = {},
): PolicyInputResource {
  return {
    type,
    name,
    urn: `urn:pulumi:unit::failover-stacks::${type}::${name}`,
    inputs,
    dependsOn: [],
    protect: false,
    retainOnDelete: false,
    deleteBeforeReplace: false,
    ignoreChanges: [],
    ...extra,
  };
}

/**
 * Advisories an example stack may show on purpose: prod and staging still run ingress-nginx, and
 * `ingress-nginx-retired` says they should move. Anything else is a real finding.
 */
export const EXPECTED_ADVISORIES: readonly string[] = ["ingress-nginx-retired"];

export function unexpectedViolations<V extends { policy: string; enforcementLevel: string }>(
  violations: readonly V[],
): V[] {
  return violations.filter(
    (v) => !(v.enforcementLevel === "advisory" && EXPECTED_ADVISORIES.includes(v.policy)),
  );
}
