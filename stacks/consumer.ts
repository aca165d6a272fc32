/**
 * For other teams: read a failover-stacks stack's outputs through StackReference, typed and checked.
 * Shipped as the package @failover-stacks/contract (packages/contract compiles this file):
 *
 *   import { FailoverStackOutputs } from "@failover-stacks/contract";
 *   const egress = new FailoverStackOutputs("acme/failover-stacks/prod");
 *   export const allowlist = egress.require("egressIps");
 *
 * It reads values with `requireOutput` only (never `getOutputDetails`, which unwraps secrets), so a
 * secret output stays secret and a plain one stays plain, and it fails with a clear message when a
 * key is missing, or the stack's contract version or an output's shape is not what this code was
 * written for. Imports only the SDK, zod and ./contract: nothing that pulls in a provider SDK.
 */
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { CONTRACT_VERSION, isOutputKey, outputSchemas, type OutputKey, type OutputValue } from "./contract";

// The package's public surface besides the reader (packages/contract compiles this file).
export {
  CONTRACT_VERSION,
  CONTRACT_VERSION as contractVersion,
  outputSchemas,
  type ContractOutputs,
  type OutputKey,
  type OutputValue,
} from "./contract";

/** Where a consumer reads what changed between contract versions. */
const WHAT_CHANGED =
  "docs/outputs.md of failover-stacks and the CHANGELOG of @failover-stacks/contract (CHANGELOG.md in the package)";

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

/**
 * The referenced stack's `contractVersion` (an integer: the contract's major version) must equal
 * this code's; the package's semver major is the same number, so the fix is the matching package.
 */
export function checkContractVersion(stack: string, version: unknown, expected = CONTRACT_VERSION): number {
  if (version !== expected) {
    const matching =
      typeof version === "number" && Number.isInteger(version) && version > 0
        ? `install @failover-stacks/contract@${version} (its major is the contract version)`
        : "check that it is a failover-stacks stack";
    throw new OutputContractError(
      stack,
      "contractVersion",
      `is ${JSON.stringify(version)}, this consumer expects ${expected} ` +
        `(@failover-stacks/contract ${expected}.x); read ${WHAT_CHANGED} for what changed, then ${matching}`,
    );
  }
  return expected;
}

/** The message for a key the referenced stack does not export. */
export function missingOutputDetail(key: string, present: readonly string[]): string {
  const fix =
    key === "contractVersion"
      ? "every failover-stacks stack exports it: is this the right stack, and has it been deployed?"
      : "the system that exports it is not enabled in that stack, or the stack was not updated since; " +
        "enable that system there and run `pulumi up`, or stop reading this key (docs/outputs.md says " +
        "which system exports each key)";
  return `is missing from the referenced stack (it exports: ${[...present].sort().join(", ") || "nothing"}); ${fix}`;
}

export class FailoverStackOutputs {
  readonly reference: pulumi.StackReference;
  readonly contractVersion: pulumi.Output<number>;
  /**
   * The referenced stack's output names. `outputs` is secret as a whole as soon as one output is;
   * names are not secret, so unsecret() here keeps that from tainting values read through it.
   */
  private readonly outputNames: pulumi.Output<string[]>;

  constructor(
    private readonly stackName: string,
    opts?: pulumi.CustomResourceOptions,
  ) {
    this.reference = new pulumi.StackReference(stackName, { name: stackName }, opts);
    this.outputNames = pulumi.unsecret(this.reference.outputs).apply((outputs) => Object.keys(outputs ?? {}));
    this.contractVersion = this.read("contractVersion").apply((v) => checkContractVersion(stackName, v));
  }

  /**
   * requireOutput only after the name is known to be there: called eagerly, the SDK's own "Required
   * output does not exist" error would race (and hide) ours. Its secretness is the output's own.
   */
  private read(key: string): pulumi.Output<unknown> {
    return this.outputNames.apply((names): pulumi.Output<unknown> => {
      if (!names.includes(key)) {
        throw new OutputContractError(this.stackName, key, missingOutputDetail(key, names));
      }
      return this.reference.requireOutput(key) as pulumi.Output<unknown>;
    });
  }

  /** A required output, typed by the contract and validated against its schema; secrets stay secret. */
  require<K extends OutputKey>(key: K): pulumi.Output<OutputValue<K>> {
    // The version first: a stack on another contract fails with that, not with a key or shape error.
    return this.contractVersion
      .apply(() => this.read(key))
      .apply((value) => checkOutput(this.stackName, key, value) as OutputValue<K>);
  }
}
