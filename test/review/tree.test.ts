/** Reading synth output: the current files, and those of a synth from before the readable files. */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { diffStack } from "../../scripts/review/diff";
import { readSynth } from "../../scripts/review/tree";

function outDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "fs-review-tree-"));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

const USER_DATA = "#cloud-config\npackages: [keepalived]\n";
const row = (userData: unknown) => ({
  type: "openstack:compute/instance:Instance",
  name: "lb-1",
  urn: "urn:pulumi:dev::failover-stacks::openstack:compute/instance:Instance::lb-1",
  parent: null,
  options: {},
  inputs: { userData },
});

test("an older synth (embedded user data, policy.json a list, no contract.json) reads like a current one", () => {
  const sha256 = createHash("sha256").update(USER_DATA).digest("hex");
  const common = { "exports.json": '{"contractVersion":1}', "artifacts/instances/lb-1/user-data": USER_DATA };
  const old = outDir({
    ...common,
    "resources.json": JSON.stringify([row(USER_DATA)]),
    "policy.json": JSON.stringify([{ policy: "p", enforcementLevel: "advisory", message: "m", urn: "u" }]),
  });
  const current = outDir({
    ...common,
    "resources.json": JSON.stringify([row({ artifact: "artifacts/instances/lb-1/user-data", sha256 })]),
    "policy.json": JSON.stringify({
      rules: [{ name: "p", enforcementLevel: "advisory", resourcesRead: 1, violations: [] }],
    }),
    "contract.json": JSON.stringify({ contractVersion: 1, keys: { contractVersion: { type: "integer" } } }),
  });
  try {
    const [a, b] = [readSynth(old), readSynth(current)];
    assert.deepEqual(a.resources, b.resources, "the embedded user data became the same artifact reference");
    assert.equal(a.rulesListed, false);
    assert.deepEqual(a.rules, [
      {
        name: "p",
        enforcementLevel: "advisory",
        violations: [{ policy: "p", enforcementLevel: "advisory", message: "m", urn: "u" }],
      },
    ]);
    const diff = diffStack("dev", a, b, () => "");
    assert.deepEqual([diff.added, diff.removed, diff.changed, diff.files], [[], [], [], []]);
    assert.deepEqual(
      diff.policy.rules[0].resolvedViolations.map((v) => v.message),
      ["m"],
    );
  } finally {
    rmSync(old, { recursive: true, force: true });
    rmSync(current, { recursive: true, force: true });
  }
});

test("a stack at one ref only is all creates (or all deletes), with its files added", () => {
  const dir = outDir({
    "exports.json": "{}",
    "resources.json": JSON.stringify([row("x")]),
    "policy.json": '{"rules":[]}',
    "artifacts/instances/lb-1/user-data": "x",
  });
  try {
    const added = diffStack("qa", undefined, readSynth(dir), () => "");
    assert.equal(added.presence, "added");
    assert.deepEqual(
      added.added.map((r) => r.name),
      ["lb-1"],
    );
    assert.deepEqual(
      added.files.map((f) => [f.path, f.status]),
      [["artifacts/instances/lb-1/user-data", "added"]],
    );
    const removed = diffStack("qa", readSynth(dir), undefined, () => "");
    assert.equal(removed.presence, "removed");
    assert.deepEqual(
      removed.removed.map((r) => r.name),
      ["lb-1"],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
