/**
 * Real failover of the generated LB files: real keepalived 2.2.7 and HAProxy 2.6 in network
 * namespaces (2 LBs, 3 HTTPS API servers, 1 client on a bridge, 192.0.2.0/24), running exactly
 * the keepalived.conf, haproxy.cfg and check script the renderers produce. The renderers are
 * called with the test's interface name, addresses and file paths, so nothing is substituted.
 *
 * The driver (netns/failover.sh) proves: the client reaches an API server through VIP:6443; a
 * graceful keepalived stop, a HAProxy death and a hard failure (keepalived SIGKILLed, link down)
 * each move the VIP and the client recovers; a 503 /readyz server leaves rotation and returns;
 * a ~50 ms sampler never sees two LBs holding the VIP. Bounds are generous (10 s); the measured
 * times are printed, not asserted (the benchmark owns the figures). Two variants: the default
 * (fast, VRRPv3) and conservative with VRRPv2 PASS authentication (the peers must authenticate).
 *
 * keepalived is started with `--namespace`, not under `ip netns exec`: `vrrp_track_process` uses
 * the kernel process-events connector, which exists only in the initial network namespace, and
 * keepalived opens it before entering the named one. On an LB instance keepalived runs in the
 * initial namespace anyway.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test, type TestContext } from "node:test";
import {
  renderCheckScript,
  renderHaproxyCfg,
  renderKeepalivedConf,
  type TimingProfileName,
} from "../../components/openstack/render";
import { need } from "../harness/tools";
import { pairInputs } from "./render-inputs";

const DRIVER = join(__dirname, "netns", "failover.sh");
const LBS = ["lb1", "lb2"] as const;

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

interface PairVariant {
  readonly timing: TimingProfileName;
  readonly authPassword?: string;
}

/** Renders the pair into workdir/lb1 and workdir/lb2. */
function renderPair(workdir: string, variant: PairVariant): void {
  const inputs = pairInputs({
    ...variant,
    interfaceName: "ens3",
    // keepalived checks the script as this user; every Debian system has it (instances create theirs).
    scriptUser: "nobody",
    paths: (i) => {
      const dir = join(workdir, LBS[i]);
      return {
        keepalivedConf: join(dir, "keepalived.conf"),
        haproxyCfg: join(dir, "haproxy.cfg"),
        checkScript: join(dir, "check.sh"),
        haproxyStatsSocket: join(dir, "admin.sock"),
      };
    },
  });
  inputs.forEach((input, i) => {
    const dir = join(workdir, LBS[i]);
    mkdirSync(dir, { mode: 0o755 });
    writeFileSync(join(dir, "keepalived.conf"), renderKeepalivedConf(input), { mode: 0o600 });
    writeFileSync(join(dir, "haproxy.cfg"), renderHaproxyCfg(input));
    writeFileSync(join(dir, "check.sh"), renderCheckScript(input), { mode: 0o755 });
  });
}

function runDriver(workdir: string, prefix: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("bash", [DRIVER, "run", workdir, prefix], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    // A hung run must not hang the suite; the driver's trap cleans up on TERM.
    const timer = setTimeout(() => child.kill("SIGTERM"), 120_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

async function provePair(t: TestContext, variant: PairVariant): Promise<void> {
  if (
    !need(t, { commands: ["keepalived", "haproxy", "ip", "openssl", "python3", "curl", "bash"], root: true })
  ) {
    return;
  }
  // /run: root-owned and not world-writable, as keepalived's script security wants the path.
  const workdir = mkdtempSync("/run/fsos-");
  chmodSync(workdir, 0o755);
  const prefix = `fsos-${randomBytes(3).toString("hex")}`;
  try {
    renderPair(workdir, variant);
    const { code, output } = await runDriver(workdir, prefix);
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
    for (const name of EXPECTED_CHECKS) {
      const check = checks.get(name);
      assert.ok(check, `the driver never reported ${name}:\n${output}`);
      assert.equal(check.result, "ok", `${name}: ${check.detail}\n${output}`);
    }
    assert.equal(code, 0, output);
  } finally {
    spawnSync("bash", [DRIVER, "cleanup", workdir, prefix], { stdio: "ignore", timeout: 30_000 });
    const left = spawnSync("ip", ["netns", "list"], { encoding: "utf8" }).stdout;
    rmSync(workdir, { recursive: true, force: true });
    assert.doesNotMatch(left, new RegExp(`^${prefix}-`, "m"), "namespaces left behind");
  }
}

// The two topologies are independent (own namespaces, workdir and PIDs): run them side by side.
describe("keepalived + HAProxy pair fails over for real in network namespaces", { concurrency: true }, () => {
  test("default: fast profile, VRRPv3 without authentication", (t) => provePair(t, { timing: "fast" }));
  test("conservative profile, VRRPv2 with PASS authentication", (t) =>
    provePair(t, { timing: "conservative", authPassword: "Pa55word" }));
});
