/**
 * Refactor-safety baselines: per example stack, the URNs the offline synth registers and the output
 * keys with the contract version. `npm run baseline` rewrites them on purpose (docs/outputs.md).
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { Evaluation } from "./evaluate";
import type { RecordedResource } from "./recorder";
import { REPO_ROOT } from "./stack-file";

export interface Baseline {
  readonly contractVersion: number;
  readonly outputKeys: readonly string[];
  readonly urns: readonly string[];
}

export const baselinePath = (stack: string): string =>
  path.join(REPO_ROOT, "test", "baselines", `${stack}.json`);

export function baselineOf(evaluation: Evaluation): Baseline {
  return {
    contractVersion: evaluation.outputs.contractVersion.value as number,
    outputKeys: Object.keys(evaluation.outputs).sort(),
    urns: evaluation.recorder.resources.map((r) => r.urn).sort(),
  };
}

export function readBaseline(stack: string): Baseline | undefined {
  try {
    return JSON.parse(readFileSync(baselinePath(stack), "utf8")) as Baseline;
  } catch {
    return undefined;
  }
}

interface AliasObject {
  urn?: string;
  spec?: {
    name?: string;
    type?: string;
    stack?: string;
    project?: string;
    parenturn?: string;
    noparent?: boolean;
  };
}

/** What aliasUrns reads of a resource: a recorded one, or a row of a synth's resources.json. */
export type AliasedResource = Pick<RecordedResource, "urn" | "type" | "name" | "aliases"> & {
  readonly parent?: string | null;
};

/** The URNs a resource's aliases point back to, computed the way the engine does. */
export function aliasUrns(resource: AliasedResource, all: readonly { readonly urn: string }[]): string[] {
  // urn:pulumi:<stack>::<project>::<qualified type>::<name>
  const [stackPart, project] = resource.urn.split("::");
  const stack = stackPart.replace("urn:pulumi:", "");
  return (resource.aliases as AliasObject[]).flatMap((alias) => {
    if (alias.urn) return [alias.urn];
    if (!alias.spec) return [];
    const spec = alias.spec;
    const type = spec.type || resource.type;
    const name = spec.name || resource.name;
    const parentUrn = spec.noparent ? undefined : spec.parenturn || resource.parent || undefined;
    const parent = parentUrn ? all.find((r) => r.urn === parentUrn) : undefined;
    const parentType = parent ? parent.urn.split("::")[2] : parentUrn?.split("::")[2];
    const qualified = parentType ? `${parentType}$${type}` : type;
    return [`urn:pulumi:${spec.stack || stack}::${spec.project || project}::${qualified}::${name}`];
  });
}

/** Baseline URNs that no current resource has, nor aliases: they would be deleted or replaced. */
export function lostUrns(baseline: Baseline, resources: readonly RecordedResource[]): string[] {
  const covered = new Set(resources.map((r) => r.urn));
  for (const r of resources) for (const urn of aliasUrns(r, resources)) covered.add(urn);
  return baseline.urns.filter((urn) => !covered.has(urn));
}
