/**
 * Program cost: wall time and peak memory of the offline synth for the prod stack, and for synthetic
 * stacks 10x and 100x larger. Each run is a fresh child process.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { stackFilePath } from "../../offline/stack-file";
import { scaleConfig, scaledSections } from "../scale";
import { round, summarize, type Summary } from "../lib/stats";
import "../scalers";

export interface ProgramCostRow {
  readonly stack: string;
  readonly factor: number;
  readonly resources: number;
  readonly wallSeconds: Summary;
  readonly peakRssMiB: Summary;
}

export interface ProgramCostResult {
  readonly scaledSections: string[];
  readonly rows: ProgramCostRow[];
  /** Time and memory per factor relative to factor 1. */
  readonly growth: Array<{ factor: number; time: number; memory: number; resources: number }>;
}

interface ChildResult {
  wallMs: number;
  peakRssMiB: number;
  resources: number;
}

function measureOnce(stack: string, stackFile: string): ChildResult {
  const child = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(__dirname, "..", "lib", "measure-synth.ts"), stack, stackFile],
    { encoding: "utf8", maxBuffer: 16 * 2 ** 20 },
  );
  if (child.status !== 0) throw new Error(`synth of ${stack} failed:\n${child.stderr}`);
  const last = child.stdout.trim().split("\n").pop() ?? "";
  return JSON.parse(last) as ChildResult;
}

export function programCost(options: { factors: number[]; repetitions: number }): ProgramCostResult {
  const base = parse(readFileSync(stackFilePath("prod"), "utf8")) as { config: Record<string, unknown> };
  const dir = mkdtempSync(path.join(tmpdir(), "fs-bench-stacks-"));
  const rows: ProgramCostRow[] = [];
  try {
    for (const factor of options.factors) {
      const file = path.join(dir, `Pulumi.x${factor}.yaml`);
      writeFileSync(file, stringify({ config: scaleConfig(base.config, factor) }));
      const runs = Array.from({ length: options.repetitions }, () => measureOnce(`prod-x${factor}`, file));
      rows.push({
        stack: factor === 1 ? "prod" : `prod x${factor}`,
        factor,
        resources: runs[0].resources,
        wallSeconds: summarize(runs.map((r) => round(r.wallMs / 1000))),
        peakRssMiB: summarize(runs.map((r) => round(r.peakRssMiB, 1))),
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const first = rows[0];
  return {
    scaledSections: scaledSections(),
    rows,
    growth: rows.map((r) => ({
      factor: r.factor,
      time: round(r.wallSeconds.median / first.wallSeconds.median, 2),
      memory: round(r.peakRssMiB.median / first.peakRssMiB.median, 2),
      resources: round(r.resources / Math.max(1, first.resources), 2),
    })),
  };
}
