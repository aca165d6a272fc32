/** `npm run synth` as a user meets it: usage, unknown options and stacks, broken stack files. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { availableStacks, parseCli, USAGE, userFailure } from "../../scripts/synth/cli";
import { configFromYaml, REPO_ROOT, StackFileError } from "../../offline/stack-file";

test("--help and -h ask for the usage", () => {
  assert.deepEqual(parseCli(["--help"], REPO_ROOT), { kind: "help" });
  assert.deepEqual(parseCli(["dev", "-h"], REPO_ROOT), { kind: "help" });
});

test("bad arguments become one line naming the problem, never a parseArgs stack trace", () => {
  assert.deepEqual(parseCli(["--bogus", "dev"], REPO_ROOT), {
    kind: "error",
    message: "Unknown option '--bogus'",
  });
  assert.deepEqual(parseCli(["dev", "--out"], REPO_ROOT), {
    kind: "error",
    message: "Option '--out <value>' argument missing",
  });
  assert.deepEqual(parseCli([], REPO_ROOT), { kind: "error", message: "no stack given" });
  assert.deepEqual(parseCli(["dev", "prod"], REPO_ROOT), {
    kind: "error",
    message: 'one stack at a time: got "dev", "prod"',
  });
});

test("an unknown stack lists the stacks that exist", () => {
  const stacks = availableStacks(REPO_ROOT);
  assert.ok(stacks.includes("dev") && stacks.includes("prod"), stacks.join(","));
  assert.deepEqual(parseCli(["devv"], REPO_ROOT), {
    kind: "error",
    message: `unknown stack "devv": there is no stacks/Pulumi.devv.yaml. The stacks are: ${stacks.join(", ")}`,
  });
});

test("a stack with its file runs; --out is resolved", () => {
  const request = parseCli(["dev", "--out", "x/y"], REPO_ROOT);
  assert.deepEqual(request, { kind: "run", stack: "dev", outDir: path.resolve("x/y"), stackFile: undefined });
});

test("a YAML syntax error is one line: file:line:column: what", () => {
  const broken =
    "config:\n  failover-stacks:environment: dev\n  failover-stacks:openshift:\n    context: x\n     instances: []\n";
  assert.throws(
    () => configFromYaml(broken, "stacks/Pulumi.x.yaml"),
    (err: unknown) => {
      assert.ok(err instanceof StackFileError);
      assert.equal(
        err.message,
        "stacks/Pulumi.x.yaml:4:14: Nested mappings are not allowed in compact mappings",
      );
      assert.equal(userFailure(err), err.message);
      return true;
    },
  );
  assert.throws(() => configFromYaml("config:\n  a: 1\n  a: 2\n", "f.yaml"), {
    message: "f.yaml:3:3: Map keys must be unique",
  });
  assert.throws(() => configFromYaml("config: [1, 2]\n", "f.yaml"), {
    message: "f.yaml:1:1: config: must be a mapping of failover-stacks:<key> entries",
  });
});

test("a bug is not dressed up as a user error", () => {
  assert.equal(userFailure(new TypeError("x is undefined")), undefined);
});

test("the real command: --help exits 0 with the usage, a bad option and a broken file exit non-zero in one line", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "fs-synth-cli-"));
  try {
    const file = path.join(dir, "Pulumi.broken.yaml");
    writeFileSync(file, "config:\n  failover-stacks:demo: [1, 2\n");
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "scripts", "synth.ts"), ...args], {
        cwd: REPO_ROOT,
        encoding: "utf8",
      });
    const help = run("--help");
    assert.equal(help.status, 0, help.stderr);
    assert.equal(help.stdout.trim(), USAGE);
    const bad = run("--bogus", "dev");
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr.trim(), `Unknown option '--bogus'\n\n${USAGE}`);
    const broken = run("dev", "--stack-file", file, "--out", path.join(dir, "out"));
    assert.equal(broken.status, 1);
    assert.match(
      broken.stderr.trim(),
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+: [^\\n]+$`),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
