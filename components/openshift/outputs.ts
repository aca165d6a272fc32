/**
 * Run-time shape of the `ipfailover` stack output (one entry per instance), for the outputs
 * contract: consumers validate what they read against it.
 */
import { z } from "zod";

export const ipfailoverOutputSchema = z.array(
  z
    .object({
      name: z.string(),
      namespace: z.string(),
      /** Expanded, in configured order. */
      vips: z.array(z.string()),
      /** VRRP router ids the instance uses, inclusive. */
      routerIds: z.object({ first: z.number().int().min(1), last: z.number().int().max(255) }).strict(),
      interface: z.string(),
      nodeSelector: z.record(z.string(), z.string()),
      /** True when VRRP goes unicast to listed peers. */
      unicast: z.boolean(),
    })
    .strict(),
);

/** The `openshift` system's stack outputs, one schema per key (part of stacks/contract.ts). */
export const openshiftOutputSchemas = {
  ipfailover: ipfailoverOutputSchema,
};
