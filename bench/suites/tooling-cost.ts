/** Tooling cost: `npm ci`, typecheck and `npm test` wall times, in a fresh clone of HEAD. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../offline/stack-file";
import { round } from "../lib/stats";

export interface ToolingCostResult {
  readonly npmCiSeconds: number;
  readonly typecheckSeconds: number;
  readonly npmTestSeconds: number | null;
  /** Whether `npm test` passed in the clone (its time counts either way). */
  readonly npmTestPassed?: boolean | null;
}

function timed(command: string, args: string[], cwd: string, tolerate = false): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CI: "" },
    maxBuffer: 64 * 2 ** 20,
  });
  if (result.status !== 0 && tolerate) return -round(Number(process.hrtime.bigint() - start) / 1e9, 1);
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return round(Number(process.hrtime.bigint() - start) / 1e9, 1);
}

export function toolingCost(options: { includeTests: boolean }): ToolingCostResult {
  const dir = mkdtempSync(path.join(tmpdir(), "fs-bench-clone-"));
  try {
    timed("git", ["clone", "-q", REPO_ROOT, dir], REPO_ROOT);
    const npmCiSeconds = timed("npm", ["ci", "--no-audit", "--no-fund"], dir);
    const typecheckSeconds = timed("npm", ["run", "typecheck"], dir);
    // A failing test run (e.g. a flaky test on a busy machine) still has a duration: a negative
    // value from timed() means it failed.
    const test = options.includeTests ? timed("npm", ["test"], dir, true) : null;
    return {
      npmCiSeconds,
      typecheckSeconds,
      npmTestSeconds: test === null ? null : Math.abs(test),
      npmTestPassed: test === null ? null : test >= 0,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
