/**
 * The difference between two synths of one stack, as data: resources added, removed and changed
 * (with the changed property paths and which of them replace the resource), the generated files
 * that differ, the outputs contract and the policy results. Pure: the unified diff of a file is
 * asked of the caller (the git layer runs `git diff --no-index`).
 */
import { aliasUrns } from "../../offline/baseline";
import { diffContract, type ContractDiff } from "./contract-diff";
import { changedPaths, type PathChange } from "./paths";
import { replaceRuleFor, touches } from "./replace-on-change";
import type { ResourceRow, RuleRow, SynthTree, ViolationRow } from "./tree";

export interface Replacement {
  readonly path: string;
  readonly source: string;
}

export interface ResourceChange {
  readonly resource: ResourceRow;
  /** The base URN this resource was matched to by one of its aliases (a rename, not delete + create). */
  readonly aliasedFrom?: string;
  readonly changes: readonly PathChange[];
  /** The changed paths that replace the resource; empty for an in-place update. */
  readonly replacedBy: readonly Replacement[];
  /** The type has no row in the replacement table and an input changed: replacement unknown. */
  readonly noRule?: boolean;
}

export interface FileChange {
  readonly path: string;
  readonly status: "added" | "removed" | "changed";
  readonly diff: string;
}

export interface RuleDiff {
  readonly name: string;
  readonly enforcementLevel: string;
  readonly resourcesRead?: number;
  readonly violations: readonly ViolationRow[];
  readonly newViolations: readonly ViolationRow[];
  readonly resolvedViolations: readonly ViolationRow[];
}

export interface StackDiff {
  readonly stack: string;
  readonly presence: "both" | "added" | "removed";
  readonly added: readonly ResourceRow[];
  readonly removed: readonly ResourceRow[];
  readonly changed: readonly ResourceChange[];
  readonly files: readonly FileChange[];
  readonly contract: ContractDiff;
  readonly policy: { readonly rulesListed: boolean; readonly rules: readonly RuleDiff[] };
}

export type UnifiedDiff = (path: string, before: string | undefined, after: string | undefined) => string;

/** Input paths are bare; the resource's options and parent are prefixed (see diffResources). */
const isInputChange = (change: PathChange): boolean =>
  change.path !== "parent" && change.path !== "options" && !change.path.startsWith("options.");

function replacementsOf(head: ResourceRow, changes: readonly PathChange[]): Replacement[] {
  const rule = replaceRuleFor(head.type);
  const rules: Replacement[] = [
    ...(rule?.paths ?? []).map((path) => ({ path, source: rule?.source ?? "" })),
    ...[...(head.options.replaceOnChanges ?? [])].map((path) => ({
      path,
      source: "the resource's replaceOnChanges option (set by its component)",
    })),
  ];
  const replaced: Replacement[] = [];
  for (const change of changes) {
    if (!isInputChange(change)) continue;
    const hit =
      rules.find((r) => touches(change.path, r.path)) ??
      (rule?.conditional ?? []).find(
        (c) => touches(change.path, c.path) && c.replaces(change.before, change.after),
      );
    if (hit) replaced.push({ path: change.path, source: hit.source });
  }
  return replaced;
}

/** The base resource a head resource continues: same URN, else the first base URN an alias names. */
function baseOf(
  resource: ResourceRow,
  head: readonly ResourceRow[],
  before: ReadonlyMap<string, ResourceRow>,
) {
  const same = before.get(resource.urn);
  if (same) return { old: same };
  const aliases = Array.isArray(resource.options.aliases) ? (resource.options.aliases as unknown[]) : [];
  const urn = aliasUrns({ ...resource, aliases }, head).find((u) => before.has(u));
  return urn ? { old: before.get(urn), aliasedFrom: urn } : {};
}

function diffResources(base: readonly ResourceRow[], head: readonly ResourceRow[]) {
  const before = new Map(base.map((r) => [r.urn, r]));
  const matched = new Set<string>();
  const added: ResourceRow[] = [];
  const changed: ResourceChange[] = [];
  for (const resource of head) {
    const { old, aliasedFrom } = baseOf(resource, head, before);
    if (!old) {
      added.push(resource);
      continue;
    }
    matched.add(old.urn);
    const changes = [
      ...changedPaths(old.inputs, resource.inputs),
      ...changedPaths(old.options, resource.options, "options"),
      ...changedPaths(old.parent, resource.parent, "parent"),
    ];
    if (changes.length > 0 || aliasedFrom)
      changed.push({
        resource,
        aliasedFrom,
        changes,
        replacedBy: replacementsOf(resource, changes),
        noRule: replaceRuleFor(resource.type) === undefined && changes.some(isInputChange),
      });
  }
  return { added, removed: base.filter((r) => !matched.has(r.urn)), changed };
}

function diffFiles(
  base: SynthTree | undefined,
  head: SynthTree | undefined,
  unified: UnifiedDiff,
): FileChange[] {
  const a = base?.files ?? new Map<string, string>();
  const b = head?.files ?? new Map<string, string>();
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths
    .filter((p) => a.get(p) !== b.get(p))
    .map((p) => ({
      path: p,
      status: !a.has(p) ? "added" : !b.has(p) ? "removed" : "changed",
      diff: unified(p, a.get(p), b.get(p)),
    }));
}

const violationKey = (v: ViolationRow): string => `${v.enforcementLevel}|${v.urn ?? ""}|${v.message}`;

function diffPolicy(base: readonly RuleRow[], head: readonly RuleRow[]): RuleDiff[] {
  const before = new Map(base.map((r) => [r.name, r]));
  const names = [
    ...head.map((r) => r.name),
    ...base.map((r) => r.name).filter((n) => !head.some((r) => r.name === n)),
  ];
  return names.map((name) => {
    const now = head.find((r) => r.name === name);
    const then = new Set((before.get(name)?.violations ?? []).map(violationKey));
    const current = now?.violations ?? [];
    const currentKeys = new Set(current.map(violationKey));
    return {
      name,
      enforcementLevel: now?.enforcementLevel ?? "removed",
      resourcesRead: now?.resourcesRead,
      violations: current,
      newViolations: current.filter((v) => !then.has(violationKey(v))),
      resolvedViolations: (before.get(name)?.violations ?? []).filter(
        (v) => !currentKeys.has(violationKey(v)),
      ),
    };
  });
}

export function diffStack(
  stack: string,
  base: SynthTree | undefined,
  head: SynthTree | undefined,
  unified: UnifiedDiff,
): StackDiff {
  return {
    stack,
    presence: base && head ? "both" : head ? "added" : "removed",
    ...diffResources(base?.resources ?? [], head?.resources ?? []),
    files: diffFiles(base, head, unified),
    contract: diffContract(base, head),
    policy: {
      rulesListed: head?.rulesListed ?? false,
      rules: diffPolicy(base?.rules ?? [], head?.rules ?? []),
    },
  };
}
