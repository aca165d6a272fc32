/**
 * Run-time shapes of the stack outputs, one zod schema per output key. Consumers validate what they
 * read against these (see consumer.ts); tests validate every example stack's outputs against them.
 * Systems add their keys here when they add outputs.
 */
import { z } from "zod";
import { CONTRACT_VERSION } from "./outputs";

export const baseOutputSchemas = {
  contractVersion: z.number().int().positive(),
  environment: z.string().min(1),
  systems: z.array(z.string()),
};

/** Every output key any system may export, with its shape. */
export const outputSchemas: Record<string, z.ZodType> = {
  ...baseOutputSchemas,
};

export { CONTRACT_VERSION };
