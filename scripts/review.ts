/**
 * `npm run review -- <base-ref> [<head-ref>]`: what a change does to every example stack, from two
 * offline synths (docs/delivery.md). Needs git and this checkout's node_modules; no credentials.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parseReviewCli, USAGE } from "./review/cli";
import { diffStack, type StackDiff } from "./review/diff";
import { renderCommit, resolveCommit, ReviewGitError, unifiedDiff } from "./review/git";
import { renderReport } from "./review/report";
import { readSynth } from "./review/tree";
import { loudWarnings, type LoudWarning } from "./review/warnings";

const REPO = path.resolve(__dirname, "..");

function review(base: string, head: string, stacks: readonly string[] | undefined): string {
  const root = mkdtempSync(path.join(tmpdir(), "failover-review-out-"));
  try {
    const [baseCommit, headCommit] = [resolveCommit(REPO, base), resolveCommit(REPO, head)];
    const before = renderCommit(REPO, baseCommit, stacks, path.join(root, "base"));
    const after = renderCommit(REPO, headCommit, stacks, path.join(root, "head"));
    const unknown = (stacks ?? []).filter((s) => !before.stacks.includes(s) && !after.stacks.includes(s));
    if (unknown.length > 0)
      throw new ReviewGitError(
        `--stacks: no stacks/Pulumi.<stack>.yaml at either ref for ${unknown.join(", ")}`,
      );
    const failed = new Set([...before.failures, ...after.failures].map((f) => f.stack));
    const names = [...new Set([...before.stacks, ...after.stacks])]
      .filter((s) => (!stacks || stacks.includes(s)) && !failed.has(s))
      .sort();
    const diffs: StackDiff[] = [];
    const warnings: LoudWarning[] = [];
    for (const stack of names) {
      const [a, b] = [before.outDirs.get(stack), after.outDirs.get(stack)];
      const [treeA, treeB] = [a ? readSynth(a) : undefined, b ? readSynth(b) : undefined];
      const diff = diffStack(stack, treeA, treeB, (rel, x, y) =>
        unifiedDiff(
          rel,
          x === undefined ? undefined : path.join(a ?? "", rel),
          y === undefined ? undefined : path.join(b ?? "", rel),
        ),
      );
      diffs.push(diff);
      warnings.push(...loudWarnings(diff, treeB?.resources ?? [], treeA?.resources ?? []));
    }
    const failures = [
      ...before.failures.map((f) => ({ ...f, ref: base })),
      ...after.failures.map((f) => ({ ...f, ref: head })),
    ];
    return renderReport({ base, head, stacks: diffs, warnings, failures });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function main(argv: string[]): number {
  const request = parseReviewCli(argv);
  if (request.kind === "help") {
    console.log(USAGE);
    return 0;
  }
  if (request.kind === "error") {
    console.error(`${request.message}\n\n${USAGE}`);
    return 2;
  }
  try {
    const markdown = review(request.base, request.head, request.stacks);
    if (request.out) writeFileSync(request.out, markdown);
    else process.stdout.write(markdown);
    return 0;
  } catch (err) {
    if (!(err instanceof ReviewGitError)) throw err;
    console.error(err.message);
    return 1;
  }
}

process.exit(main(process.argv.slice(2)));
