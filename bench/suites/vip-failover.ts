/**
 * VIP failover: the generated LB pair (fast default profile; then the tight and conservative
 * profiles) and the hand-built baseline, one after the other in the same run, through the same
 * network-namespace driver, topology, addresses and client (lab/openstack/failover.sh in
 * `bench` mode, with a steady ~20 req/s client load). Every fault waits a uniformly random
 * 0..PHASE_SPREAD s first, for every configuration alike, so it lands at a random phase of the
 * advert cycle. The generated pairs use the default priorities (150/140), as derived.ts assumes.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { derivedTimes, type TimingProfileName } from "../../components/openstack/render";
import { defaultPriorities } from "../../components/openstack/validate";
import { writeLbPair } from "../../lab/openstack/lb-files";
import {
  handBuiltCheckScript,
  handBuiltHaproxyCfg,
  handBuiltKeepalivedConf,
} from "../baselines/handbuilt-lb";
import { round, summarize, type Summary } from "../lib/stats";
import { timelineSvg } from "../lib/timeline-svg";
import { parseDriverOutput, type DriverOutput } from "../lib/driver-output";

export const DRIVER = join(__dirname, "..", "..", "lab", "openstack", "failover.sh");
const LBS = ["lb1", "lb2"] as const;
const VIP = "192.0.2.10";
const API_SERVERS = ["192.0.2.21", "192.0.2.22", "192.0.2.23"];
const FAILOVERS = ["graceful_stop", "hard_failure", "haproxy_death"] as const;
type Failover = (typeof FAILOVERS)[number];

export type ConfigLabel = "generated" | "tight" | "conservative" | "baseline";
/** Profiles measured beside the default (the `generated` configuration is the fast profile). */
export type ExtraProfile = "tight" | "conservative";
export const EXTRA_PROFILES: readonly ExtraProfile[] = ["tight", "conservative"];
/** Seconds of the random pause before every fault: a whole number of every advert interval. */
export const PHASE_SPREAD_SECONDS = 1;

export interface VipConfigResult {
  readonly label: ConfigLabel;
  readonly description: string;
  readonly repetitions: number;
  /** Seconds from the fault until a client request succeeds again, per failover kind. */
  readonly clientRecovered: Record<Failover, Summary>;
  /** Seconds from the fault until the other LB alone holds the VIP. */
  readonly vipMoved: Record<Failover, Summary>;
  /** Load requests that failed from the fault until recovery (+0.5 s), per repetition. */
  readonly failedRequests: Record<Failover | "readiness", Summary>;
  /** Load requests that failed while the faulty part was restored (e.g. the baseline's failback). */
  readonly failedDuringRestore: Record<Failover, Summary>;
  /** Seconds until the 503 server left rotation, over the repetitions where it did. */
  readonly readinessOut: Summary;
  readonly readinessTakenOut: number;
  readonly readinessWaitSeconds: number;
  readonly splitBrain: {
    readonly samples: number;
    readonly violations: number;
    readonly meanIntervalSeconds: number | null;
  };
  readonly requests: { readonly total: number; readonly failed: number; readonly ratePerSecond: number };
  /** Checks the driver reported as failed (a benchmark records them; it does not stop). */
  readonly failedChecks: string[];
  /** The timeline picture of the first HAProxy death, relative to the results file. */
  readonly timeline: string | null;
}

export interface VipGoal {
  readonly goal: string;
  readonly measured: string;
  readonly met: boolean | null;
}

/** A profile's derived figures (derived.ts), stored beside the measured ones. */
export interface DerivedRecord {
  readonly masterDownSeconds: { min: number; max: number };
  readonly crashSeconds: { min: number; max: number };
  readonly gracefulSeconds: { min: number; max: number };
  readonly haproxyDeathTrackedSeconds: { min: number; max: number };
  readonly readinessOutSeconds: { min: number; max: number };
  /** Expected spurious takeovers per hour at 1 %, 2 % and 5 % independent advert loss. */
  readonly spuriousPerHour: { p1: number; p2: number; p5: number };
}

export interface VipFailoverResult {
  readonly generated: VipConfigResult;
  readonly baseline: VipConfigResult;
  /** The other timing profiles, same driver and method (absent in smoke runs). */
  readonly profiles?: Partial<Record<ExtraProfile, VipConfigResult>>;
  readonly derived?: Record<TimingProfileName, DerivedRecord>;
  readonly phaseSpreadSeconds?: number;
  readonly tightGoals?: VipGoal[];
  /** baseline median / generated median ("x times faster"), per failover kind. */
  readonly speedup: Record<Failover, number | null>;
  readonly goals: VipGoal[];
}

export interface VipOptions {
  readonly repetitions: number;
  readonly loadRate: number;
  /** Where the timeline SVGs go, and the file name stem. */
  readonly outDir: string;
  readonly stem: string;
  /**
   * Smoke mode (CI): one graceful stop per configuration, a 1 s settle, both configurations side by
   * side (own namespaces): proves the pipeline in seconds; its figures mean nothing.
   */
  readonly smoke?: boolean;
}

interface ConfigSpec {
  readonly label: ConfigLabel;
  readonly description: string;
  readonly render: (workdir: string) => void;
  readonly env: Record<string, string>;
}

const lbDir = (workdir: string, i: number): string => join(workdir, LBS[i]);

function renderProfile(timing: TimingProfileName): (workdir: string) => void {
  const priorities = defaultPriorities(LBS.length);
  return (workdir) => writeLbPair(workdir, { timing, priority: (i) => priorities[i] });
}

function renderBaseline(workdir: string): void {
  for (const index of [0, 1] as const) {
    const dir = lbDir(workdir, index);
    const checkScriptPath = join(dir, "check.sh");
    const params = {
      vip: VIP,
      vipPrefix: 24,
      interfaceName: "ens3",
      index,
      apiServers: API_SERVERS,
      checkScriptPath,
      authPass: "bench123",
    };
    writeFileSync(join(dir, "keepalived.conf"), handBuiltKeepalivedConf(params), { mode: 0o600 });
    writeFileSync(checkScriptPath, handBuiltCheckScript(params), { mode: 0o755 });
    writeFileSync(
      join(dir, "haproxy.cfg"),
      handBuiltHaproxyCfg({
        apiServers: API_SERVERS,
        pidFile: join(dir, "haproxy.pid"),
        socket: join(dir, "admin.sock"),
      }),
    );
  }
}

const PHASE = { FAILOVER_PHASE_SPREAD: String(PHASE_SPREAD_SECONDS) };

export const SPECS: Record<ConfigLabel, ConfigSpec> = {
  generated: {
    label: "generated",
    description:
      "the renderers' files, fast profile (VRRPv3, 0.2 s adverts, process tracking switched on by the probe)",
    render: renderProfile("fast"),
    env: { ...PHASE, BENCH_SETTLE: "2", FAILOVER_WAIT: "15", FAILOVER_READINESS_WAIT: "10" },
  },
  tight: {
    label: "tight",
    description: "the renderers' files, tight profile (VRRPv3, 0.1 s adverts, /readyz every 0.3 s)",
    render: renderProfile("tight"),
    env: { ...PHASE, BENCH_SETTLE: "2", FAILOVER_WAIT: "15", FAILOVER_READINESS_WAIT: "10" },
  },
  conservative: {
    label: "conservative",
    description: "the renderers' files, conservative profile (VRRPv3, 1 s adverts, 1 s terminate delay)",
    render: renderProfile("conservative"),
    env: { ...PHASE, BENCH_SETTLE: "3", FAILOVER_WAIT: "20", FAILOVER_READINESS_WAIT: "15" },
  },
  baseline: {
    label: "baseline",
    description:
      "bench/baselines/handbuilt-lb.ts (the guide: VRRPv2 PASS, script interval 3 fall 10, ssl-hello-chk)",
    render: renderBaseline,
    env: {
      ...PHASE,
      FAILOVER_BACKEND: "apiserver",
      FAILOVER_UNREADY_SERVER: "api-server2",
      FAILOVER_VIP_PREFIX: "24",
      FAILOVER_WAIT: "60",
      FAILOVER_READINESS_WAIT: "10",
      // state MASTER may enter MASTER directly; its check reports success again instead of a state.
      FAILOVER_REJOIN_PATTERN: "Entering [A-Z]* STATE",
      FAILOVER_HAPROXY_BACK_PATTERN: "VRRP_Script(check_haproxy) succeeded",
      // rise 2 x interval 3 s, then priority 101 preempts: wait for the failback before the next round.
      BENCH_SETTLE: "10",
    },
  },
};

export function runDriver(
  mode: "bench" | "soak",
  workdir: string,
  prefix: string,
  env: Record<string, string>,
  timeoutMs: number,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("bash", [DRIVER, mode, workdir, prefix], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** A fresh workdir under /run (keepalived's script security wants root-owned, not world-writable). */
export function withWorkdir<T>(fn: (workdir: string, prefix: string) => Promise<T>): Promise<T> {
  const workdir = mkdtempSync("/run/fsos-bench-");
  chmodSync(workdir, 0o755);
  for (const lb of LBS) mkdirSync(join(workdir, lb), { mode: 0o755 });
  const prefix = `fsos-b${randomBytes(3).toString("hex")}`;
  return fn(workdir, prefix).finally(() => {
    spawn("bash", [DRIVER, "cleanup", workdir, prefix], { stdio: "ignore" });
    // Give cleanup a moment before the files go (it reads WORKDIR/pids).
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        rmSync(workdir, { recursive: true, force: true });
        resolve();
      }, 3000),
    );
  });
}

interface LoadRequest {
  readonly start: number;
  readonly ok: boolean;
}

function readLoad(file: string): LoadRequest[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => {
      const [start, , status] = l.split(" ");
      return { start: Number(start), ok: status === "200" };
    })
    .sort((a, b) => a.start - b.start);
}

export function readHolderLog(file: string): Array<{ at: number; held: string[] }> {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => {
      const [at, ...held] = l.trim().split(/\s+/);
      return { at: Number(at), held };
    });
}

const failedBetween = (load: readonly LoadRequest[], from: number, to: number): number =>
  load.filter((r) => r.start >= from && r.start < to && !r.ok).length;

export async function measureConfig(spec: ConfigSpec, options: VipOptions): Promise<VipConfigResult> {
  return withWorkdir(async (workdir, prefix) => {
    spec.render(workdir);
    const holderLog = join(workdir, "holders.log");
    const { output } = await runDriver(
      "bench",
      workdir,
      prefix,
      {
        ...spec.env,
        BENCH_REPS: String(options.repetitions),
        BENCH_LOAD_RATE: String(options.loadRate),
        FAILOVER_HOLDER_LOG: holderLog,
        FAILOVER_SAMPLER_MAX: "200000",
        ...(options.smoke ? { BENCH_SCENARIOS: "graceful_stop", BENCH_SETTLE: "1" } : {}),
      },
      120_000 + options.repetitions * 200_000,
    );
    // The raw driver transcript stays beside the results: every figure can be traced to it.
    writeFileSync(join(options.outDir, `${options.stem}-vip-${spec.label}.log`), output);
    const parsed = parseDriverOutput(output);
    const load = readLoad(join(workdir, "load.log"));
    const holders = readHolderLog(holderLog);
    const timeline = writeTimeline(spec, options, parsed, load, holders);
    return summarizeConfig(spec, parsed, load, timeline);
  });
}

function summarizeConfig(
  spec: ConfigSpec,
  parsed: DriverOutput,
  load: readonly LoadRequest[],
  timeline: string | null,
): VipConfigResult {
  const per = <T>(fn: (kind: Failover) => T): Record<Failover, T> =>
    Object.fromEntries(FAILOVERS.map((kind) => [kind, fn(kind)])) as Record<Failover, T>;
  const wait = Number(spec.env.FAILOVER_WAIT);
  const failoverFailures = (kind: Failover): number[] =>
    parsed.marks(`${kind}.fault`).map((fault, i) => {
      const recovered = parsed.rounds[i]?.measures[`${kind}.client_recovered`] ?? wait;
      return failedBetween(load, fault, fault + recovered + 0.5);
    });
  const restoreFailures = (kind: Failover): number[] =>
    parsed.marks(`${kind}.fault`).map((fault, i) => {
      const recovered = parsed.rounds[i]?.measures[`${kind}.client_recovered`] ?? wait;
      const settled = parsed.marks(`${kind}.settled`)[i] ?? fault + recovered + 0.5;
      return failedBetween(load, fault + recovered + 0.5, settled);
    });
  const readinessFaults = parsed.marks("readiness.fault");
  const readyAgain = parsed.marks("readiness.ready_again");
  const readinessOut = parsed.values("readiness.out_of_rotation");
  const span = load.length > 1 ? load[load.length - 1].start - load[0].start : 0;
  return {
    label: spec.label,
    description: spec.description,
    repetitions: parsed.rounds.length,
    clientRecovered: per((kind) => summarize(parsed.values(`${kind}.client_recovered`))),
    vipMoved: per((kind) => summarize(parsed.values(`${kind}.vip_moved`))),
    failedRequests: {
      ...per((kind) => summarize(failoverFailures(kind))),
      readiness: summarize(
        readinessFaults.map((fault, i) => failedBetween(load, fault, readyAgain[i] ?? fault)),
      ),
    },
    failedDuringRestore: per((kind) => summarize(restoreFailures(kind))),
    readinessOut: summarize(readinessOut),
    readinessTakenOut: readinessOut.length,
    readinessWaitSeconds: Number(spec.env.FAILOVER_READINESS_WAIT),
    splitBrain: parsed.splitBrain,
    requests: {
      total: load.length,
      failed: load.filter((r) => !r.ok).length,
      ratePerSecond: span > 0 ? round(load.length / span, 1) : 0,
    },
    failedChecks: parsed.failedChecks,
    timeline,
  };
}

function writeTimeline(
  spec: ConfigSpec,
  options: VipOptions,
  parsed: DriverOutput,
  load: readonly LoadRequest[],
  holders: ReadonlyArray<{ at: number; held: string[] }>,
): string | null {
  // HAProxy death is the pictured failover; smoke runs only have a graceful stop.
  const kind = parsed.marks("haproxy_death.fault").length > 0 ? "haproxy_death" : "graceful_stop";
  const fault = parsed.marks(`${kind}.fault`)[0];
  if (fault === undefined) return null;
  const recovered = parsed.rounds[0]?.measures[`${kind}.client_recovered`];
  const settled = parsed.marks(`${kind}.settled`)[0] ?? fault + (recovered ?? 10) + 3;
  // The driver starts the next scenario right after this one settles: mark it, so its failures
  // (for example the 503 API server's) are not read as this failover's.
  const next = [...FAILOVERS, "readiness"]
    .flatMap((name) => parsed.marks(`${name}.fault`).map((at) => ({ name, at })))
    .filter((mark) => mark.at > fault)
    .sort((a, b) => a.at - b.at)[0];
  const nextLabel = next?.name === "readiness" ? "next: 503 server" : `next: ${next?.name ?? ""}`;
  const what =
    kind === "haproxy_death" ? "HAProxy killed on the VIP holder" : "keepalived stopped on the VIP holder";
  const svg = timelineSvg({
    title: `${what}: ${spec.label} configuration`,
    from: -1,
    to: Math.max(3, Math.min(settled - fault, (recovered ?? 10) + 12)),
    lanes: [...LBS],
    holders: holders.map((h) => ({ at: h.at - fault, held: h.held })),
    requests: load.map((r) => ({ at: r.start - fault, ok: r.ok })),
    markers: [
      ...(recovered === undefined ? [] : [{ at: recovered, label: `client ok again (${recovered} s)` }]),
      ...(next === undefined ? [] : [{ at: round(next.at - fault), label: nextLabel }]),
    ],
  });
  const file = `${options.stem}-timeline-${spec.label}.svg`;
  writeFileSync(join(options.outDir, file), svg);
  return file;
}

const ratio = (baseline: Summary, generated: Summary): number | null =>
  baseline.n > 0 && generated.n > 0 && generated.median > 0
    ? round(baseline.median / generated.median, 1)
    : null;

export function vipGoals(generated: VipConfigResult, speedup: VipFailoverResult["speedup"]): VipGoal[] {
  const atMost = (goal: string, s: Summary, limit: number): VipGoal => ({
    goal,
    measured: s.n === 0 ? "not measured" : `median ${s.median} s, max ${s.max} s`,
    met: s.n === 0 ? null : s.median <= limit,
  });
  const out = generated.readinessOut;
  // failedRequests.readiness has one entry per readiness round the driver ran.
  const rounds = generated.failedRequests.readiness.n;
  return [
    atMost("graceful stop: client ok again ≤ 0.2 s", generated.clientRecovered.graceful_stop, 0.2),
    atMost("crash of the holder: client ok again ≤ 0.8 s", generated.clientRecovered.hard_failure, 0.8),
    atMost("HAProxy death: client ok again ≤ 1.5 s", generated.clientRecovered.haproxy_death, 1.5),
    {
      goal: "HAProxy death ≥ 20x faster than the baseline",
      measured: speedup.haproxy_death === null ? "not measured" : `${speedup.haproxy_death}x`,
      met: speedup.haproxy_death === null ? null : speedup.haproxy_death >= 20,
    },
    {
      goal: "unready API server out of rotation ≤ 1.5 s",
      measured: `${generated.readinessTakenOut}/${rounds} taken out; median ${out.n ? out.median : "n/a"} s, max ${out.n ? out.max : "n/a"} s`,
      met: rounds === 0 ? null : generated.readinessTakenOut === rounds && out.max <= 1.5,
    },
    {
      goal: "0 split-brain samples",
      measured: `${generated.splitBrain.violations} of ${generated.splitBrain.samples} samples`,
      met: generated.splitBrain.samples === 0 ? null : generated.splitBrain.violations === 0,
    },
  ];
}

function derivedRecord(name: TimingProfileName): DerivedRecord {
  const d = derivedTimes(name);
  const rate = (p: number): number => Number(d.spuriousPerHour(p).toPrecision(2));
  return {
    masterDownSeconds: d.masterDownSeconds,
    crashSeconds: d.crashSeconds,
    gracefulSeconds: d.gracefulSeconds,
    haproxyDeathTrackedSeconds: d.haproxyDeathTrackedSeconds,
    readinessOutSeconds: d.readinessOutSeconds,
    spuriousPerHour: { p1: rate(0.01), p2: rate(0.02), p5: rate(0.05) },
  };
}

/** Issue 13 §4's goals of the opt-in tight profile (the soak goal is the soak suite's). */
export function tightGoals(tight: VipConfigResult): VipGoal[] {
  const atMost = (goal: string, s: Summary, limit: number): VipGoal => ({
    goal,
    measured: s.n === 0 ? "not measured" : `median ${s.median} s, max ${s.max} s`,
    met: s.n === 0 ? null : s.median <= limit,
  });
  return [
    atMost("tight, crash of the holder: VIP moved ≤ 0.35 s (median)", tight.vipMoved.hard_failure, 0.35),
    atMost("tight, graceful stop: VIP moved ≤ 0.1 s (median)", tight.vipMoved.graceful_stop, 0.1),
  ];
}

export async function vipFailover(options: VipOptions): Promise<VipFailoverResult> {
  // Full runs measure one configuration at a time, so none competes with another for CPU.
  const [generated, baseline] = options.smoke
    ? await Promise.all([measureConfig(SPECS.generated, options), measureConfig(SPECS.baseline, options)])
    : [await measureConfig(SPECS.generated, options), await measureConfig(SPECS.baseline, options)];
  const profiles: Partial<Record<ExtraProfile, VipConfigResult>> = {};
  if (!options.smoke) {
    for (const name of EXTRA_PROFILES) profiles[name] = await measureConfig(SPECS[name], options);
  }
  const speedup = Object.fromEntries(
    FAILOVERS.map((kind) => [kind, ratio(baseline.clientRecovered[kind], generated.clientRecovered[kind])]),
  ) as Record<Failover, number | null>;
  for (const kind of FAILOVERS) {
    console.log(
      `vip: ${kind}: generated ${generated.clientRecovered[kind].median} s, baseline ${baseline.clientRecovered[kind].median} s, ratio ${speedup[kind] ?? "n/a"}x`,
    );
  }
  return {
    generated,
    baseline,
    profiles,
    derived: {
      fast: derivedRecord("fast"),
      tight: derivedRecord("tight"),
      conservative: derivedRecord("conservative"),
    },
    phaseSpreadSeconds: PHASE_SPREAD_SECONDS,
    speedup,
    goals: vipGoals(generated, speedup),
    ...(profiles.tight ? { tightGoals: tightGoals(profiles.tight) } : {}),
  };
}
