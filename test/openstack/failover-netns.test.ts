/**
 * Real failover of the generated LB files: real keepalived 2.2.7 and HAProxy 2.6 in network
 * namespaces (2 LBs, 3 HTTPS API servers, 1 client on a bridge, 192.0.2.0/24), running exactly
 * the keepalived.conf, haproxy.cfg and check script the renderers produce. The renderers are
 * called with the test's interface name, addresses and file paths, so nothing is substituted.
 *
 * The driver (lab/openstack/failover.sh) proves: the client reaches an API server through VIP:6443; a
 * graceful keepalived stop, a HAProxy death and a hard failure (keepalived SIGKILLed, link down)
 * each move the VIP and the client recovers; a 503 /readyz server leaves rotation and returns;
 * a ~50 ms sampler never sees two LBs holding the VIP (and does when the VIP is put on both).
 * Bounds are generous (10 s); the measured times are printed, not asserted (the benchmark owns the
 * figures). Two variants: the default (fast, VRRPv3) and conservative with VRRPv2 PASS
 * authentication (the peers must authenticate).
 *
 * keepalived is started with `--namespace`, not under `ip netns exec`: `vrrp_track_process` uses
 * the kernel process-events connector, which answers only in the initial network namespace, and
 * keepalived opens it before entering the named one. On an LB instance keepalived runs in the
 * initial namespace anyway. Two more variants prove that a missing or mismatched process feed
 * degrades to the check script (issue 13 §2): HAProxy started with another command line, and
 * keepalived (and its probe) started under `ip netns exec` without process events. In both the
 * rendered probe must switch tracking off, exactly one LB must hold the VIP, and a HAProxy death
 * must move it through the check script.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, test, type TestContext } from "node:test";
import type { TimingProfileName } from "../../components/openstack/render";
import { need } from "../harness/tools";
import { writeLbPair } from "../../lab/openstack/lb-files";

const DRIVER = join(__dirname, "..", "..", "lab", "openstack", "failover.sh");

/** Every check the driver must report as ok. */
const EXPECTED_CHECKS = [
  "initial.elected",
  "reach",
  "graceful_stop.vip_moved",
  "graceful_stop.client_recovered",
  "haproxy_death.vip_moved",
  "haproxy_death.client_recovered",
  "hard_failure.vip_moved",
  "hard_failure.client_recovered",
  "readiness.out_of_rotation",
  "readiness.no_traffic",
  "readiness.back_in_rotation",
  "readiness.traffic_back",
  "single_holder",
  "lb1.keepalived_log",
  "lb2.keepalived_log",
];

/** The checks of the degraded variants: election, reach, HAProxy death and a graceful stop. */
const DEGRADED_CHECKS = [
  "initial.elected",
  "reach",
  "haproxy_death.vip_moved",
  "haproxy_death.client_recovered",
  "graceful_stop.vip_moved",
  "graceful_stop.client_recovered",
  "single_holder",
  "lb1.keepalived_log",
  "lb2.keepalived_log",
];

interface PairVariant {
  readonly timing: TimingProfileName;
  readonly authPassword?: string;
  /** Driver environment of the variant (see failover.sh). */
  readonly env?: Record<string, string>;
  readonly checks?: readonly string[];
  /** Must the probe switch process tracking on (both LBs) or off (both LBs)? */
  readonly feed: "on" | "off";
}

function runDriver(
  workdir: string,
  prefix: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("bash", [DRIVER, "run", workdir, prefix], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    // A hung run must not hang the suite; the driver's trap cleans up on TERM.
    const timer = setTimeout(() => child.kill("SIGTERM"), 150_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

interface DriverRun {
  readonly code: number | null;
  readonly output: string;
  readonly checks: ReadonlyMap<string, { result: string; detail: string }>;
}

/** Renders the pair, runs the driver on it and cleans up; undefined when the tools are missing. */
async function runPair(t: TestContext, variant: Omit<PairVariant, "feed">): Promise<DriverRun | undefined> {
  if (
    !need(t, { commands: ["keepalived", "haproxy", "ip", "openssl", "python3", "curl", "bash"], root: true })
  ) {
    return undefined;
  }
  // /run: root-owned and not world-writable, as keepalived's script security wants the path.
  const workdir = mkdtempSync("/run/fsos-");
  chmodSync(workdir, 0o755);
  const prefix = `fsos-${randomBytes(3).toString("hex")}`;
  try {
    writeLbPair(workdir, {
      timing: variant.timing,
      ...(variant.authPassword === undefined ? {} : { authPassword: variant.authPassword }),
    });
    const { code, output } = await runDriver(workdir, prefix, variant.env ?? {});
    const checks = new Map<string, { result: string; detail: string }>();
    for (const line of output.split("\n")) {
      const check = /^CHECK (\S+) (ok|fail) ?(.*)$/.exec(line);
      if (check) checks.set(check[1], { result: check[2], detail: check[3] });
      const measure = /^MEASURE (\S+) (\S+)$/.exec(line);
      if (measure) {
        t.diagnostic(`${measure[1]}: ${measure[2]} s`);
        console.log(`measured (${variant.timing}) ${measure[1]}: ${measure[2]} s`);
      }
    }
    return { code, output, checks };
  } finally {
    spawnSync("bash", [DRIVER, "cleanup", workdir, prefix], { stdio: "ignore", timeout: 30_000 });
    const left = spawnSync("ip", ["netns", "list"], { encoding: "utf8" }).stdout;
    rmSync(workdir, { recursive: true, force: true });
    assert.doesNotMatch(left, new RegExp(`^${prefix}-`, "m"), "namespaces left behind");
  }
}

async function provePair(t: TestContext, variant: PairVariant): Promise<void> {
  const run = await runPair(t, variant);
  if (run === undefined) return;
  const { code, output, checks } = run;
  // Every start of keepalived ran the probe; each verdict must be the variant's.
  const feeds = [...output.matchAll(/^FEED (lb\d) (on|off)$/gm)].map((m) => `${m[1]} ${m[2]}`);
  assert.ok(feeds.some((f) => f.startsWith("lb1")) && feeds.some((f) => f.startsWith("lb2")), output);
  for (const feed of feeds) assert.ok(feed.endsWith(variant.feed), `probe verdict ${feed}:\n${output}`);
  const noticed = /^NOTICED haproxy_death process=(\d+) script=(\d+)$/m.exec(output);
  assert.ok(noticed, `no HAProxy death verdict:\n${output}`);
  if (variant.feed === "off") {
    assert.equal(noticed[1], "0", `the process tracker acted although it is off:\n${output}`);
    assert.notEqual(noticed[2], "0", `the check script never saw HAProxy die:\n${output}`);
  } else {
    assert.notEqual(noticed[1], "0", `the process tracker never saw HAProxy die:\n${output}`);
  }
  for (const name of variant.checks ?? EXPECTED_CHECKS) {
    const check = checks.get(name);
    assert.ok(check, `the driver never reported ${name}:\n${output}`);
    assert.equal(check.result, "ok", `${name}: ${check.detail}\n${output}`);
  }
  assert.equal(code, 0, output);
}

/** A pair whose process feed is missing or mismatched: the probe must switch tracking off. */
function degraded(env: Record<string, string>): PairVariant {
  const scenarios = { FAILOVER_SCENARIOS: "haproxy_death graceful_stop" };
  return { timing: "fast", feed: "off", env: { ...env, ...scenarios }, checks: DEGRADED_CHECKS };
}

// The topologies are independent (own namespaces, workdir and PIDs): run them side by side.
describe("keepalived + HAProxy pair fails over for real in network namespaces", { concurrency: true }, () => {
  test("default: fast profile, VRRPv3 without authentication", (t) =>
    provePair(t, { timing: "fast", feed: "on" }));
  test("conservative profile, VRRPv2 with PASS authentication", (t) =>
    provePair(t, { timing: "conservative", authPassword: "Pa55word", feed: "on" }));
  test("HAProxy started with another command line: the check script takes over", (t) =>
    provePair(t, degraded({ FAILOVER_HAPROXY_CMDLINE: "other" })));
  test("keepalived under ip netns exec, no process events: the check script takes over", (t) =>
    provePair(t, degraded({ FAILOVER_KEEPALIVED_CONTEXT: "netns-exec" })));
  // The sampler reads the LBs one after another and re-reads the first holder, so a handover
  // between two reads is not a violation; this proves a real second holder still is one.
  test("the sampler reports a VIP held by both LBs", async (t) => {
    const run = await runPair(t, { timing: "fast", env: { FAILOVER_SCENARIOS: "sampler_selftest" } });
    if (run === undefined) return;
    const holder = run.checks.get("single_holder");
    assert.equal(holder?.result, "fail", run.output);
    assert.match(holder.detail, /[1-9]\d* with two holders/, run.output);
    assert.notEqual(run.code, 0, run.output);
  });
});
