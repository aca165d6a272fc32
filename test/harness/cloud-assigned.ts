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
