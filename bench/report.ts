/**
 * Renders BENCHMARKS.md from one results file: method, machine and load, the exact command, goal
 * status, one table per suite (median, min, max), ratios against the hand-built baseline, the
 * timeline pictures, program and tooling cost. Every figure comes from the results object.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../offline/stack-file";
import { round, type Summary } from "./lib/stats";
import type { BenchResults } from "./suites";
import { COLD_START_GOAL, type ColdStartRow } from "./suites/cold-start";
import type { DerivedRecord, VipConfigResult, VipFailoverResult } from "./suites/vip-failover";

type Goal = { readonly goal: string; readonly measured: string; readonly met: boolean | null };

/** JSON turns NaN into null: a summary of nothing reads as n/a. */
const known = (s: Summary | undefined): s is Summary =>
  s !== undefined && s.n > 0 && s.median !== null && Number.isFinite(s.median);

const fmt = (s: Summary | undefined, unit: string): string =>
  known(s) ? `${s.median} ${unit} (min ${s.min}, max ${s.max}, n=${s.n})` : "n/a";

const cell = (s: Summary | undefined): string => (known(s) ? `${s.median} (${s.min}–${s.max})` : "n/a");

const status = (met: boolean | null): string => (met === null ? "not measured" : met ? "met" : "**not met**");

const FAILOVER_ROWS = [
  ["graceful_stop", "graceful keepalived stop on the holder"],
  ["hard_failure", "crash of the holder (keepalived SIGKILL + link down)"],
  ["haproxy_death", "HAProxy killed on the holder"],
] as const;

/** Failed driver checks, one entry per check name with how often it failed and its first detail. */
function checksCell(failed: readonly string[]): string {
  if (failed.length === 0) return "none";
  const byName = new Map<string, { count: number; detail: string }>();
  for (const entry of failed) {
    const [name, ...rest] = entry.split(": ");
    const seen = byName.get(name);
    if (seen) seen.count += 1;
    else byName.set(name, { count: 1, detail: rest.join(": ") });
  }
  return [...byName].map(([name, { count, detail }]) => `${name} ×${count} (first: ${detail})`).join("; ");
}

function goalTable(goals: readonly Goal[]): string[] {
  return [
    "| goal | measured | status |",
    "| --- | --- | --- |",
    ...goals.map((g) => `| ${g.goal} | ${g.measured} | ${status(g.met)} |`),
    "",
  ];
}

function readinessCell(c: VipConfigResult): string {
  if (c.readinessTakenOut === 0) {
    return `never taken out within the ${c.readinessWaitSeconds} s bounded wait (0/${c.failedRequests.readiness.n})`;
  }
  return `${c.readinessTakenOut}/${c.failedRequests.readiness.n} taken out; ${cell(c.readinessOut)} s`;
}

/**
 * When each split-brain sample happened, from the driver transcript beside the results: the
 * sampler's timestamps after the latest fault before them ("haproxy_death + 32.2 s").
 */
export function splitBrainMoments(transcript: string): string[] {
  const faults: Array<{ at: number; name: string }> = [];
  const moments: string[] = [];
  for (const line of transcript.split("\n")) {
    const fault = /^MARK (\S+)\.fault (\d+\.\d+)$/.exec(line);
    if (fault) faults.push({ name: fault[1], at: Number(fault[2]) });
    const both = /(?:^|: )(\d+\.\d+) lb1 lb2$/.exec(line);
    if (both) {
      const at = Number(both[1]);
      const last = faults.filter((f) => f.at <= at).pop();
      moments.push(last ? `${last.name} + ${(at - last.at).toFixed(1)} s` : "before the first fault");
    }
  }
  return moments;
}

function splitBrainNote(resultsFile: string, c: VipConfigResult, stem: string): string[] {
  if (c.splitBrain.violations === 0) return [];
  const file = path.join(REPO_ROOT, path.dirname(resultsFile), `${stem}-vip-${c.label}.log`);
  if (!existsSync(file)) return [];
  const moments = splitBrainMoments(readFileSync(file, "utf8"));
  return moments.length === 0
    ? []
    : [`The ${c.label}'s split-brain samples, after the fault of the round: ${moments.join("; ")}.`, ""];
}

function vipSection(results: BenchResults, resultsFile: string): string[] {
  const vip = results.suites.vipFailover;
  if (!vip) return [];
  const { generated: g, baseline: b } = vip;
  const picture = (c: VipConfigResult): string[] =>
    c.timeline ? [`![${c.label} timeline](${path.join(path.dirname(resultsFile), c.timeline)})`, ""] : [];
  return [
    "## VIP failover: generated LB pair vs the hand-built baseline",
    "",
    `- generated: ${g.description}`,
    `- baseline: ${b.description}`,
    "",
    `Both run in the same run through the same driver (\`lab/openstack/failover.sh bench\`), topology`,
    "(2 LBs, 3 HTTPS API servers, 1 client on a bridge, 192.0.2.0/24, VIP 192.0.2.10:6443) and client:",
    `a steady load of ~${g.requests.ratePerSecond} req/s (one HTTPS GET /readyz per 50 ms, 1 s timeout, each in`,
    "its own thread) runs through every round. Each round: graceful stop, crash, HAProxy death, a 503",
    "API server; after each fault the driver restores the failed part and waits until the pair has",
    "settled (baseline: 10 s, for its rise 2 × 3 s check and its preemption back to priority 101).",
    '"Client ok again" is the first successful request of a 20 ms probe loop after the fault.',
    `Every fault first waits a uniformly random 0–${vip.phaseSpreadSeconds ?? "?"} s (a whole number of both configurations'`,
    "advert intervals), so it lands at a random phase of the advert cycle, the same way for both.",
    "",
    "Seconds until clients succeed again, median (min–max) over the repetitions:",
    "",
    "| failover | generated | baseline | baseline / generated |",
    "| --- | --- | --- | --- |",
    ...FAILOVER_ROWS.map(
      ([kind, label]) =>
        `| ${label} | ${cell(g.clientRecovered[kind])} | ${cell(b.clientRecovered[kind])} | ${vip.speedup[kind] === null ? "n/a" : `${vip.speedup[kind]}x`} |`,
    ),
    "",
    "Seconds until the other LB alone holds the VIP:",
    "",
    "| failover | generated | baseline |",
    "| --- | --- | --- |",
    ...FAILOVER_ROWS.map(
      ([kind, label]) => `| ${label} | ${cell(g.vipMoved[kind])} | ${cell(b.vipMoved[kind])} |`,
    ),
    "",
    "Failed client requests of the steady load, per repetition: from the fault until recovery + 0.5 s,",
    'and ("restore") while the failed part comes back (the baseline\'s preemptive failback shows here):',
    "",
    "| failover | generated | baseline | generated, restore | baseline, restore |",
    "| --- | --- | --- | --- | --- |",
    ...FAILOVER_ROWS.map(
      ([kind, label]) =>
        `| ${label} | ${cell(g.failedRequests[kind])} | ${cell(b.failedRequests[kind])} | ${cell(g.failedDuringRestore[kind])} | ${cell(b.failedDuringRestore[kind])} |`,
    ),
    `| API server answering 503 on /readyz (until it is ready again) | ${cell(g.failedRequests.readiness)} | ${cell(b.failedRequests.readiness)} | | |`,
    "",
    "| | generated | baseline |",
    "| --- | --- | --- |",
    `| repetitions | ${g.repetitions} | ${b.repetitions} |`,
    `| unready API server out of rotation | ${readinessCell(g)} | ${readinessCell(b)} |`,
    `| split-brain samples (both LBs hold the VIP) | ${g.splitBrain.violations} of ${g.splitBrain.samples} (every ~${g.splitBrain.meanIntervalSeconds ?? "?"} s) | ${b.splitBrain.violations} of ${b.splitBrain.samples} (every ~${b.splitBrain.meanIntervalSeconds ?? "?"} s) |`,
    `| load requests, failed / total | ${g.requests.failed} / ${g.requests.total} | ${b.requests.failed} / ${b.requests.total} |`,
    `| driver checks that failed | ${checksCell(g.failedChecks)} | ${checksCell(b.failedChecks)} |`,
    "",
    ...splitBrainNote(resultsFile, g, path.basename(resultsFile, ".json")),
    ...splitBrainNote(resultsFile, b, path.basename(resultsFile, ".json")),
    "Goals of the generated configuration (fast default profile):",
    "",
    ...goalTable(vip.goals),
    ...profileSection(vip),
    "Timelines of one failover (the first HAProxy death; blue = VIP holder, ticks = client requests):",
    "",
    ...picture(g),
    ...picture(b),
  ];
}

const span = (r: { min: number; max: number }): string =>
  r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`;

/** Measured VIP moves of every generated profile beside what its timers imply (derived.ts). */
function profileSection(vip: VipFailoverResult): string[] {
  const derived = vip.derived;
  if (!derived) return [];
  const rows: Array<[string, VipConfigResult | undefined, DerivedRecord]> = [
    ["tight", vip.profiles?.tight, derived.tight],
    ["fast (default)", vip.generated, derived.fast],
    ["conservative", vip.profiles?.conservative, derived.conservative],
  ];
  return [
    "## VIP failover per timing profile: measured beside derived",
    "",
    "Seconds until the other LB alone holds the VIP, median (min–max), beside the range the profile's",
    "timers imply (components/openstack/render/derived.ts: skew = (256 − priority) × advert / 256,",
    "master_down = 3 × advert + skew, a crash at a random phase moves the VIP after master_down − advert",
    "to master_down; a graceful stop or a tracked HAProxy death after the skew, plus any terminate",
    "delay). The observers poll every 20–50 ms on an idle machine (the sampler's measured mean interval",
    "is in the table above), and a loaded machine starves them and the daemons alike: a measured move",
    "exceeds the derived one by at least the observation delay.",
    "",
    "| profile | crash: measured | crash: derived | graceful: measured | graceful: derived | HAProxy death: measured | HAProxy death: derived (tracked) | /readyz out: measured | derived |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows.map(
      ([name, c, d]) =>
        `| ${name} | ${cell(c?.vipMoved.hard_failure)} | ${span(d.crashSeconds)} | ${cell(c?.vipMoved.graceful_stop)} | ${span(d.gracefulSeconds)} | ${cell(c?.vipMoved.haproxy_death)} | ${span(d.haproxyDeathTrackedSeconds)} | ${c ? cell(c.readinessOut) : "n/a"} | ${span(d.readinessOutSeconds)} |`,
    ),
    "",
    "Driver checks that failed: " +
      rows.map(([name, c]) => `${name}: ${c ? checksCell(c.failedChecks) : "not run"}`).join("; ") +
      ".",
    "",
    ...(vip.tightGoals ? ["Goals of the opt-in tight profile:", "", ...goalTable(vip.tightGoals)] : []),
  ];
}

function soakSection(results: BenchResults): string[] {
  const soak = results.suites.vipSoak;
  if (!soak) return [];
  const spurious = soak.masterTransitions ?? Number.NaN;
  const net = soak.network;
  const netem = Object.entries(soak.netem ?? {});
  return [
    `## Idle soak of the generated pair (${soak.profile ?? "fast"} profile) under CPU load${net ? ", loss and delay" : ""}`,
    "",
    `${soak.seconds} s with no fault injected, ${soak.burners} busy loops (\`timeout ${soak.seconds} sh -c 'while :; do :; done'\`)`,
    `competing for the ${results.machine.cores} cores; 1-minute load average at the end: ${soak.loadAverageAtEnd}.`,
    ...(net
      ? [
          `Every VRRP packet each LB sends is dropped with probability ${net.loss} and otherwise delayed`,
          `${net.delayMs} ± ${net.jitterMs} ms (uniform): iptables' NFQUEUE target in the LB's namespace hands it to`,
          "`lab/openstack/netem-queue.py` (this kernel has neither sch_netem nor nft's `queue`).",
          `Expected spurious takeovers in these ${soak.seconds} s at that loss (derived: (${soak.seconds} / advert) · (1 − p) · p³): ${soak.expectedSpurious ?? "?"}.`,
          "",
          "| LB | VRRP packets queued | dropped | mean added delay (ms) | worst release lateness (ms) |",
          "| --- | --- | --- | --- | --- |",
          ...netem.map(
            ([lb, n]) => `| ${lb} | ${n.seen} | ${n.dropped} | ${n.meanDelayMs} | ${n.maxLatenessMs} |`,
          ),
        ]
      : []),
    "",
    "| | value |",
    "| --- | --- |",
    `| VRRP MASTER transitions after the initial election | ${soak.masterTransitions ?? "n/a"} |`,
    `| VIP holder changes seen by the sampler | ${soak.holderChanges} |`,
    `| split-brain samples | ${soak.splitBrain.violations} of ${soak.splitBrain.samples} |`,
    `| driver checks that failed | ${checksCell(soak.failedChecks)} |`,
    "",
    ...goalTable([
      {
        goal: `0 spurious holder changes in a ${soak.seconds} s idle soak under CPU load${net ? ", loss and delay" : ""} (the goal asks for 600 s)`,
        measured: `${soak.masterTransitions ?? "?"} MASTER transitions, ${soak.holderChanges} holder changes`,
        met: Number.isFinite(spurious) ? spurious === 0 && soak.holderChanges === 0 : null,
      },
    ]),
  ];
}

function egressSection(results: BenchResults): string[] {
  const egress = results.suites.egressSwitch;
  if (!egress) return [];
  return [
    "## Egress switch (DigitalOcean NAT gateways, generated NAT script)",
    "",
    'A worker, two gateways running the generated NAT setup script and a "whoami" internet in network',
    "namespaces; a probe loop in the worker requests a routed destination every ~20 ms (0.5 s timeout)",
    `and labels each answer by the source address the server saw. ${egress.repetitions} repetitions each.`,
    "",
    `Operator procedure (delete the route via the primary, settle ${egress.settleSeconds} s, create it via the`,
    "secondary; production settles 45 s by default, and the own-address window grows with it one for one):",
    "",
    "| seconds | median (min–max) |",
    "| --- | --- |",
    `| leaving through the worker's own address | ${cell(egress.operator.ownAddressSeconds)} |`,
    `| failing | ${cell(egress.operator.failedSeconds)} |`,
    `| until the first answer through the new gateway | ${cell(egress.operator.newGatewayAfterSeconds)} |`,
    `| the procedure itself | ${cell(egress.operator.procedureSeconds)} |`,
    "",
    "Routing-agent style: one ECMP route over both gateways; the primary's VPC link goes down and the",
    "agent replaces the route with the live gateway only 0.5 s later (its probe interval):",
    "",
    "| | median (min–max) |",
    "| --- | --- |",
    `| requests through the worker's own address | ${cell(egress.agent.ownAddressSamples)} |`,
    `| seconds failing | ${cell(egress.agent.failedSeconds)} |`,
    `| seconds until only the new gateway answers | ${cell(egress.agent.newGatewayOnlyAfterSeconds)} |`,
    "",
    ...goalTable(egress.goals),
  ];
}

function programCostSection(results: BenchResults): string[] {
  const cost = results.suites.programCost;
  if (!cost) return [];
  return [
    "## Program cost (offline synth)",
    "",
    "Wall time and peak RSS of one `npm run synth`-equivalent evaluation in a fresh Node process, for the",
    `prod stack and synthetic stacks whose repeatable parts (${cost.scaledSections.join(", ") || "none yet"}) are multiplied`,
    "(bench/scalers.ts: route sets x factor; ipfailover instances x factor up to 50 copies, beyond that more",
    "VIPs per instance, router ids within 1..255; internal load balancers and external services x factor).",
    "",
    "| stack | resources | wall time | peak RSS |",
    "| --- | --- | --- | --- |",
    ...cost.rows.map(
      (r) => `| ${r.stack} | ${r.resources} | ${fmt(r.wallSeconds, "s")} | ${fmt(r.peakRssMiB, "MiB")} |`,
    ),
    "",
    "Growth relative to prod (median): " +
      cost.growth
        .map((g) => `x${g.factor}: resources ${g.resources}x, time ${g.time}x, memory ${g.memory}x`)
        .join("; "),
    "",
    ...coldStartSection(results.suites.coldStart?.rows),
  ];
}

const MIB_IN_MB = 1.048576;

function coldStartSection(rows: readonly ColdStartRow[] | undefined): string[] {
  if (!rows || rows.length === 0) return [];
  const goal = COLD_START_GOAL;
  const met = (r: ColdStartRow): boolean | null =>
    known(r.wallSeconds)
      ? r.wallSeconds.median <= goal.seconds && r.peakRssMiB.median * MIB_IN_MB <= goal.rssMB
      : null;
  return [
    "### Cold start under Pulumi's runtime entry",
    "",
    "The program started as `pulumi preview` starts it: `@pulumi/pulumi/cmd/run` with the command line and",
    "environment Pulumi's language host builds from `Pulumi.yaml`, against the fake engine of",
    "`offline/language-host.ts`, with an empty loader cache (a fresh `TMPDIR`) per run; wall time from",
    `spawn to exit, CPU time (user + system) and peak RSS (VmHWM) of the node process. Goal: at most`,
    `${goal.seconds} s and ${goal.rssMB} MB (${round(goal.rssMB / MIB_IN_MB, 1)} MiB). On a shared, loaded machine the wall time is the CPU time stretched by`,
    "the other work (see the load average in the command line above); the CPU time is what a dedicated runner",
    "pays. The `typescript: true` rows are the set-up before (Pulumi's vendored ts-node, type-checking), once.",
    "",
    "| stack | loader | registrations | wall time | CPU time | peak RSS | goal |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...rows.map(
      (r) =>
        `| ${r.stack} | ${r.loader} | ${r.resources} | ${fmt(r.wallSeconds, "s")} | ${fmt(r.cpuSeconds, "s")} | ${fmt(r.peakRssMiB, "MiB")} | ${
          r.error
            ? `fails: ${r.error.replaceAll("|", "\\|")}`
            : r.loader.startsWith("Pulumi.yaml")
              ? status(met(r))
              : "(comparison)"
        } |`,
    ),
    "",
  ];
}

function toolingSection(results: BenchResults): string[] {
  const tooling = results.suites.toolingCost;
  if (!tooling) return [];
  const passed = tooling.npmTestPassed === false ? " (failed)" : "";
  return [
    "## Tooling cost (fresh clone of HEAD)",
    "",
    "| step | seconds |",
    "| --- | --- |",
    `| npm ci | ${tooling.npmCiSeconds} |`,
    `| npm run typecheck | ${tooling.typecheckSeconds} |`,
    `| npm test | ${tooling.npmTestSeconds ?? "not run"}${passed} |`,
    "",
  ];
}

function goalSummary(results: BenchResults): string[] {
  const goals = [
    ...(results.suites.vipFailover?.goals ?? []),
    ...(results.suites.vipFailover?.tightGoals ?? []),
    ...(results.suites.egressSwitch?.goals ?? []),
  ];
  return goals.length === 0 ? [] : ["## Goals at a glance", "", ...goalTable(goals)];
}

function methodSection(): string[] {
  return [
    "## Method",
    "",
    "- **VIP failover**: real keepalived and HAProxy in network namespaces, the generated LB-pair files",
    "  (fast default profile, then tight and conservative) and the guide's hand-built configuration",
    "  (`bench/baselines/handbuilt-lb.ts`) one after the other, same topology, addresses, client and load.",
    "  Faults: keepalived SIGTERM on the holder; SIGKILL of every keepalived process plus link down; SIGKILL",
    "  of HAProxy; one API server answering 503 on /readyz. Each fault waits a uniformly random pause",
    "  first (a random phase of the advert cycle, for every configuration alike). A ~50 ms sampler",
    "  records who holds the VIP the whole time.",
    "- **Soak**: the generated pair idle under CPU load from busy loops (and, where stated, emulated",
    "  VRRP loss and delay); every MASTER transition after the initial election and every holder change",
    "  is spurious.",
    "- **Egress switch**: the generated NAT script on two gateway namespaces; a probe loop in the worker",
    "  labels every answer by the source address the destination saw.",
    "- **Program cost**: the offline synth of the prod stack and of synthetic 10x/100x stacks, each run",
    "  in a fresh Node process (wall time, peak RSS). **Tooling cost**: a fresh clone of HEAD.",
    "- Medians with min and max over the repetitions; no figure is asserted anywhere. Reproduce with",
    "  `npm run bench` as root (about 25 minutes; `--reps`, `--soak-seconds`, `--settle`, `--only`).",
    "",
  ];
}

export function renderBenchmarks(results: BenchResults, resultsFile: string): string {
  const m = results.machine;
  const load = results.load;
  const errors = Object.entries(results.errors ?? {});
  return [
    "# Benchmarks",
    "",
    `Generated by \`${results.command}\` on ${results.date} from \`${resultsFile}\`. Every figure below comes`,
    "from that file (the driver transcripts and pictures beside it). A benchmark never fails CI on a number;",
    "CI runs a smoke version (`test/bench/smoke.test.ts`) only to prove that the suites still work.",
    "",
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, kernel ${m.kernel ?? "?"}, ` +
      `${m.keepalived ?? "keepalived ?"}, ${m.haproxy ?? "haproxy ?"}.`,
    ...(load
      ? [
          "",
          "The machine is shared with other work (other sessions' test runs); `uptime` when the run",
          `started: \`${load.start.uptime}\`${load.end ? `; when it ended: \`${load.end.uptime}\`` : ""}.`,
        ]
      : []),
    ...(results.options
      ? [
          "",
          `Settings: ${results.options.repetitions} repetitions, ${results.options.soakSeconds} s soak, ` +
            `${results.options.settleSeconds} s egress settle${results.smoke ? " (smoke run)" : ""}.`,
        ]
      : []),
    "",
    ...methodSection(),
    ...(errors.length
      ? ["Suites that failed in this run:", "", ...errors.map(([s, e]) => `- ${s}: ${e}`), ""]
      : []),
    ...goalSummary(results),
    ...vipSection(results, resultsFile),
    ...soakSection(results),
    ...egressSection(results),
    ...programCostSection(results),
    ...toolingSection(results),
  ].join("\n");
}
