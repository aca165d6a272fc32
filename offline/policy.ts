/**
 * Policy inputs for tests and the synth: hand-built resources, and recorded resources the way a
 * first `pulumi preview` hands them to the analyzer.
 */
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import * as policyProxy from "@pulumi/policy/proxy";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import type { PolicyConfig, PolicyInputResource } from "../policy/engine";
import { UNKNOWN } from "../policy/unknowns";
import { knownSecretValues } from "./cloud-assigned";
import type { RecordedResource } from "./recorder";
import { REPO_ROOT } from "./stack-file";

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
export const SDK_UNKNOWN = { string: sdkProxy.unknownStringValue, boolean: sdkProxy.unknownBooleanValue };

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

/** A recorded resource as a first preview sees it; `secretPaths` say which inputs are secret. */
export interface PreviewResource extends PolicyInputResource {
  readonly secretPaths: readonly string[];
}

interface Assigned {
  readonly ids: ReadonlySet<string>;
  /** Every generated secret value, as one pattern: the synth's large stacks hold many. */
  readonly secrets?: RegExp;
}

function isCloudAssigned(text: string, assigned: Assigned): boolean {
  // Placeholders (offline/cloud-assigned.ts), generated secrets, and the IDs the mock runtime
  // hands out (`<name>-id`, offline/mocks.ts): in a first preview none of them exists yet.
  // A string built from one (an interpolation, an apply) is unknown as a whole.
  return (
    text.includes("<assigned:") ||
    text.includes("<assigned-secret:") ||
    assigned.ids.has(text) ||
    (assigned.secrets?.test(text) ?? false)
  );
}

function withUnknowns(value: unknown, assigned: Assigned): unknown {
  if (typeof value === "string") return isCloudAssigned(value, assigned) ? UNKNOWN : value;
  if (Array.isArray(value)) return value.map((v) => withUnknowns(v, assigned));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withUnknowns(v, assigned)]));
  }
  return value;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The recorded resources with every cloud-assigned value replaced by the engine's unknown value,
 * as the analyzer receives them in a first preview (no resource exists yet; read resources and
 * config are known).
 */
export function asFirstPreview(resources: readonly RecordedResource[]): PreviewResource[] {
  const ids = new Set(
    resources
      .filter((r) => r.custom && !r.read && !r.type.startsWith("pulumi:providers:"))
      .map((r) => `${r.name}-id`),
  );
  const secrets = [...knownSecretValues].filter((v) => v.length >= 6).map(escape);
  const assigned = { ids, secrets: secrets.length > 0 ? new RegExp(secrets.join("|")) : undefined };
  return resources.map((r) => ({
    ...r,
    inputs: withUnknowns(r.inputs, assigned) as Record<string, unknown>,
  }));
}

/**
 * A stack's per-rule policy config, `policy/config/<stack>.json`, in the shape
 * `--policy-pack-config` takes (the workflows pass the same files as policyPackConfigs).
 */
export function policyConfigFor(stack: string): PolicyConfig {
  const file = path.join(REPO_ROOT, "policy", "config", `${stack}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as PolicyConfig) : {};
}
