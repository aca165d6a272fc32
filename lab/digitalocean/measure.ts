/**
 * Measures where a worker's egress leaves while a route procedure runs: a bounded probe loop
 * (probe.sh, inside the worker namespace) requests a "what is my address" URL every few tens of
 * milliseconds; each answer is labelled (primary, secondary, own address, FAIL) and turned into
 * windows. Exported for the benchmark, which runs the same procedure with real settle times.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROBE_SCRIPT } from "./run";

export interface EgressSample {
  /** Request start, milliseconds since the epoch. */
  readonly at: number;
  /** The address the server saw, or "FAIL". */
  readonly answer: string;
  /** The label of the answer ("failed" for FAIL, "other" when the address is unknown). */
  readonly label: string;
}

export interface EgressWindow {
  readonly samples: number;
  /** Total time attributed to this label: each sample lasts until the next one starts. */
  readonly ms: number;
  /** First and last sample start relative to the procedure start (negative = before it). */
  readonly firstMs: number | null;
  readonly lastMs: number | null;
}

export interface EgressMeasurement {
  readonly samples: readonly EgressSample[];
  /** How long the procedure itself took. */
  readonly procedureMs: number;
  readonly windows: Readonly<Record<string, EgressWindow>>;
}

export interface MeasureOptions {
  /** Namespace the requests leave from (the worker). */
  readonly namespace: string;
  readonly url: string;
  /** Address -> label, e.g. { "203.0.113.11": "primary", "198.51.100.2": "own-address" }. */
  readonly labels: Readonly<Record<string, string>>;
  /** The route procedure under test; runs while the probe loop samples. */
  readonly procedure: () => Promise<void> | void;
  /** Sampling before the procedure starts and after it ends. @default 300 and 500 */
  readonly leadMs?: number;
  readonly tailMs?: number;
  /** Hard bound of the probe loop. @default 30 */
  readonly maxSeconds?: number;
  /** Pause between requests and per-request timeout. @default 0.02 and 0.5 */
  readonly intervalSeconds?: number;
  readonly timeoutSeconds?: number;
}

export async function measureEgressDuringProcedure(options: MeasureOptions): Promise<EgressMeasurement> {
  const dir = mkdtempSync(join(tmpdir(), "fsdo-probe-"));
  const out = join(dir, "samples");
  const stop = join(dir, "stop");
  const maxSeconds = options.maxSeconds ?? 30;
  const probe = spawn(
    "ip",
    [
      "netns",
      "exec",
      options.namespace,
      "bash",
      PROBE_SCRIPT,
      options.url,
      out,
      stop,
      String(maxSeconds),
      String(options.intervalSeconds ?? 0.02),
      String(options.timeoutSeconds ?? 0.5),
    ],
    { stdio: "ignore" },
  );
  const exited = new Promise<void>((resolve) => probe.once("exit", () => resolve()));
  try {
    await sleep(options.leadMs ?? 300);
    const started = Date.now();
    await options.procedure();
    const ended = Date.now();
    await sleep(options.tailMs ?? 500);
    writeFileSync(stop, "");
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, (maxSeconds + 5) * 1000)));
    await Promise.race([exited, bound]);
    clearTimeout(timer);
    const stoppedAt = Date.now();
    const samples = parseSamples(readFileSync(out, "utf8"), options.labels);
    return { samples, procedureMs: ended - started, windows: windowsOf(samples, started, stoppedAt) };
  } finally {
    if (probe.exitCode === null && probe.signalCode === null) probe.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function parseSamples(text: string, labels: Readonly<Record<string, string>>): EgressSample[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [seconds, answer = "FAIL"] = line.trim().split(/\s+/);
      const label = answer === "FAIL" ? "failed" : (labels[answer] ?? "other");
      return { at: Math.round(Number(seconds) * 1000), answer, label };
    });
}

export function windowsOf(
  samples: readonly EgressSample[],
  originMs: number,
  endMs: number,
): Record<string, EgressWindow> {
  const windows: Record<
    string,
    { samples: number; ms: number; firstMs: number | null; lastMs: number | null }
  > = {};
  samples.forEach((sample, index) => {
    const next = samples[index + 1]?.at ?? endMs;
    const window = (windows[sample.label] ??= { samples: 0, ms: 0, firstMs: null, lastMs: null });
    window.samples += 1;
    window.ms += Math.max(0, next - sample.at);
    window.firstMs ??= sample.at - originMs;
    window.lastMs = sample.at - originMs;
  });
  return windows;
}

/** The labels in the order they were first seen, with consecutive repeats collapsed. */
export function labelSequence(samples: readonly EgressSample[]): string[] {
  return samples.map((s) => s.label).filter((label, index, all) => index === 0 || all[index - 1] !== label);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
