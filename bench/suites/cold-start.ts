/**
 * Cold start of the program as `pulumi preview` starts it: @pulumi/pulumi/cmd/run with the command
 * line and environment the language host builds from Pulumi.yaml (offline/language-host.ts),
 * against the fake engine, with a fresh loader cache (an empty TMPDIR: tsx and ts-node cache under
 * os.tmpdir()). For comparison, the old set-up: `typescript: true`, Pulumi's vendored ts-node.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { readRuntimeOptions, type RuntimeOptions } from "../../offline/runtime-options.cjs";
import { runUnderLanguageHost } from "../../offline/language-host";
import { round, summarize, type Summary } from "../lib/stats";

/** The goal for one cold preview start of a stack. */
export const COLD_START_GOAL = { seconds: 3, rssMB: 300 } as const;

export interface ColdStartRow {
  readonly stack: string;
  /** "Pulumi.yaml (nodeargs …)" or the comparison set-up. */
  readonly loader: string;
  readonly resources: number;
  readonly wallSeconds: Summary;
  /** CPU seconds of the node process: what an idle runner's wall time would be, give or take I/O. */
  readonly cpuSeconds: Summary;
  readonly peakRssMiB: Summary;
  /** Why the set-up did not start the program (only the comparison may fail; then no figures). */
  readonly error?: string;
}

export interface ColdStartResult {
  readonly rows: ColdStartRow[];
}

async function once(
  stack: string,
  options: RuntimeOptions,
): Promise<{ s: number; cpu: number; mib: number; n: number }> {
  const cache = mkdtempSync(path.join(tmpdir(), "fs-bench-cold-"));
  try {
    const run = await runUnderLanguageHost({ stack, options, env: { TMPDIR: cache }, timeoutMs: 300_000 });
    if (run.status !== 0) {
      const errors = run.logs.filter((l) => !l.startsWith("0:")).join("\n"); // all but debug
      throw new Error(
        `cold start of ${stack} failed (exit ${run.status}):\n${run.stderr.slice(-2000)}${run.stdout.slice(-1000)}${errors.slice(-2000)}`,
      );
    }
    return { s: run.wallMs / 1000, cpu: run.cpuSeconds, mib: run.peakRssMiB, n: run.registrations.length };
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

export async function coldStart(options: {
  stacks: readonly string[];
  repetitions: number;
  /** Also measure `typescript: true` (Pulumi's ts-node with type-checking), once per stack. */
  tsNode: boolean;
}): Promise<ColdStartResult> {
  const project = readRuntimeOptions();
  const setups: Array<{ loader: string; runtime: RuntimeOptions; repetitions: number; comparison: boolean }> =
    [
      {
        loader: `Pulumi.yaml (nodeargs: ${project.nodeargs.join(" ")})`,
        runtime: project,
        repetitions: options.repetitions,
        comparison: false,
      },
    ];
  if (options.tsNode)
    setups.push({
      loader: "before: typescript: true (vendored ts-node 7.0.1)",
      runtime: { ...project, typescript: true, nodeargs: [] },
      repetitions: 1,
      comparison: true,
    });
  const rows: ColdStartRow[] = [];
  for (const setup of setups) {
    for (const stack of options.stacks) {
      const runs = [];
      let error: string | undefined;
      try {
        for (let i = 0; i < setup.repetitions; i += 1) runs.push(await once(stack, setup.runtime));
      } catch (err) {
        // The project's own loader must work; the old set-up failing is a finding, not a bench error.
        if (!setup.comparison) throw err;
        error = (err instanceof Error ? err.message : String(err))
          .split("\n")
          .find((l) => /error TS\d+/.test(l));
        error = error?.trim() ?? "the program did not start";
      }
      rows.push({
        stack,
        loader: setup.loader,
        resources: runs[0]?.n ?? 0,
        wallSeconds: summarize(runs.map((r) => round(r.s, 2))),
        cpuSeconds: summarize(runs.map((r) => round(r.cpu, 2))),
        peakRssMiB: summarize(runs.map((r) => round(r.mib, 1))),
        ...(error ? { error } : {}),
      });
    }
  }
  return { rows };
}
