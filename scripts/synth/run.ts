/**
 * Offline synth: evaluates the real stack program with `stacks/Pulumi.<stack>.yaml` under Pulumi's
 * mock runtime and writes what it would register. This is NOT a preview: no state, no diff, no
 * provider calls; values the cloud assigns appear as `<assigned:NAME.ATTR>` placeholders.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { blocking, evaluatePolicies, type RuleResult, type Violation } from "../../policy/engine";
import { PACK_NAME, PACK_VERSION } from "../../policy/identity";
import { allRules } from "../../policy/rules";
import { evaluateStack, type Evaluation } from "../../offline/evaluate";
import { redactKnownSecrets } from "../../offline/cloud-assigned";
import { asFirstPreview, policyConfigFor } from "../../offline/policy";
import { configFromYaml } from "../../offline/stack-file";
import { contractShape } from "./contract-shape";
import { deriveArtifacts, USER_DATA_ARTIFACT, userDataRef, type Artifact } from "./artifacts";
import { REDACTED, redact, stableJson } from "./stable";

export interface SynthResult {
  readonly outDir: string;
  readonly evaluation: Evaluation;
  readonly artifacts: readonly Artifact[];
  readonly violations: readonly Violation[];
  readonly rules: readonly RuleResult[];
}

/**
 * User data stays out of resources.json: it is the artifact file, referenced with its digest, so a
 * change reads as a changed digest here and as a unified diff of the artifact.
 */
function withArtifactRefs(inputs: Record<string, unknown>, urn: string, artifacts: readonly Artifact[]) {
  if (typeof inputs.userData !== "string" || inputs.userData === REDACTED) return inputs;
  const file = artifacts.find((a) => a.urn === urn && a.path.endsWith(`/${USER_DATA_ARTIFACT}`));
  if (!file) return inputs;
  return { ...inputs, userData: userDataRef(file.path, file.content) };
}

function resourceRows(evaluation: Evaluation, artifacts: readonly Artifact[]): unknown[] {
  return [...evaluation.recorder.resources]
    .sort((a, b) => a.urn.localeCompare(b.urn))
    .map((r) => ({
      type: r.type,
      name: r.name,
      urn: r.urn,
      parent: r.parent ?? null,
      dependsOn: [...r.dependsOn].sort(),
      provider: r.provider ?? null,
      options: {
        protect: r.protect,
        retainOnDelete: r.retainOnDelete,
        deleteBeforeReplace: r.deleteBeforeReplace,
        replaceOnChanges: r.replaceOnChanges,
        ignoreChanges: r.ignoreChanges,
        aliases: r.aliases,
      },
      read: r.read,
      inputs: withArtifactRefs(redact(r.inputs, r.secretPaths), r.urn, artifacts),
    }));
}

function exportsOf(evaluation: Evaluation): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, output] of Object.entries(evaluation.outputs)) {
    result[key] = output.isSecret ? REDACTED : (output.value ?? null);
  }
  return result;
}

function policyReport(stack: string, rules: readonly RuleResult[]): unknown {
  return {
    pack: `${PACK_NAME}@v${PACK_VERSION}`,
    config: `policy/config/${stack}.json`,
    rules: rules.map((r) => ({ ...r, violations: r.violations.map(({ policy: _, ...v }) => v) })),
  };
}

function write(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

/** Renders a stack; `stackFile` reads the config from another file (the benchmark's synthetic stacks). */
export async function synth(stack: string, outDir: string, stackFile?: string): Promise<SynthResult> {
  const evaluation = await evaluateStack(
    stack,
    {},
    {},
    stackFile ? configFromYaml(readFileSync(stackFile, "utf8"), stackFile) : undefined,
  );
  // Offline every secret is a placeholder; redacting them keeps generated files shareable anyway.
  const artifacts = deriveArtifacts(evaluation.recorder.resources, redactKnownSecrets);
  // As the analyzer sees a first preview: cloud-assigned values unknown, the stack's policy config.
  const rules = await evaluatePolicies(
    allRules,
    asFirstPreview(evaluation.recorder.resources),
    policyConfigFor(stack),
  );
  const violations = rules.flatMap((r) => r.violations);

  rmSync(outDir, { recursive: true, force: true });
  write(path.join(outDir, "resources.json"), stableJson(resourceRows(evaluation, artifacts)));
  write(path.join(outDir, "exports.json"), stableJson(exportsOf(evaluation)));
  write(path.join(outDir, "contract.json"), stableJson(contractShape()));
  write(path.join(outDir, "policy.json"), stableJson(policyReport(stack, rules)));
  for (const artifact of artifacts) write(path.join(outDir, "artifacts", artifact.path), artifact.content);
  write(
    path.join(outDir, "README.txt"),
    [
      `Offline synth of stack "${stack}" (npm run synth -- ${stack}).`,
      "This is NOT a pulumi preview: no state was read, no diff was computed, no provider was called.",
      "Values the cloud assigns are shown as <assigned:NAME.ATTR>; secrets as [secret] or placeholders.",
      "policy.json lists every rule of the pack as it runs in a first preview (those values unknown),",
      `with policy/config/${stack}.json as the pack's config: level, resources read, violations.`,
      "resources.json references user data as artifacts/instances/<name>/user-data with its sha256;",
      "contract.json is the outputs contract (stacks/contract.ts): its version and each key's JSON Schema.",
      "`npm run review -- <base-ref> [<head-ref>]` compares two commits' synths (docs/delivery.md).",
      "",
    ].join("\n"),
  );
  return { outDir, evaluation, artifacts, violations, rules };
}

export function summary(result: SynthResult): string {
  const byType = new Map<string, number>();
  for (const r of result.evaluation.recorder.resources) byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
  const width = Math.max(4, ...[...byType.keys()].map((t) => t.length));
  const lines = [
    "Offline synth (mock runtime): NOT a preview. No provider calls, no diff.",
    "",
    `${"type".padEnd(width)}  count`,
    ...[...byType.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([t, n]) => `${t.padEnd(width)}  ${n}`),
    "",
    `resources: ${result.evaluation.recorder.resources.length}   artifacts: ${result.artifacts.length}   ` +
      `outputs: ${Object.keys(result.evaluation.outputs).length}   policy violations: ${result.violations.length} ` +
      `(${blocking(result.violations).length} mandatory)`,
    ...result.violations.map(
      (v) => `  [${v.enforcementLevel}] ${v.policy}: ${v.message} (${v.urn ?? "stack"})`,
    ),
    `written to ${result.outDir}`,
  ];
  return lines.join("\n");
}
