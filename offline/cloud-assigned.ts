/**
 * Values the cloud assigns (IDs, addresses, statuses) that the mock runtime cannot know. Each is a
 * readable placeholder naming the resource and attribute, never a plausible fake value, so the
 * offline synth cannot be mistaken for real infrastructure. Systems add entries for the outputs
 * their components read.
 */
import { createHash } from "node:crypto";

export type CloudAssigned = (name: string, inputs: Record<string, unknown>) => Record<string, unknown>;

/** `<assigned:NAME.ATTR>`: the placeholder format used throughout synth output. */
export function assigned(name: string, attribute: string): string {
  return `<assigned:${name}.${attribute}>`;
}

/** Every secret value the mocks handed out, so the secrets test can look for each one. */
export const knownSecretValues = new Set<string>();

/**
 * A secret cloud-assigned value (a generated password, a key). By default the readable
 * `<assigned-secret:NAME.ATTR>`; with `length`, a deterministic alphanumeric string of exactly that
 * length, for consumers that check the format (a VRRP PASS secret is 1 to 8 alphanumerics). Either
 * way it is recorded in `knownSecretValues`, and the secrets test fails if it appears unredacted.
 */
export function assignedSecret(name: string, attribute: string, length?: number): string {
  const value =
    length === undefined
      ? `<assigned-secret:${name}.${attribute}>`
      : createHash("sha256").update(`${name}.${attribute}`).digest("hex").slice(0, length);
  knownSecretValues.add(value);
  return value;
}

/** Every placeholder that stands for a secret: secure config values and secret cloud-assigned values. */
export const SECRET_PLACEHOLDER = /<(secret|assigned-secret):[^>]*>/;

/** Does `text` contain a secret placeholder or any secret value the mocks handed out? */
export function containsKnownSecret(text: string): boolean {
  return (
    SECRET_PLACEHOLDER.test(text) || [...knownSecretValues].some((v) => v.length >= 6 && text.includes(v))
  );
}

/** Several systems may read attributes of one type (a Service's address, its clusterIP): all apply. */
const registry = new Map<string, CloudAssigned[]>();

export function registerCloudAssigned(type: string, fn: CloudAssigned): void {
  registry.set(type, [...(registry.get(type) ?? []), fn]);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Nested objects merge (one system sets `spec.clusterIP`, another `status`); other values replace. */
function mergeState(into: Record<string, unknown>, from: Record<string, unknown>): Record<string, unknown> {
  const result = { ...into };
  for (const [key, value] of Object.entries(from)) {
    const current = result[key];
    result[key] = isRecord(current) && isRecord(value) ? mergeState(current, value) : value;
  }
  return result;
}

export function cloudAssignedState(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
): Record<string, unknown> {
  return (registry.get(type) ?? []).reduce<Record<string, unknown>>(
    (state, fn) => mergeState(state, fn(name, inputs)),
    {},
  );
}

/** Replaces every secret placeholder and secret value the mocks handed out with `[secret]`. */
export function redactKnownSecrets(text: string): string {
  let result = text.replace(new RegExp(SECRET_PLACEHOLDER.source, "g"), "[secret]");
  for (const value of knownSecretValues) if (value.length >= 6) result = result.split(value).join("[secret]");
  return result;
}

/** Answers for provider function calls (`getX`) that the example stacks make, by token. */
export type CallMock = (inputs: Record<string, unknown>) => Record<string, unknown>;

const callMocks = new Map<string, CallMock>();

export function registerCallMock(token: string, fn: CallMock): void {
  callMocks.set(token, fn);
}

export function callMockFor(token: string): CallMock | undefined {
  return callMocks.get(token);
}
