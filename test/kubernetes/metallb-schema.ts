/**
 * A schema of the MetalLB (metallb.io/v1beta1) fields we render, after the CRDs MetalLB 0.13/0.14
 * ship: kubernetes-models has no MetalLB types. Strict, so a misspelt or misplaced field fails.
 */
import { z } from "zod";
import type { ExtraValidator, Manifest } from "../harness/k8s-schema";
import { parsePoolEntry } from "../../components/kubernetes/pool-ranges";

const metadata = z
  .object({
    name: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/),
    namespace: z.string().min(1),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  })
  .strict();

const labelSelector = z
  .object({
    matchLabels: z.record(z.string(), z.string()).optional(),
    matchExpressions: z
      .array(
        z
          .object({
            key: z.string(),
            operator: z.enum(["In", "NotIn", "Exists", "DoesNotExist"]),
            values: z.array(z.string()).optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

const ipAddressPool = z
  .object({
    apiVersion: z.literal("metallb.io/v1beta1"),
    kind: z.literal("IPAddressPool"),
    metadata,
    spec: z
      .object({
        addresses: z
          .array(z.string().refine((a) => parsePoolEntry(a).ok, "not a CIDR or first-last range"))
          .min(1),
        autoAssign: z.boolean().optional(),
        avoidBuggyIPs: z.boolean().optional(),
      })
      .strict(),
  })
  .strict();

const l2Advertisement = z
  .object({
    apiVersion: z.literal("metallb.io/v1beta1"),
    kind: z.literal("L2Advertisement"),
    metadata,
    spec: z
      .object({
        ipAddressPools: z.array(z.string().min(1)).optional(),
        ipAddressPoolSelectors: z.array(labelSelector).optional(),
        nodeSelectors: z.array(labelSelector).optional(),
        interfaces: z.array(z.string().min(1)).optional(),
      })
      .strict(),
  })
  .strict();

function validator(schema: z.ZodType): ExtraValidator {
  return (manifest: Manifest) => {
    const result = schema.safeParse(manifest);
    if (!result.success) {
      throw new Error(
        `${manifest.apiVersion}/${manifest.kind} is invalid: ${result.error.issues
          .map((i) => `${i.path.join(".")}: ${i.message}`)
          .join("; ")}`,
      );
    }
  };
}

/** Pass to validateManifest as extraModels. */
export const metallbModels: Record<string, ExtraValidator> = {
  "metallb.io/v1beta1/IPAddressPool": validator(ipAddressPool),
  "metallb.io/v1beta1/L2Advertisement": validator(l2Advertisement),
};
