/** Builds policy inputs by hand for rule tests, in the shape the recorder produces. */
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import * as policyProxy from "@pulumi/policy/proxy";
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

/** The SDK's run-time helpers for preview inputs; its typings (proxy.d.ts) declare none of them. */
const sdkProxy = policyProxy as unknown as {
  unknownStringValue: unknown;
  unknownBooleanValue: unknown;
  unknownCheckingProxy: <T extends object>(o: T) => T;
};

/** Values the cloud has not assigned yet, as `pulumi preview` hands them to the policy pack. */
export const UNKNOWN = { string: sdkProxy.unknownStringValue, boolean: sdkProxy.unknownBooleanValue };

/** Wraps inputs the way the analyzer does in preview: reading an unknown throws UnknownValueError. */
export function previewProps<T extends object>(props: T): T {
  return sdkProxy.unknownCheckingProxy(props);
}

/**
 * Runs one resource rule on inputs wrapped as in preview (see previewProps) and returns its
 * messages; an UnknownValueError escaping the rule fails the caller's test.
 */
export async function validateInPreview(
  rule: ResourceValidationPolicy,
  resource: { type: string; name: string; urn?: string; props: object },
  config: Record<string, unknown> = {},
): Promise<string[]> {
  const messages: string[] = [];
  const args = {
    ...resource,
    urn: resource.urn ?? `urn:pulumi:unit::failover-stacks::${resource.type}::${resource.name}`,
    props: previewProps(resource.props),
    getConfig: () => config,
  } as unknown as ResourceValidationArgs;
  const validations = Array.isArray(rule.validateResource) ? rule.validateResource : [rule.validateResource];
  for (const validate of validations) await validate?.(args, (message) => messages.push(message));
  return messages;
}
