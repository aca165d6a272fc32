/**
 * The thin git layer of the review: renders a ref by checking it out in a temporary detached
 * worktree (node_modules linked from this checkout) and running that ref's own synth for each of its
 * stacks, each in its own process, so the two refs share no module state. Cleans up in `finally`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

export class ReviewGitError extends Error {}

function git(repo: string, args: readonly string[]): string {
  const result = spawnSync("git", ["-C", repo, ...args], { encoding: "utf8" });
  if (result.status !== 0) throw new ReviewGitError(`git ${args.join(" ")}: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

/** The commit a ref names, or a ReviewGitError naming the ref. */
export function resolveCommit(repo: string, ref: string): string {
  try {
    return git(repo, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  } catch {
    throw new ReviewGitError(
      `${JSON.stringify(ref)} is not a commit in ${repo} (fetch it, or use fetch-depth: 0)`,
    );
  }
}

export interface RenderedRef {
  /** Stacks of stacks/Pulumi.<stack>.yaml at that ref. */
  readonly stacks: readonly string[];
  /** stack -> synth output directory, for the stacks that rendered. */
  readonly outDirs: ReadonlyMap<string, string>;
  readonly failures: readonly { stack: string; message: string }[];
}

const stacksIn = (tree: string): string[] =>
  existsSync(path.join(tree, "stacks"))
    ? readdirSync(path.join(tree, "stacks"))
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort()
    : [];

/** Renders `commit` of `repo`: the wanted stacks that exist there, into `outRoot/<stack>`. */
export function renderCommit(
  repo: string,
  commit: string,
  wanted: readonly string[] | undefined,
  outRoot: string,
): RenderedRef {
  const tree = mkdtempSync(path.join(tmpdir(), "failover-review-"));
  rmSync(tree, { recursive: true, force: true });
  git(repo, ["worktree", "add", "--detach", "--quiet", tree, commit]);
  try {
    const modules = path.join(repo, "node_modules");
    if (existsSync(modules)) symlinkSync(realpathSync(modules), path.join(tree, "node_modules"), "dir");
    const stacks = stacksIn(tree);
    const outDirs = new Map<string, string>();
    const failures: { stack: string; message: string }[] = [];
    for (const stack of stacks.filter((s) => !wanted || wanted.includes(s))) {
      const outDir = path.join(outRoot, stack);
      const run = spawnSync(
        process.execPath,
        ["scripts/pulumi-node.cjs", "scripts/synth.ts", stack, "--out", outDir],
        { cwd: tree, encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" } },
      );
      // Exit 1 with files written is a mandatory policy violation: the report shows it.
      if (existsSync(path.join(outDir, "resources.json"))) outDirs.set(stack, outDir);
      else {
        const tail = `${run.stderr}\n${run.stdout}`.trim().split("\n").slice(-5).join(" / ");
        failures.push({ stack, message: tail || `exit ${String(run.status)}` });
      }
    }
    return { stacks, outDirs, failures };
  } finally {
    spawnSync("git", ["-C", repo, "worktree", "remove", "--force", tree]);
    rmSync(tree, { recursive: true, force: true });
  }
}

/** `git diff --no-index` of two files (either may be absent), with a/ and b/ headers of `rel`. */
export function unifiedDiff(
  rel: string,
  beforeFile: string | undefined,
  afterFile: string | undefined,
): string {
  const result = spawnSync(
    "git",
    [
      "diff",
      "--no-index",
      "--no-color",
      "--no-ext-diff",
      "-U3",
      beforeFile ?? "/dev/null",
      afterFile ?? "/dev/null",
    ],
    { encoding: "utf8" },
  );
  const hunks = result.stdout.slice(Math.max(0, result.stdout.indexOf("\n@@") + 1));
  const header = [
    beforeFile ? `--- a/${rel}` : "--- /dev/null",
    afterFile ? `+++ b/${rel}` : "+++ /dev/null",
  ];
  return `${header.join("\n")}\n${hunks.startsWith("@@") ? hunks : ""}`;
}
