/**
 * `npm run bench [-- --smoke] [--only suite,suite]`: measures and writes bench/results/<date>.json,
 * then regenerates BENCHMARKS.md from it. A benchmark never fails on a number; `--smoke` runs a tiny
 * version (written to a temp dir, BENCHMARKS.md untouched) to prove the suites still work.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT } from "../test/harness/stack-file";
import { machineInfo } from "./lib/machine";
import { renderBenchmarks } from "./report";
import { SUITES, type BenchResults, type SuiteName } from "./suites";

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { smoke: { type: "boolean", default: false }, only: { type: "string" } },
  });
  const smoke = values.smoke === true;
  const only = values.only?.split(",") as SuiteName[] | undefined;
  const results: BenchResults = {
    date: new Date().toISOString(),
    command: `npm run bench${smoke ? " -- --smoke" : ""}${values.only ? ` -- --only ${values.only}` : ""}`,
    smoke,
    machine: machineInfo(),
    suites: {},
  };
  for (const suite of SUITES) {
    if (only && !only.includes(suite.name)) continue;
    console.log(`bench: ${suite.name} ...`);
    const start = Date.now();
    (results.suites as Record<string, unknown>)[suite.name] = await suite.run({ smoke });
    console.log(`bench: ${suite.name} done in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  }
  const dir = smoke
    ? mkdtempSync(path.join(tmpdir(), "fs-bench-"))
    : path.join(REPO_ROOT, "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${results.date.slice(0, 10)}${smoke ? "-smoke" : ""}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`bench: results in ${file}`);
  const markdown = renderBenchmarks(results, path.relative(REPO_ROOT, file));
  if (smoke) console.log(markdown);
  else {
    writeFileSync(path.join(REPO_ROOT, "BENCHMARKS.md"), markdown);
    console.log("bench: BENCHMARKS.md updated");
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
