/** Tooling cost: `npm ci`, typecheck and `npm test` wall times, in a fresh clone of HEAD. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../test/harness/stack-file";
import { round } from "../lib/stats";

export interface ToolingCostResult {
  readonly npmCiSeconds: number;
  readonly typecheckSeconds: number;
  readonly npmTestSeconds: number | null;
}

function timed(command: string, args: string[], cwd: string): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CI: "" },
    maxBuffer: 64 * 2 ** 20,
  });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return round(Number(process.hrtime.bigint() - start) / 1e9, 1);
}

export function toolingCost(options: { includeTests: boolean }): ToolingCostResult {
  const dir = mkdtempSync(path.join(tmpdir(), "fs-bench-clone-"));
  try {
    timed("git", ["clone", "-q", REPO_ROOT, dir], REPO_ROOT);
    return {
      npmCiSeconds: timed("npm", ["ci", "--no-audit", "--no-fund"], dir),
      typecheckSeconds: timed("npm", ["run", "typecheck"], dir),
      npmTestSeconds: options.includeTests ? timed("npm", ["test"], dir) : null,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
