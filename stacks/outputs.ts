/**
 * The stack outputs contract that other teams read through StackReference. One typed definition;
 * bump CONTRACT_VERSION whenever a key is removed, renamed or changes meaning (see docs/outputs.md).
 */
export const CONTRACT_VERSION = 1;

/** Keys every stack exports, whatever systems it enables. */
export interface BaseOutputs {
  /** Version of this contract; consumers check it before reading anything else. */
  readonly contractVersion: number;
  /** The stack's environment name. */
  readonly environment: string;
  /** Config sections that were enabled in this stack, in registration order. */
  readonly systems: readonly string[];
}

/** Per-system outputs are merged into the top level; their key sets must not collide. */
export type StackOutputs = BaseOutputs & Record<string, unknown>;

export function composeOutputs(
  environment: string,
  enabled: ReadonlyArray<{ section: string; outputs: object }>,
): StackOutputs {
  const merged: Record<string, unknown> = {
    contractVersion: CONTRACT_VERSION,
    environment,
    systems: enabled.map((e) => e.section),
  };
  for (const { section, outputs } of enabled) {
    for (const [key, value] of Object.entries(outputs)) {
      if (key in merged)
        throw new Error(`output key ${key} from ${section} collides with another system's output`);
      merged[key] = value;
    }
  }
  return merged as StackOutputs;
}
