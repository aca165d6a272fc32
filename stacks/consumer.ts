/**
 * For other teams: read a failover-stacks stack's outputs through StackReference, typed and checked.
 *
 *   import { FailoverStackOutputs } from "failover-stacks/stacks/consumer";
 *   const egress = new FailoverStackOutputs("acme/failover-stacks/prod");
 *   export const allowlist = egress.require("egressIps");
 *
 * It reads with `requireOutput` (never `getOutputDetails`, which unwraps secrets), so a secret output
 * stays secret, and it fails with a clear message when the stack's contract version or an output's
 * shape is not what this code was written for.
 */
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import {
  CONTRACT_VERSION,
  isOutputKey,
  outputSchemas,
  type ContractOutputs,
  type OutputKey,
} from "./contract";

export class OutputContractError extends Error {
  constructor(stack: string, key: string, detail: string) {
    super(`stack output ${key} of ${stack}: ${detail}`);
    this.name = "OutputContractError";
  }
}

/** Validates one output value; pure, so it is tested without a StackReference. */
export function checkOutput(stack: string, key: string, value: unknown): unknown {
  if (!isOutputKey(key)) {
    throw new OutputContractError(stack, key, "is not part of the outputs contract (docs/outputs.md)");
  }
  const schema: z.ZodType = outputSchemas[key];
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((i) => `${i.path.join(".") || "(value)"}: ${i.message}`)
      .join("; ");
    throw new OutputContractError(
      stack,
      key,
      `has an unexpected shape (${issues}); was it produced by a newer contract?`,
    );
  }
  return parsed.data;
}

export function checkContractVersion(stack: string, version: unknown, expected = CONTRACT_VERSION): number {
  if (version !== expected) {
    throw new OutputContractError(
      stack,
      "contractVersion",
      `is ${JSON.stringify(version)}, this consumer expects ${expected}; read docs/outputs.md for what changed`,
    );
  }
  return expected;
}

export class FailoverStackOutputs {
  readonly reference: pulumi.StackReference;
  readonly contractVersion: pulumi.Output<number>;

  constructor(
    private readonly stackName: string,
    opts?: pulumi.CustomResourceOptions,
  ) {
    this.reference = new pulumi.StackReference(stackName, { name: stackName }, opts);
    this.contractVersion = this.reference
      .requireOutput("contractVersion")
      .apply((v: unknown) => checkContractVersion(stackName, v));
  }

  /** A required output, typed by the contract and validated against its schema; secrets stay secret. */
  require<K extends OutputKey>(key: K): pulumi.Output<NonNullable<ContractOutputs[K]>> {
    return pulumi
      .all([this.contractVersion, this.reference.requireOutput(key)])
      .apply(
        ([, value]: [number, unknown]) =>
          checkOutput(this.stackName, key, value) as NonNullable<ContractOutputs[K]>,
      );
  }
}
