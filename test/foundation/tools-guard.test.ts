/**
 * The CI guard (test/harness/tools.ts) run for real: a child node process runs a probe test that
 * needs a missing command and an unmet condition, under several CI values. Without CI both skip;
 * with any non-empty CI both fail, so a tool-dependent test cannot pass silently in CI.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, test } from "node:test";
import { inCi } from "../harness/tools";

const PROBE = path.join(__dirname, "..", "fixtures", "guard-probe.ts");

function runProbe(ci: string | undefined): { status: number | null; output: string } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.CI;
  if (ci !== undefined) env.CI = ci;
  // The parent runner's own NODE_TEST_CONTEXT would turn the child into a subtest reporter.
  delete env.NODE_TEST_CONTEXT;
  const result = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter=tap", PROBE], {
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const count = (output: string, what: string): number =>
  Number(new RegExp(`^# ${what} (\\d+)$`, "m").exec(output)?.[1] ?? NaN);

describe("the CI guard", () => {
  test("inCi: any non-empty CI counts, unset or empty does not", () => {
    for (const value of ["true", "1", "yes", "false-but-set"]) assert.equal(inCi({ CI: value }), true, value);
    assert.equal(inCi({}), false);
    assert.equal(inCi({ CI: "" }), false);
  });

  test("without CI a missing requirement skips, naming it", () => {
    const { status, output } = runProbe(undefined);
    assert.equal(status, 0, output);
    assert.equal(count(output, "skipped"), 2, output);
    assert.equal(count(output, "fail"), 0, output);
    assert.match(output, /command 'failover-stacks-no-such-command' not found/);
    assert.match(output, /probe condition not met/);
  });

  for (const ci of ["1", "true"]) {
    test(`with CI=${ci} a missing requirement fails instead of skipping`, () => {
      const { status, output } = runProbe(ci);
      assert.notEqual(status, 0, output);
      assert.equal(count(output, "fail"), 2, output);
      assert.equal(count(output, "skipped"), 0, output);
      assert.match(output, /CI must not skip: command 'failover-stacks-no-such-command' not found/);
      assert.match(output, /CI must not skip: probe condition not met/);
    });
  }
});
