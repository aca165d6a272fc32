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
