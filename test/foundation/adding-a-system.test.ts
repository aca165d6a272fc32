/**
 * README "Adding a system" is followed by a newcomer's fixture (test/fixtures/new-system/: the
 * `vipdirectory` system, one fixture step per numbered step). This test keeps the two in step (the
 * same numbers; every path a fixture step touches is named in that step's text), applies the fixture
 * to a copy of the repository and runs the checks the steps name, and shows that leaving out steps
 * 3, 4, 5, 6 or 9 makes the check the README names for it fail.
 */
import assert from "node:assert/strict";
import { cpSync, existsSync, globSync, readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { REPO_ROOT } from "../../offline/stack-file";
import {
  applyEdit,
  applySteps,
  copyRepository,
  inPool,
  run,
  type CommandResult,
  type Omission,
} from "../fixtures/new-system/apply";
import { AREA, COMPONENT_TYPE, OUTPUT_KEY, RULE, STEPS } from "../fixtures/new-system/steps";

/** The numbered items of README's "## Adding a system", number -> text (continuation lines joined). */
function readmeSteps(): Map<number, string> {
  const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const start = readme.indexOf("\n## Adding a system\n");
  assert.ok(start >= 0, 'README.md has no "## Adding a system" section');
  const body = readme.slice(start + 1).split(/\n## /)[0];
  const steps = new Map<number, string>();
  let current: number | undefined;
  for (const line of body.split("\n")) {
    const item = /^(\d+)\. (.*)$/.exec(line);
    if (item) {
      current = Number(item[1]);
      steps.set(current, item[2]);
    } else if (current !== undefined && /^\s+\S/.test(line)) {
      steps.set(current, `${steps.get(current)} ${line.trim()}`);
    } else if (line.trim() !== "") current = undefined;
  }
  return steps;
}

/** The repository paths a README step names: backticked, with a '/', placeholders filled in. */
function namedPaths(text: string): string[] {
  return [...text.matchAll(/`([^`\s]+)`/g)]
    .map((m) => m[1])
    .filter((token) => /^[\w.<>-]+\/[\w.<>/-]*$/.test(token))
    .map((token) => token.replaceAll("<area>", AREA).replaceAll("<rule>", RULE));
}

const isNamed = (file: string, named: readonly string[]) =>
  named.some((p) => (p.endsWith("/") ? file.startsWith(p) : file === p));

test("the fixture has one step per README step, and each touches only paths that step names", () => {
  const readme = readmeSteps();
  assert.deepEqual(
    STEPS.map((s) => s.step),
    [...readme.keys()],
    "README steps and test/fixtures/new-system/steps.ts differ",
  );
  for (const step of STEPS) {
    const text = readme.get(step.step) ?? "";
    const named = namedPaths(text);
    for (const file of [...step.adds, ...step.edits.map((e) => e.file)]) {
      assert.ok(
        isNamed(file, named),
        `README step ${step.step} does not name ${file} (it names ${named.join(", ")})`,
      );
    }
    if (step.run) {
      const scripts = (
        JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
          scripts: Record<string, string>;
        }
      ).scripts;
      assert.equal(`node ${step.run.join(" ")}`, scripts.baseline, "step 9 runs npm run baseline's script");
      assert.match(text, /`npm run baseline`/);
    }
  }
});

test("every path README's steps name without a placeholder exists", () => {
  const missing = [...readmeSteps()].flatMap(([step, text]) =>
    namedPaths(text)
      .filter((p) => !p.includes(AREA) && !p.includes(RULE) && !existsSync(path.join(REPO_ROOT, p)))
      .map((p) => `step ${step}: ${p}`),
  );
  assert.deepEqual(missing, []);
});

test("npm run test:unit runs the real tests but not the fixture's (they only work at their target paths)", () => {
  const scripts = (
    JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const pattern = /"([^"]+\.test\.ts)"/.exec(scripts["test:unit"])?.[1];
  assert.ok(pattern, "test:unit names no test glob");
  const files = globSync(pattern, { cwd: REPO_ROOT });
  assert.ok(files.includes("test/foundation/adding-a-system.test.ts"), `${pattern} misses this test`);
  assert.deepEqual(
    files.filter((f) => f.startsWith("test/fixtures/")),
    [],
  );
});

test("an edit whose anchor is missing or not unique throws, naming the step, file and anchor", () => {
  const edit = {
    file: "stacks/systems.ts",
    anchor: "  openstackSystem,",
    position: "after",
    lines: ["  x,"],
  } as const;
  assert.equal(applyEdit("a\n  openstackSystem,\nb", edit, 4), "a\n  openstackSystem,\n  x,\nb");
  assert.equal(
    applyEdit("a\n  openstackSystem,", { ...edit, position: "before" }, 4),
    "a\n  x,\n  openstackSystem,",
  );
  assert.throws(
    () => applyEdit("a\nb", edit, 4),
    /fixture step 4: anchor "  openstackSystem," is on 0 lines of stacks\/systems.ts/,
  );
  assert.throws(() => applyEdit("  openstackSystem,\n  openstackSystem,", edit, 4), /is on 2 lines/);
});

const NODE = "node";
const TSC = "node_modules/typescript/bin/tsc";
const ESLINT = "node_modules/eslint/bin/eslint.js";
const PRETTIER = "node_modules/prettier/bin/prettier.cjs";
const pulumiNode = (...args: string[]) => ["scripts/pulumi-node.cjs", ...args];

interface Check {
  readonly name: string;
  readonly root: string;
  readonly args: readonly string[];
  /** A failure is expected, with output matching this. */
  readonly fails?: RegExp;
}

/** The negative proofs: leave out (part of) a step, run the cheapest check README names for it. */
const NEGATIVES: readonly { omit: Omission; args: readonly string[]; fails: RegExp }[] = [
  {
    omit: { step: 3, file: "docs/outputs.md" },
    args: pulumiNode(
      "--test",
      "--test-name-pattern=docs/outputs.md documents",
      "test/delivery/contract.test.ts",
    ),
    fails: new RegExp(`docs/outputs.md lacks ${OUTPUT_KEY}`),
  },
  {
    omit: { step: 4, file: "stacks/systems.ts" },
    args: pulumiNode("scripts/synth.ts", "dev", "--out", "synth-out"),
    fails: /failover-stacks:vipdirectory[\s\S]*unknown config key/,
  },
  {
    omit: { step: 5 },
    args: pulumiNode(
      "--test",
      "--test-name-pattern=^dev: every output key",
      "test/delivery/contract.test.ts",
    ),
    fails: new RegExp(`output ${OUTPUT_KEY}[\\s\\S]*clusterIp`),
  },
  {
    omit: { step: 6, file: "docs/policies.md" },
    args: pulumiNode("--test", "test/policy/docs.test.ts"),
    fails: new RegExp(`docs/policies.md lacks ${RULE}`),
  },
  {
    omit: { step: 6, file: "test/policy/unknown-inputs.test.ts" },
    args: pulumiNode(
      "--test",
      "--test-name-pattern=has unknown-input cases",
      "test/policy/unknown-inputs.test.ts",
    ),
    fails: new RegExp(RULE),
  },
  {
    omit: { step: 9 },
    args: pulumiNode("--test", "--test-name-pattern=^dev:", "test/delivery/refactor-safety.test.ts"),
    fails: /the stack changed: review it, then run npm run baseline/,
  },
];

const tail = (result: CommandResult) => result.output.split("\n").slice(-60).join("\n");

test(
  "a copy with every step passes the checks the steps name; without step 3, 4, 5, 6 or 9 one fails",
  { timeout: 600_000 },
  async () => {
    const copies: string[] = [];
    try {
      const full = copyRepository(REPO_ROOT, "full");
      copies.push(full);
      applySteps(full, STEPS);
      // Step 9 only writes test/baselines/, which no negative check but step 9's reads: the other
      // copies take the recorded baselines instead of evaluating every stack again.
      const negatives = NEGATIVES.map(({ omit, args, fails }) => {
        const root = copyRepository(REPO_ROOT, `without-${omit.step}`);
        copies.push(root);
        applySteps(root, omit.step === 9 ? STEPS : STEPS.filter((s) => !s.run), omit);
        if (omit.step !== 9)
          cpSync(path.join(full, "test/baselines"), path.join(root, "test/baselines"), { recursive: true });
        return { name: `without step ${omit.step}${omit.file ? ` (${omit.file})` : ""}`, root, args, fails };
      });
      const newTs = STEPS.flatMap((s) => s.adds).filter((f) => f.endsWith(".ts"));
      const positives: Check[] = [
        { name: "tsc", root: full, args: [TSC, "--noEmit", "-p", "tsconfig.json"] },
        { name: "tsc policy", root: full, args: [TSC, "--noEmit", "-p", "policy/tsconfig.json"] },
        { name: "eslint", root: full, args: [ESLINT, "--max-warnings=0", ...newTs] },
        { name: "prettier", root: full, args: [PRETTIER, "--check", ...STEPS.flatMap((s) => s.adds)] },
        {
          name: "tests",
          root: full,
          args: pulumiNode(
            "--test",
            "--test-concurrency=2",
            ...STEPS.flatMap((s) => s.adds).filter((f) => f.startsWith(`test/${AREA}/`)),
            "test/delivery/contract.test.ts",
            "test/delivery/system-outputs.test.ts",
            "test/policy/docs.test.ts",
            "test/policy/unknown-inputs.test.ts",
            "test/delivery/refactor-safety.test.ts",
            "test/review/replace-on-change.test.ts",
          ),
        },
        {
          name: "import graph",
          root: full,
          args: pulumiNode("--test", "test/foundation/import-graph.test.ts"),
        },
        { name: "synth dev", root: full, args: pulumiNode("scripts/synth.ts", "dev", "--out", "synth-out") },
      ];
      const checks: Check[] = [...positives, ...negatives];
      const results = await inPool(
        2,
        checks.map((c) => () => run(c.root, NODE, c.args)),
      );
      const problems: string[] = [];
      checks.forEach((check, i) => {
        const result = results[i];
        if (check.fails === undefined && !result.ok) problems.push(`${check.name} failed:\n${tail(result)}`);
        // A test run that ran nothing (a name pattern that matches no test) passes too: count them.
        if (
          check.fails === undefined &&
          check.args.includes("--test") &&
          !/^# pass [1-9]/m.test(result.output)
        )
          problems.push(`${check.name} ran no test:\n${tail(result)}`);
        if (check.fails !== undefined && result.ok) problems.push(`${check.name}: the check passed`);
        if (check.fails !== undefined && !result.ok && !check.fails.test(result.output))
          problems.push(`${check.name} failed without ${String(check.fails)}:\n${tail(result)}`);
      });
      assert.deepEqual(problems, []);

      const resources = JSON.parse(readFileSync(path.join(full, "synth-out/resources.json"), "utf8")) as {
        type: string;
      }[];
      assert.ok(
        resources.some((r) => r.type === COMPONENT_TYPE),
        `the dev synth registers no ${COMPONENT_TYPE}`,
      );
      const exports = JSON.parse(readFileSync(path.join(full, "synth-out/exports.json"), "utf8")) as Record<
        string,
        { clusterIp?: unknown } | undefined
      >;
      assert.match(String(exports[OUTPUT_KEY]?.clusterIp), /^<assigned:[^>]+\.spec\.clusterIP>$/);
    } finally {
      for (const dir of copies) rmSync(dir, { recursive: true, force: true });
    }
  },
);
