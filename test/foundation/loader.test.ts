/**
 * One loader everywhere: the program runs under Pulumi's own entry (@pulumi/pulumi/cmd/run, started
 * with the command line and environment the language host builds from Pulumi.yaml) against a fake
 * engine, as a first preview; and Pulumi.yaml's runtime options are the ones synth and tests use.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import {
  FAST_LOADER,
  languageHostArgv,
  loaderMismatch,
  loaderProblems,
  readRuntimeOptions,
  shlexSplit,
} from "../../offline/runtime-options.cjs";
import { evaluateStack } from "../../offline/evaluate";
import { runUnderLanguageHost } from "../../offline/language-host";
import { REPO_ROOT } from "../../offline/stack-file";

const PROJECT_TEXT = readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8");
/** Pulumi.yaml with its runtime options replaced (everything else as committed). */
const withOptions = (options: string): string =>
  PROJECT_TEXT.replace(/ {2}options:\n(?: {4}.*\n)+/, `  options:\n${options}`);

describe("Pulumi.yaml runtime options", () => {
  test("are consistent and name the fast loader; this process runs under it", () => {
    const options = readRuntimeOptions();
    assert.deepEqual(loaderProblems(options), []);
    assert.equal(options.typescript, false);
    assert.deepEqual(options.nodeargs, FAST_LOADER);
    assert.equal(options.entryPoint, "index.ts");
    assert.equal(options.pwd, path.join(REPO_ROOT, "stacks"));
    assert.equal(
      loaderMismatch(options),
      undefined,
      "npm run test:unit starts node with Pulumi.yaml's nodeargs",
    );
  });

  test("every inconsistency is reported at once, naming the key and the fix", () => {
    const typescript = loaderProblems(
      readRuntimeOptions(REPO_ROOT, withOptions("    typescript: true\n    nodeargs: --import tsx\n")),
    );
    assert.equal(typescript.length, 1);
    assert.match(
      typescript[0],
      /runtime\.options\.typescript: true .*ts-node.*on top of the loader.*Fix: typescript: false/,
    );

    const defaults = loaderProblems(readRuntimeOptions(REPO_ROOT, withOptions("    packagemanager: npm\n")));
    assert.equal(defaults.length, 2, "typescript defaults to true, as in the language host, and no loader");
    assert.match(defaults[1], /nodeargs: "" does not load tsx.*Fix: nodeargs: --import tsx/);

    const wrongTypes = readRuntimeOptions(
      REPO_ROOT,
      withOptions('    typescript: "no"\n    nodeargs: [--import, tsx]\n'),
    );
    assert.deepEqual(
      wrongTypes.problems.map((p) => p.split(":")[0]),
      ["Pulumi.yaml runtime.options.typescript", "Pulumi.yaml runtime.options.nodeargs"],
    );
    assert.ok(
      readRuntimeOptions(REPO_ROOT, "runtime: python\nmain: nowhere.ts\n").problems.length === 2,
      "runtime name and a missing main",
    );
  });

  test("nodeargs split like the language host's shlex; the host's command line", () => {
    assert.deepEqual(shlexSplit(`--import tsx  --max-old-space-size=512 "--title=a b" 'c d' e\\ f`), [
      "--import",
      "tsx",
      "--max-old-space-size=512",
      "--title=a b",
      "c d",
      "e f",
    ]);
    assert.throws(() => shlexSplit(`--import "tsx`), /unclosed "/);
    const argv = languageHostArgv(readRuntimeOptions(), {
      monitor: "m:1",
      project: "p",
      stack: "dev",
      dryRun: true,
    });
    assert.deepEqual(argv.slice(0, 2), ["--import", "tsx"]);
    assert.match(argv[2], /@pulumi\/pulumi\/cmd\/run\/index\.js$/);
    assert.deepEqual(argv.slice(-4), ["--dry-run", "--parallel", "2147483647", "index.ts"]);
  });

  test("a process started under another loader is told so", () => {
    const options = readRuntimeOptions();
    assert.equal(loaderMismatch(options, ["--require", "/x/node_modules/tsx/dist/preflight.cjs"]), undefined);
    assert.match(
      loaderMismatch(options, ["--require", "ts-node/register"]) ?? "",
      /not with Pulumi.yaml's nodeargs/,
    );
  });
});

describe("the program under Pulumi's entry (cmd/run) with Pulumi.yaml's options, as a first preview", () => {
  for (const stack of ["dev", "prod"]) {
    test(`${stack}: registers what the mock evaluation registers and exports the same keys`, async () => {
      const run = await runUnderLanguageHost({ stack });
      assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
      const errors = run.logs.filter((l) => l.startsWith("3:")); // LogSeverity.ERROR
      assert.deepEqual(errors, []);
      const mocked = await evaluateStack(stack);
      const key = (r: { type: string; name: string }): string => `${r.type}::${r.name}`;
      const registered = run.registrations
        .filter((r) => r.type !== "pulumi:pulumi:Stack")
        .map(key)
        .sort();
      assert.deepEqual(registered, mocked.recorder.resources.map(key).sort());
      assert.deepEqual(Object.keys(run.stackOutputs ?? {}).sort(), Object.keys(mocked.outputs).sort());
    });
  }

  test("a broken loader set-up fails: without nodeargs node cannot load stacks/index.ts", async () => {
    const options = readRuntimeOptions(REPO_ROOT, withOptions("    typescript: false\n"));
    const run = await runUnderLanguageHost({ stack: "dev", options });
    assert.notEqual(run.status, 0);
    assert.equal(run.registrations.filter((r) => r.type !== "pulumi:pulumi:Stack").length, 0);
    assert.match(
      `${run.stderr}${run.logs.join("\n")}`,
      /Cannot find module|Unknown file extension|SyntaxError/,
    );
  });
});
