/** The outputs contract's shape: each key's JSON Schema (zod's own conversion) and the version. */
import { z } from "zod";
import { CONTRACT_VERSION, outputSchemas } from "../../stacks/contract";

export interface ContractShape {
  readonly contractVersion: number;
  readonly keys: Record<string, unknown>;
}

/** Written to out/<stack>/contract.json for the review, and recorded per release (releases/). */
export function contractShape(): ContractShape {
  const keys: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(outputSchemas))
    keys[key] = z.toJSONSchema(schema as z.ZodType, { io: "output", unrepresentable: "any" });
  return { contractVersion: CONTRACT_VERSION, keys };
}
