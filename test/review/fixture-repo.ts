/**
 * Fixture pairs for the review: a temporary git repository holding this checkout's tracked files
 * (node_modules linked), a `base` commit, one change, a `head` commit; then `npm run review`'s
 * script on the pair, as CI runs it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../offline/stack-file";

export interface Fixture {
  readonly name: string;
  /** Edits files of the repository at `root` into the head commit. */
  readonly change: (root: string) => void;
}

const GIT_ID = [
  "-c",
  "user.name=fixture",
  "-c",
  "user.email=fixture@failover.invalid",
  "-c",
  "commit.gpgsign=false",
];
const git = (cwd: string, ...args: string[]): string =>
  execFileSync("git", [...GIT_ID, ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/**
 * Whether the fixture test rewrites the expected reports (REVIEW_EXPECTED=write) or compares with
 * them. Refused in CI: a rewrite there would make the test pass whatever the review prints.
 */
export function expectedReportMode(env: NodeJS.ProcessEnv): "write" | "compare" {
  if (env.REVIEW_EXPECTED !== "write") return "compare";
  if (env.CI)
    throw new Error(
      "REVIEW_EXPECTED=write with CI set: CI only compares; rewrite the expected reports locally",
    );
  return "write";
}

/** Replaces exactly one occurrence of `from` in `file` (relative to `root`), or throws. */
export function edit(root: string, file: string, from: string | RegExp, to: string): void {
  const full = path.join(root, file);
  const text = readFileSync(full, "utf8");
  const count =
    typeof from === "string" ? text.split(from).length - 1 : (text.match(new RegExp(from, "g")) ?? []).length;
  if (count !== 1) throw new Error(`${file}: expected one match of ${String(from)}, found ${count}`);
  writeFileSync(full, text.replace(from, to));
}

/** Builds the pair and returns the review's markdown for `stacks`; the repository is removed after. */
export function reviewFixture(fixture: Fixture, stacks: readonly string[]): string {
  const root = mkdtempSync(path.join(tmpdir(), `fs-review-${fixture.name}-`));
  try {
    // The working tree as it is: tracked and new files, without what is ignored or deleted.
    // safe.directory: CI runs the tests as root in a checkout another user owns.
    const listing = [
      "-c",
      "safe.directory=*",
      "ls-files",
      "-z",
      "--cached",
      "--others",
      "--exclude-standard",
    ];
    const files = execFileSync("git", listing, {
      cwd: REPO_ROOT,
    })
      .toString("utf8")
      .split("\0")
      .filter((f) => f && existsSync(path.join(REPO_ROOT, f)));
    execFileSync("tar", ["--null", "-T", "-", "-cf", path.join(root, ".tree.tar")], {
      cwd: REPO_ROOT,
      input: files.join("\0"),
    });
    execFileSync("tar", ["-xf", ".tree.tar"], { cwd: root });
    rmSync(path.join(root, ".tree.tar"));
    symlinkSync(realpathSync(path.join(REPO_ROOT, "node_modules")), path.join(root, "node_modules"), "dir");
    git(root, "init", "--quiet", "--initial-branch=base");
    writeFileSync(path.join(root, ".git", "info", "exclude"), "node_modules\n");
    git(root, "add", "--all");
    git(root, "commit", "--quiet", "--no-verify", "-m", "base");
    git(root, "checkout", "--quiet", "-b", "head");
    fixture.change(root);
    git(root, "commit", "--quiet", "--no-verify", "--all", "-m", fixture.name);
    const out = path.join(root, ".review.md");
    const run = spawnSync(
      process.execPath,
      [
        "scripts/pulumi-node.cjs",
        "scripts/review.ts",
        "base",
        "head",
        "--stacks",
        stacks.join(","),
        "--out",
        out,
      ],
      { cwd: root, encoding: "utf8" },
    );
    if (run.status !== 0) throw new Error(`review failed (${String(run.status)}): ${run.stderr}`);
    return readFileSync(out, "utf8");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
