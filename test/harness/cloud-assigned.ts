/**
 * Values the cloud assigns (IDs, addresses, statuses) that the mock runtime cannot know. Each is a
 * readable placeholder naming the resource and attribute, never a plausible fake value, so the
 * offline synth cannot be mistaken for real infrastructure. Systems add entries for the outputs
 * their components read.
 */
export type CloudAssigned = (name: string, inputs: Record<string, unknown>) => Record<string, unknown>;

/** `<assigned:NAME.ATTR>`: the placeholder format used throughout synth output. */
export function assigned(name: string, attribute: string): string {
  return `<assigned:${name}.${attribute}>`;
}

/**
 * `<assigned-secret:NAME.ATTR>`: a cloud-assigned value that is secret (passwords, keys). The
 * secrets test fails if one of these ever appears unredacted in resources.json or exports.json.
 */
export function assignedSecret(name: string, attribute: string): string {
  return `<assigned-secret:${name}.${attribute}>`;
}

/** Every placeholder that stands for a secret: secure config values and secret cloud-assigned values. */
export const SECRET_PLACEHOLDER = /<(secret|assigned-secret):[^>]*>/;

const registry = new Map<string, CloudAssigned>();

export function registerCloudAssigned(type: string, fn: CloudAssigned): void {
  registry.set(type, fn);
}

export function cloudAssignedState(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
): Record<string, unknown> {
  return registry.get(type)?.(name, inputs) ?? {};
}
