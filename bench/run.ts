/**
 * `npm run bench [-- --smoke] [--only suite,suite] [--reps N] [--soak-seconds S] [--settle S]`:
 * measures and writes bench/results/<date>.json (plus the suites' pictures and driver transcripts
 * beside it), then regenerates BENCHMARKS.md from it. A benchmark never fails on a number; `--smoke`
 * runs a tiny version (written to a temp dir or --out, BENCHMARKS.md untouched) to prove the suites
 * still work. `--render FILE` only regenerates BENCHMARKS.md from an existing results file; `--merge
 * FILE` writes this run's suites into an existing results file (e.g. to re-measure one suite).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { format, resolveConfig } from "prettier";
import { REPO_ROOT } from "../offline/stack-file";
import { machineInfo } from "./lib/machine";
import { renderBenchmarks } from "./report";
import { SUITES, type BenchResults, type LoadSnapshot, type SuiteName, type SuiteOptions } from "./suites";

function loadSnapshot(): LoadSnapshot {
  const uptime = spawnSync("uptime", [], { encoding: "utf8" }).stdout?.trim() ?? "";
  return { uptime, loadAverage: loadavg().map((l) => Math.round(l * 100) / 100) };
}

/** BENCHMARKS.md, formatted the way `npm run lint` (prettier --check) expects. */
async function render(file: string): Promise<void> {
  const results = JSON.parse(readFileSync(file, "utf8")) as BenchResults;
  const target = path.join(REPO_ROOT, "BENCHMARKS.md");
  const markdown = renderBenchmarks(results, path.relative(REPO_ROOT, file));
  const options = (await resolveConfig(target)) ?? {};
  writeFileSync(target, await format(markdown, { ...options, filepath: target }));
  console.log("bench: BENCHMARKS.md updated");
}

/** `--merge FILE`: the suites of this run replace those of an existing results file. */
function mergeInto(file: string, results: BenchResults): BenchResults {
  const previous = JSON.parse(readFileSync(file, "utf8")) as BenchResults;
  return {
    ...previous,
    // The header's load is the first run's: each merged run records its own start and end here.
    command: `${previous.command}; then ${results.command} (started ${results.date}, uptime: ${results.load?.start.uptime ?? "?"}; at the end: ${results.load?.end?.uptime ?? "?"})`,
    suites: { ...previous.suites, ...results.suites },
    ...(results.errors || previous.errors ? { errors: { ...previous.errors, ...results.errors } } : {}),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      smoke: { type: "boolean", default: false },
      only: { type: "string" },
      reps: { type: "string" },
      "soak-seconds": { type: "string" },
      settle: { type: "string" },
      out: { type: "string" },
      render: { type: "string" },
      merge: { type: "string" },
    },
  });
  if (values.render) return await render(path.resolve(values.render));
  const smoke = values.smoke === true;
  const only = values.only?.split(",") as SuiteName[] | undefined;
  const date = new Date().toISOString();
  const dir = values.out
    ? path.resolve(values.out)
    : smoke
      ? mkdtempSync(path.join(tmpdir(), "fs-bench-"))
      : path.join(REPO_ROOT, "bench", "results");
  mkdirSync(dir, { recursive: true });
  const stem = `${date.slice(0, 10)}${smoke ? "-smoke" : ""}`;
  const options: SuiteOptions = {
    smoke,
    outDir: dir,
    stem,
    repetitions: Number(values.reps ?? (smoke ? 1 : 5)),
    soakSeconds: Number(values["soak-seconds"] ?? (smoke ? 2 : 600)),
    settleSeconds: Number(values.settle ?? (smoke ? 1 : 5)),
  };
  const recorded = {
    smoke,
    repetitions: options.repetitions,
    soakSeconds: options.soakSeconds,
    settleSeconds: options.settleSeconds,
  };
  const args = process.argv.slice(2).filter((a) => !a.startsWith("--out") && a !== values.out);
  const results: BenchResults = {
    date,
    command: `npm run bench${args.length ? ` -- ${args.join(" ")}` : ""}`,
    smoke,
    machine: machineInfo(),
    load: { start: loadSnapshot() },
    options: recorded,
    suites: {},
  };
  const errors: Record<string, string> = {};
  for (const suite of SUITES) {
    if (only && !only.includes(suite.name)) continue;
    console.log(`bench: ${suite.name} ...`);
    const start = Date.now();
    try {
      (results.suites as Record<string, unknown>)[suite.name] = await suite.run(options);
      console.log(`bench: ${suite.name} done in ${((Date.now() - start) / 1000).toFixed(1)} s`);
    } catch (error) {
      // One broken suite must not cost the figures of the others: record it and go on.
      errors[suite.name] = error instanceof Error ? error.message : String(error);
      console.error(`bench: ${suite.name} failed: ${errors[suite.name]}`);
    }
  }
  const finished: BenchResults = {
    ...results,
    load: { start: results.load?.start ?? loadSnapshot(), end: loadSnapshot() },
    ...(Object.keys(errors).length > 0 ? { errors } : {}),
  };
  const file = values.merge ? path.resolve(values.merge) : path.join(dir, `${stem}.json`);
  const written = values.merge ? mergeInto(file, finished) : finished;
  writeFileSync(file, `${JSON.stringify(written, null, 2)}\n`);
  console.log(`bench: results in ${file}`);
  if (smoke) console.log(renderBenchmarks(written, path.relative(REPO_ROOT, file)));
  else await render(file);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
