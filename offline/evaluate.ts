/**
 * Evaluates the real stack program (stacks/program.ts) under the mock runtime with a given config,
 * and returns the recorded resources and the resolved stack outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { loaderMismatch, readRuntimeOptions } from "./runtime-options.cjs";
import { runProgram } from "../stacks/program";
import type { SystemModule } from "../components/shared/system";
import { systems as allSystems } from "../stacks/systems";
import { installMocks, type MockOptions } from "./mocks";
import type { ResourceRecorder } from "./recorder";
import { resolveDetailed, settle } from "./resolve";
import { readStackFile, type StackFile } from "./stack-file";

export interface EvaluatedOutput {
  readonly value: unknown;
  readonly isSecret: boolean;
}

export interface Evaluation {
  readonly recorder: ResourceRecorder;
  readonly outputs: Record<string, EvaluatedOutput>;
}

export interface EvaluateOptions extends MockOptions {
  readonly systems?: readonly SystemModule[];
  /** Output keys outside the contract that a test-only system may export. */
  readonly extraOutputKeys?: readonly string[];
}

/** Evaluations load the program in this process: it must run under Pulumi.yaml's loader too. */
let loaderChecked = false;
function checkLoader(): void {
  if (loaderChecked) return;
  const mismatch = loaderMismatch(readRuntimeOptions());
  if (mismatch) throw new Error(mismatch);
  loaderChecked = true;
}

export async function evaluateProgram(options: EvaluateOptions): Promise<Evaluation> {
  checkLoader();
  const recorder = await installMocks(options);
  const { projectConfig } = await import("../stacks/config");
  const stackOutputs = runProgram(
    projectConfig(pulumi.runtime.allConfig()),
    options.systems ?? allSystems,
    options.extraOutputKeys,
  );
  const outputs: Record<string, EvaluatedOutput> = {};
  for (const [key, value] of Object.entries(stackOutputs)) {
    const resolved = await resolveDetailed<unknown>(value);
    outputs[key] = { value: resolved.value, isSecret: resolved.isSecret };
  }
  await settle();
  return { recorder, outputs };
}

/** Evaluates `stacks/Pulumi.<stack>.yaml`, optionally with config keys overridden. */
export async function evaluateStack(
  stack: string,
  overrides: Record<string, string> = {},
  extra: Omit<EvaluateOptions, "stack" | "config" | "secretKeys"> = {},
  file: StackFile = readStackFile(stack),
): Promise<Evaluation> {
  return evaluateProgram({
    ...extra,
    stack,
    config: { ...file.config, ...overrides },
    secretKeys: file.secretKeys,
  });
}
