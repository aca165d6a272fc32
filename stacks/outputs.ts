/**
 * Composes the stack outputs from the enabled systems. The contract itself (version, keys, shapes)
 * is stacks/contract.ts; a system that exports a key the contract does not know is a bug, caught
 * here before anything is exported.
 */
import { CONTRACT_VERSION, isOutputKey } from "./contract";

export { CONTRACT_VERSION };

/** What the program exports: contract keys whose values may still be Outputs. */
export type StackOutputs = Record<string, unknown> & {
  contractVersion: number;
  environment: string;
  systems: string[];
};

/** `extraKeys` lets test-only systems export keys of their own; real stacks pass none. */
export function composeOutputs(
  environment: string,
  enabled: ReadonlyArray<{ section: string; outputs: object }>,
  extraKeys: readonly string[] = [],
): StackOutputs {
  const merged: StackOutputs = {
    contractVersion: CONTRACT_VERSION,
    environment,
    systems: enabled.map((e) => e.section),
  };
  for (const { section, outputs } of enabled) {
    for (const [key, value] of Object.entries(outputs)) {
      if (!isOutputKey(key) && !extraKeys.includes(key)) {
        throw new Error(
          `${section} exports ${key}, which is not in the outputs contract (stacks/contract.ts)`,
        );
      }
      if (key in merged)
        throw new Error(`output key ${key} from ${section} collides with another system's output`);
      (merged as Record<string, unknown>)[key] = value;
    }
  }
  return merged;
}
