/**
 * scripts/review/sticky-comment.sh against a fake `gh` that records its calls: it creates the
 * comment once, then updates the workflow's own comment, never someone else's.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { MARKER } from "../../scripts/review/report";
import { REPO_ROOT } from "../../offline/stack-file";

const SCRIPT = path.join(REPO_ROOT, "scripts", "review", "sticky-comment.sh");

/** A `gh` that logs its arguments and answers the comment listing with `listing` (after --jq, ids). */
function run(listing: string, body: string): { status: number | null; calls: string[]; stderr: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "fs-sticky-"));
  try {
    const log = path.join(dir, "calls");
    writeFileSync(
      path.join(dir, "gh"),
      `#!/usr/bin/env bash\necho "$*" >> ${JSON.stringify(log)}\ncase "$*" in *--paginate*) printf '%b' ${JSON.stringify(listing)} ;; esac\n`,
    );
    chmodSync(path.join(dir, "gh"), 0o755);
    writeFileSync(path.join(dir, "review.md"), body);
    const result = spawnSync("bash", [SCRIPT, path.join(dir, "review.md")], {
      encoding: "utf8",
      env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, GH_TOKEN: "t", REPO: "o/r", PR: "7" },
    });
    let calls: string[] = [];
    try {
      calls = readFileSync(log, "utf8").trim().split("\n");
    } catch {
      calls = [];
    }
    return { status: result.status, calls, stderr: result.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("no earlier comment: the report is posted as a new one", () => {
  const { status, calls } = run("", `${MARKER}\n## report\n`);
  assert.equal(status, 0);
  assert.equal(calls.length, 2);
  assert.match(
    calls[0],
    /^api --paginate repos\/o\/r\/issues\/7\/comments --jq .*github-actions\[bot\].*startswith/,
  );
  assert.match(
    calls[1],
    /^api --method POST repos\/o\/r\/issues\/7\/comments -F body=@.*review\.md --silent$/,
  );
});

test("an earlier comment of the workflow: that one is updated, the first if several", () => {
  const { status, calls } = run("42\n43\n", `${MARKER}\n## report\n`);
  assert.equal(status, 0);
  assert.match(
    calls[1],
    /^api --method PATCH repos\/o\/r\/issues\/comments\/42 -F body=@.*review\.md --silent$/,
  );
});

test("a file without the marker is refused before anything is posted", () => {
  const { status, calls, stderr } = run("", "## report\n");
  assert.equal(status, 1);
  assert.deepEqual(calls, []);
  assert.match(stderr, /does not start with <!-- failover-review -->/);
});
