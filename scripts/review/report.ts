/**
 * The review as markdown for one sticky pull-request comment: loud blocks first (banners.ts), a summary row
 * per stack, then a collapsible section per stack with resources, contract, policy and file diffs.
 * The first line is the marker the workflow finds the previous comment by.
 */
import { createHash } from "node:crypto";
import { banners, type SynthFailure } from "./banners";
import type { FileChange, ResourceChange, RuleDiff, StackDiff } from "./diff";
import type { PathChange } from "./paths";
import type { ResourceRow } from "./tree";
import type { LoudWarning } from "./warnings";

export const MARKER = "<!-- failover-review -->";
/** GitHub refuses a comment over 65536 characters. */
export const MAX_CHARS = 60_000;
const MAX_DIFF_LINES = 150;

export interface ReviewInput {
  readonly base: string;
  readonly head: string;
  readonly stacks: readonly StackDiff[];
  readonly warnings: readonly LoudWarning[];
  /** Synth failures: a stack that did not render at a ref. */
  readonly failures: readonly SynthFailure[];
}

const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;
/** For HTML (`<summary>`), where markdown backticks do not render. */
const htmlCode = (text: string): string =>
  `<code>${text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</code>`;

function value(v: unknown): string {
  if (v === undefined) return "(absent)";
  if (v !== null && typeof v === "object" && "sha256" in v && "artifact" in v)
    return `sha256 ${String((v as { sha256: string }).sha256).slice(0, 12)}`;
  const text = JSON.stringify(v);
  return code(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

const DYNAMIC_PROVIDER_INPUT = "__provider";
const digest = (v: unknown): string =>
  typeof v === "string"
    ? `code sha256 ${createHash("sha256").update(v).digest("hex").slice(0, 12)}`
    : value(v);
/** A dynamic resource's serialized provider: its digest, not 80 characters of JavaScript. */
const pathLine = (c: PathChange): string =>
  c.path === DYNAMIC_PROVIDER_INPUT
    ? `${code(c.path)}: ${digest(c.before)} -> ${digest(c.after)}`
    : `${code(c.path)}: ${value(c.before)} -> ${value(c.after)}`;

/** Only the serialized provider code changed: what happens is the new provider's diff to decide. */
const providerCodeOnly = (change: ResourceChange): boolean =>
  change.resource.type.startsWith("pulumi-nodejs:dynamic/") &&
  change.replacedBy.length === 0 &&
  change.changes.every((c) => c.path === DYNAMIC_PROVIDER_INPUT);
const PROVIDER_CODE_CHANGED =
  "provider code changed (dynamic provider; its diff decides — see @pulumi/pulumi/cmd/dynamic-provider)";

function changedResource(change: ResourceChange): string[] {
  const { resource, replacedBy } = change;
  const verb =
    replacedBy.length > 0
      ? "**replace**"
      : providerCodeOnly(change)
        ? PROVIDER_CODE_CHANGED
        : change.noRule
          ? "**update or replace**"
          : "update";
  const renamed = change.aliasedFrom ? `, renamed from ${code(change.aliasedFrom)} by its alias` : "";
  const lines = [`- ${verb} ${code(resource.name)} (${code(resource.type)}${renamed})`];
  for (const c of change.changes) lines.push(`  - ${pathLine(c)}`);
  if (change.noRule && replacedBy.length === 0)
    lines.push(
      `  - no replacement row for ${code(resource.type)}: replacement unknown (add one to scripts/review/replace-on-change.ts)`,
    );
  const sources = [...new Set(replacedBy.map((r) => r.source))];
  for (const source of sources) {
    const paths = replacedBy.filter((r) => r.source === source).map((r) => code(r.path));
    lines.push(`  - replaced because of ${[...new Set(paths)].join(", ")}: ${source}`);
  }
  return lines;
}

const resourceLine = (verb: string, r: ResourceRow): string => `- ${verb} ${code(r.name)} (${code(r.type)})`;

/**
 * The resource list; with a `limit` (a report past the size cap) replacements and deletes come
 * first and the list is cut at `limit` lines with a note.
 */
function resourcesSection(diff: StackDiff, limit?: number): string[] {
  if (diff.added.length + diff.removed.length + diff.changed.length === 0) return ["No resource changes."];
  const deletes = diff.removed.map((r) => resourceLine("**delete**", r));
  const creates = diff.added.map((r) => resourceLine("create", r));
  if (limit === undefined) return [...deletes, ...creates, ...diff.changed.flatMap(changedResource)];
  const lines = [
    ...diff.changed.filter((c) => c.replacedBy.length > 0).flatMap(changedResource),
    ...deletes,
    ...creates,
    ...diff.changed.filter((c) => c.replacedBy.length === 0).flatMap(changedResource),
  ];
  if (lines.length <= limit) return lines;
  return [
    ...lines.slice(0, limit),
    `- ... ${lines.length - limit} more lines left out (the comment's size limit; replacements and deletes come first): run \`npm run review\` locally`,
  ];
}

function contractSection(diff: StackDiff): string[] {
  const { contract } = diff;
  const version =
    contract.versionBefore === contract.versionAfter
      ? `CONTRACT_VERSION ${contract.versionAfter ?? "?"}`
      : `CONTRACT_VERSION ${contract.versionBefore ?? "?"} -> ${contract.versionAfter ?? "?"}`;
  const values = contract.valueChanges.map((c) => `- value: ${pathLine(c)}`);
  if (contract.changes.length === 0)
    return [
      `No output key added, removed or retyped (${version}).`,
      ...(values.length ? ["", ...values] : []),
    ];
  const lines = contract.changes.map(
    (c) => `- ${c.breaking ? "**breaking**" : "compatible"}: ${code(c.key)} ${c.change} (${c.detail})`,
  );
  lines.push(...values);
  if (contract.needsBump)
    lines.push(
      "",
      `**Error: a key was removed or retyped without a version bump (${version}): bump CONTRACT_VERSION (stacks/contract.ts) and note it in docs/outputs.md.**`,
    );
  else lines.push("", version);
  return lines;
}

function ruleRow(rule: RuleDiff): string {
  const since =
    rule.newViolations.length + rule.resolvedViolations.length === 0
      ? "—"
      : `${rule.newViolations.length} new, ${rule.resolvedViolations.length} resolved`;
  const read = rule.resourcesRead === undefined ? "?" : String(rule.resourcesRead);
  return `| ${code(rule.name)} | ${rule.enforcementLevel} | ${read} | ${rule.violations.length} | ${since} |`;
}

function policySection(diff: StackDiff): string[] {
  const { rules, rulesListed } = diff.policy;
  const lines = [
    "| rule | level | resources read | violations | since base |",
    "| --- | --- | --- | --- | --- |",
    ...rules.map(ruleRow),
  ];
  if (!rulesListed)
    lines.unshift("(this synth predates policy.json listing its rules: only rules with findings)", "");
  const fresh = rules.flatMap((r) => r.newViolations.map((v) => ({ rule: r.name, v })));
  if (fresh.length > 0) lines.push("", "New violations:");
  for (const { rule, v } of fresh)
    lines.push(
      `- **${v.enforcementLevel}** ${code(rule)} on ${code(v.urn?.split("::").pop() ?? "stack")}: ${v.message}`,
    );
  return lines;
}

function fileSection(file: FileChange, withDiff: boolean): string[] {
  if (!withDiff) return [`- ${code(file.path)} (${file.status})`];
  const lines = file.diff.replace(/\n$/, "").split("\n");
  const shown = lines.slice(0, MAX_DIFF_LINES);
  if (lines.length > shown.length)
    shown.push(`... ${lines.length - shown.length} more lines (npm run review locally)`);
  return [
    `<details><summary>${htmlCode(file.path)} (${file.status})</summary>`,
    "",
    "```diff",
    ...shown,
    "```",
    "",
    "</details>",
  ];
}

function counts(diff: StackDiff): string {
  const replaced = diff.changed.filter((c) => c.replacedBy.length > 0).length;
  return (
    `${diff.added.length} to create, ${diff.removed.length} to delete, ` +
    `${diff.changed.length} changed (${replaced} replaced), ${diff.files.length} files`
  );
}

function stackSection(diff: StackDiff, withDiffs: boolean, limit?: number): string[] {
  const presence = diff.presence === "both" ? "" : ` (stack ${diff.presence})`;
  return [
    `<details><summary><b>${diff.stack}</b>${presence}: ${counts(diff)}</summary>`,
    "",
    "#### Resources",
    "",
    ...resourcesSection(diff, limit),
    "",
    "#### Outputs contract",
    "",
    ...contractSection(diff),
    "",
    "#### Policy pack",
    "",
    ...policySection(diff),
    "",
    "#### Generated files",
    "",
    ...(diff.files.length === 0
      ? ["No generated file changed."]
      : diff.files.flatMap((f) => fileSection(f, withDiffs))),
    "",
    "</details>",
    "",
  ];
}

function summaryRow(diff: StackDiff): string {
  const replaced = diff.changed.filter((c) => c.replacedBy.length > 0).length;
  const fresh = diff.policy.rules.reduce((n, r) => n + r.newViolations.length, 0);
  const contract = diff.contract.needsBump
    ? "**needs CONTRACT_VERSION bump**"
    : diff.contract.changes.length > 0
      ? `${diff.contract.changes.length} key(s) changed`
      : "unchanged";
  return `| ${diff.stack} | ${diff.added.length} | ${diff.removed.length} | ${diff.changed.length} | ${replaced} | ${diff.files.length} | ${contract} | ${fresh} |`;
}

function render(input: ReviewInput, withDiffs: boolean, limit?: number): string {
  const lines = [
    MARKER,
    `## Offline synth review: ${code(input.base)} -> ${code(input.head)}`,
    "",
    "Both commits rendered by the offline synth (mock runtime, no credentials): this is NOT a `pulumi preview`. " +
      "Replacements come from the project's table (scripts/review/replace-on-change.ts) and the resources' " +
      "replaceOnChanges options, not from the providers' Diff.",
    "",
  ];
  // concat, not push(...): a big review has more lines than a call takes arguments.
  return lines
    .concat(
      banners(input.failures, input.stacks, input.warnings),
      "| stack | create | delete | change | replace | files | outputs contract | new policy violations |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
      input.stacks.map(summaryRow),
      "",
      input.stacks.flatMap((s) => stackSection(s, withDiffs, limit)),
      withDiffs
        ? []
        : [`(file diffs left out: over ${MAX_CHARS} characters; run \`npm run review\` locally)`, ""],
    )
    .join("\n");
}

/** Per-stack resource lines tried, longest first, once the file diffs are out and it is still too long. */
const RESOURCE_LIMITS = [400, 100, 25, 0] as const;
const CUT_NOTE = "\n\n(report cut at the comment's size limit; run `npm run review` locally)\n";

/**
 * The markdown, never over MAX_CHARS: file diffs are left out first, then each stack's resource
 * list is cut; what is still too long (many stacks, long banners) is cut at the limit with a note.
 */
export function renderReport(input: ReviewInput): string {
  const full = render(input, true);
  if (full.length <= MAX_CHARS) return full;
  let report = render(input, false);
  for (const limit of RESOURCE_LIMITS) {
    if (report.length <= MAX_CHARS) return report;
    report = render(input, false, limit);
  }
  return report.length <= MAX_CHARS ? report : report.slice(0, MAX_CHARS - CUT_NOTE.length) + CUT_NOTE;
}
