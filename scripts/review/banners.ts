/**
 * The loud blocks at the top of the review, most severe first: synth failures, new mandatory policy
 * violations (the pack would fail the preview), a removed or retyped output key without a
 * CONTRACT_VERSION bump (StackReference readers break), then the update warnings (warnings.ts).
 */
import type { StackDiff } from "./diff";
import type { LoudWarning } from "./warnings";

export interface SynthFailure {
  readonly stack: string;
  readonly ref: string;
  readonly message: string;
}

const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;
const block = (kind: "CAUTION" | "WARNING", text: string): string[] => [`> [!${kind}]`, `> ${text}`, ""];
const resourceName = (urn: string | undefined): string => urn?.split("::").pop() ?? "stack";

function mandatoryViolations(diff: StackDiff): string[] {
  const fresh = diff.policy.rules.flatMap((rule) =>
    rule.newViolations.filter((v) => v.enforcementLevel === "mandatory").map((v) => ({ rule: rule.name, v })),
  );
  if (fresh.length === 0) return [];
  const list = fresh.map(({ rule, v }) => `${code(rule)} on ${code(resourceName(v.urn))}`).join(", ");
  return block(
    "CAUTION",
    `**${diff.stack}**: ${fresh.length} new **mandatory** policy violation(s): ${list}. ` +
      "`pulumi preview` and `pulumi up` with the policy pack fail on them (details under Policy pack).",
  );
}

function unbumpedContract(diff: StackDiff): string[] {
  if (!diff.contract.needsBump) return [];
  const keys = diff.contract.changes
    .filter((c) => c.breaking)
    .map((c) => `${code(c.key)} ${c.change}`)
    .join(", ");
  return block(
    "CAUTION",
    `**${diff.stack}**: outputs contract broken without a version bump: ${keys}, CONTRACT_VERSION still ` +
      `${diff.contract.versionAfter ?? "?"}. StackReference readers of this stack break: bump CONTRACT_VERSION ` +
      "(stacks/contract.ts) and note it in docs/outputs.md.",
  );
}

export function banners(
  failures: readonly SynthFailure[],
  stacks: readonly StackDiff[],
  warnings: readonly LoudWarning[],
): string[] {
  return [
    ...failures.flatMap((f) => block("CAUTION", `**${f.stack} @ ${f.ref}**: synth failed: ${f.message}`)),
    ...stacks.flatMap(mandatoryViolations),
    ...stacks.flatMap(unbumpedContract),
    ...warnings.flatMap((w) => block("WARNING", `**${w.stack}**: this update ${w.message}`)),
  ];
}
