/**
 * Reads one stack's synth output directory (scripts/synth/run.ts) into plain data. Older synths
 * wrote policy.json as a bare list of violations, embedded user data in resources.json and had no
 * contract.json; those are normalised here so a base ref from before the readable files still
 * compares.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { userDataPath, userDataRef } from "../synth/artifacts";

export interface ResourceRow {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly parent: string | null;
  readonly options: Readonly<Record<string, unknown>> & { readonly replaceOnChanges?: readonly string[] };
  readonly inputs: Readonly<Record<string, unknown>>;
}

export interface ViolationRow {
  readonly urn?: string;
  readonly message: string;
  readonly enforcementLevel: string;
}

export interface RuleRow {
  readonly name: string;
  readonly enforcementLevel: string;
  readonly resourcesRead?: number;
  readonly violations: readonly ViolationRow[];
}

export interface ContractShape {
  readonly contractVersion: number;
  readonly keys: Readonly<Record<string, unknown>>;
}

export interface SynthTree {
  readonly resources: readonly ResourceRow[];
  readonly exports: Readonly<Record<string, unknown>>;
  readonly contract?: ContractShape;
  readonly rules: readonly RuleRow[];
  /** False for an older policy.json, which named only the rules that found something. */
  readonly rulesListed: boolean;
  /** Every generated file but the JSON summaries, by path relative to the output directory. */
  readonly files: ReadonlyMap<string, string>;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, "utf8")) as T;

function filesBelow(root: string, dir = ""): string[] {
  const here = path.join(root, dir);
  if (!existsSync(here)) return [];
  return readdirSync(here, { withFileTypes: true })
    .flatMap((entry) => {
      const rel = path.posix.join(dir, entry.name);
      return entry.isDirectory() ? filesBelow(root, rel) : [rel];
    })
    .sort();
}

function normaliseUserData(row: ResourceRow, files: ReadonlyMap<string, string>): ResourceRow {
  const userData = row.inputs.userData;
  if (typeof userData !== "string") return row;
  const artifact = userDataPath(row.name);
  const content = files.get(`artifacts/${artifact}`);
  if (content === undefined) return row;
  return { ...row, inputs: { ...row.inputs, userData: userDataRef(artifact, content) } };
}

function normaliseRules(raw: unknown): { rules: RuleRow[]; rulesListed: boolean } {
  if (!Array.isArray(raw)) return { rules: (raw as { rules: RuleRow[] }).rules, rulesListed: true };
  const byRule = new Map<string, RuleRow>();
  for (const v of raw as Array<ViolationRow & { policy: string }>) {
    const rule = byRule.get(v.policy) ?? {
      name: v.policy,
      enforcementLevel: v.enforcementLevel,
      violations: [],
    };
    byRule.set(v.policy, { ...rule, violations: [...rule.violations, v] });
  }
  return { rules: [...byRule.values()], rulesListed: false };
}

export function readSynth(outDir: string): SynthTree {
  const files = new Map<string, string>();
  for (const rel of filesBelow(outDir, "artifacts"))
    files.set(rel, readFileSync(path.join(outDir, rel), "utf8"));
  const contractFile = path.join(outDir, "contract.json");
  return {
    resources: readJson<ResourceRow[]>(path.join(outDir, "resources.json")).map((r) =>
      normaliseUserData(r, files),
    ),
    exports: readJson<Record<string, unknown>>(path.join(outDir, "exports.json")),
    contract: existsSync(contractFile) ? readJson<ContractShape>(contractFile) : undefined,
    ...normaliseRules(readJson<unknown>(path.join(outDir, "policy.json"))),
    files,
  };
}
