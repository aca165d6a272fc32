/**
 * Starts the stack program the way `pulumi preview` does: the language host's node command line
 * (Pulumi.yaml's nodeargs, then @pulumi/pulumi/cmd/run with the engine's flags and the entry point
 * from `main`), its environment (PULUMI_CONFIG, PULUMI_CONFIG_SECRET_KEYS, the runtime-option
 * variables), against the fake engine. Used by the loader test and the cold-start benchmark.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { languageHostArgv, readRuntimeOptions, runtimeEnv, type RuntimeOptions } from "./runtime-options.cjs";
import { startFakeEngine, type Registration } from "./fake-engine";
import { PROJECT } from "./mocks";
import { readStackFile } from "./stack-file";

export interface LanguageHostResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly registrations: readonly Registration[];
  /** The stack's exports (outputs registered on the root `pulumi:pulumi:Stack`). */
  readonly stackOutputs: Record<string, unknown> | undefined;
  readonly logs: readonly string[];
  readonly wallMs: number;
  /** Peak RSS of the node process (VmHWM), sampled until it exits. */
  readonly peakRssMiB: number;
  /** User + system CPU seconds of the node process at the last sample (independent of machine load). */
  readonly cpuSeconds: number;
}

export interface LanguageHostRunOptions {
  readonly stack: string;
  /** Defaults to Pulumi.yaml as committed. */
  readonly options?: RuntimeOptions;
  /** Extra environment, e.g. TMPDIR for a fresh loader cache. */
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

function vmHwmMiB(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined; // already gone
  }
}

/** utime + stime of /proc/<pid>/stat (fields 14 and 15, after the parenthesised command name). */
function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
/** USER_HZ, which Linux fixes at 100 for /proc. */
const CLOCK_TICKS_PER_SECOND = 100;

export async function runUnderLanguageHost(run: LanguageHostRunOptions): Promise<LanguageHostResult> {
  const options = run.options ?? readRuntimeOptions();
  const file = readStackFile(run.stack);
  const engine = await startFakeEngine(PROJECT, run.stack);
  try {
    const argv = languageHostArgv(options, {
      monitor: engine.address,
      engine: engine.address,
      project: PROJECT,
      stack: run.stack,
      dryRun: true,
    });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // The test runner's own loader must not leak in: the child gets exactly the host's command line.
      NODE_OPTIONS: "",
      NODE_TEST_CONTEXT: undefined,
      ...run.env,
      ...runtimeEnv(options),
      PULUMI_CONFIG: JSON.stringify(file.config),
      PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(file.secretKeys),
    };
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, argv, {
      cwd: options.root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    let peak = 0;
    let cpu = 0;
    const sample = (): void => {
      if (child.pid === undefined) return;
      peak = Math.max(peak, vmHwmMiB(child.pid) ?? 0);
      cpu = Math.max(cpu, cpuSecondsOf(child.pid) ?? 0);
    };
    const sampler = setInterval(sample, 25);
    const timer = setTimeout(() => child.kill("SIGKILL"), run.timeoutMs ?? 120_000);
    const status = await new Promise<number | null>((resolve) => {
      child.on("exit", (code) => {
        resolve(code);
      });
    });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    clearInterval(sampler);
    clearTimeout(timer);
    const root = engine.registrations.find((r) => r.type === "pulumi:pulumi:Stack");
    return {
      status,
      stdout,
      stderr,
      registrations: engine.registrations,
      stackOutputs: root ? engine.outputs.get(root.urn) : undefined,
      logs: engine.logs,
      wallMs,
      peakRssMiB: peak,
      cpuSeconds: cpu,
    };
  } finally {
    await engine.close();
  }
}
