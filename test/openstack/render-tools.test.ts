/**
 * Every LB artifact checked by the real tool that consumes it: `keepalived -t`, `haproxy -c`,
 * `shellcheck` and `cloud-init schema` on the full user-data, for 2 and 3 LBs, every timing
 * profile, VRRPv3 and VRRPv2 with PASS authentication; keepalived.conf with the process tracker
 * switched off and on (its fragments activated as the probe does), the probe compiled by python3,
 * and the HAProxy / keepalived drop-ins by `systemd-analyze verify` on the installed units.
 * Any non-zero exit or any warning fails.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test, type TestContext } from "node:test";
import {
  PROCESS_FEED_PROBE,
  renderCheckScript,
  renderHaproxyCfg,
  renderHaproxyExecDropIn,
  renderKeepalivedConf,
  renderKeepalivedFeedDropIn,
  renderLbCloudInit,
  renderTrackProcessFragments,
  TRACK_DEFINITION_FILE,
  planLbRender,
  TRACK_REFERENCE_FILE,
  type LbRenderInput,
  type LbRenderPlan,
} from "../../components/openstack/render";
import { need } from "../harness/tools";
import { pairInputs, type PairOptions } from "../../lab/openstack/render-inputs";

interface ToolRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
}

/** Runs a tool to completion; never rejects (the exit status is part of the result). */
function run(command: string, args: readonly string[]): Promise<ToolRun> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], timeout: 20_000 });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", (error) =>
      resolve({ status: null, signal: null, output: `${output}${error.message}` }),
    );
    child.on("close", (status, signal) => resolve({ status, signal, output }));
  });
}

function assertClean(label: string, result: ToolRun, warnings: RegExp): void {
  assert.equal(result.status, 0, `${label} exited ${result.status} (${result.signal}):\n${result.output}`);
  assert.doesNotMatch(result.output, warnings, `${label} reported a problem:\n${result.output}`);
}

/**
 * keepalived 2.2.7 in config-test mode SIGTERMs itself after checking a script as a non-root
 * `script_user` (it compares its parent PID with a main PID that -t never sets; upstream now
 * skips that check under -t). SIGTERM ignored by the parent survives exec, so the test finishes
 * and reports its real status; nothing else in -t mode depends on SIGTERM.
 */
function keepalivedTest(file: string): Promise<ToolRun> {
  return run("bash", ["-c", 'trap "" TERM; exec keepalived -t -l -f "$1"', "keepalived-test", file]);
}

/** keepalived -t insists the interface exists: use one of this host's (the only substitution). */
function hostInterface(): string {
  const name = readdirSync("/sys/class/net").find((iface) => iface !== "lo");
  assert.ok(name, "no non-loopback network interface on this host for keepalived -t");
  return name;
}

/** mkdtemp makes 0700 directories; the script user must be able to reach the check script. */
function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "fsos-render-"));
  chmodSync(dir, 0o755);
  return dir;
}

const KEEPALIVED_PROBLEMS =
  /warning|unknown keyword|error|ignoring|not found|invalid|outside range|must be|disabling/i;
const HAPROXY_PROBLEMS = /WARNING|ALERT|NOTICE/;

const cases: { name: string; options: PairOptions }[] = [
  { name: "2 LBs, fast, VRRPv3", options: {} },
  { name: "3 LBs, fast, VRRPv3", options: { lbCount: 3 } },
  { name: "2 LBs, conservative, VRRPv3", options: { timing: "conservative" } },
  { name: "2 LBs, tight, VRRPv3", options: { timing: "tight" } },
  { name: "3 LBs, tight, VRRPv2 PASS", options: { lbCount: 3, timing: "tight", authPassword: "T1ght" } },
  { name: "2 LBs, fast, VRRPv2 PASS", options: { authPassword: "Xk3v9QpL" } },
  {
    name: "3 LBs, conservative, VRRPv2 PASS",
    options: { lbCount: 3, timing: "conservative", authPassword: "a1" },
  },
];

async function checkLb(t: TestContext, dir: string, input: LbRenderInput): Promise<void> {
  const base = join(dir, input.self.name);
  const paths = {
    checkScript: `${base}.check.sh`,
    haproxyCfg: `${base}.haproxy.cfg`,
    processFeedProbe: `${base}.probe.py`,
    trackProcessSourceDir: `${base}.feed-source`,
    trackProcessActiveDir: `${base}.feed`,
  };
  const lb = planLbRender({ ...input, paths: { ...input.paths, ...paths } });
  writeFileSync(paths.checkScript, renderCheckScript(lb), { mode: 0o755 });
  writeFileSync(paths.haproxyCfg, renderHaproxyCfg(lb));
  writeFileSync(`${base}.keepalived.conf`, renderKeepalivedConf(lb));
  writeFileSync(`${base}.user-data`, renderLbCloudInit(lb));
  writeFileSync(paths.processFeedProbe, PROCESS_FEED_PROBE, { mode: 0o755 });
  mkdirSync(paths.trackProcessSourceDir);
  mkdirSync(paths.trackProcessActiveDir);
  const fragments = renderTrackProcessFragments(lb);
  writeFileSync(join(paths.trackProcessSourceDir, TRACK_DEFINITION_FILE), fragments.definition);
  writeFileSync(join(paths.trackProcessSourceDir, TRACK_REFERENCE_FILE), fragments.reference);

  // Tracker off (the probe found no feed), then on (the probe copied the fragments in).
  assertClean(
    `keepalived -t, tracker off (${input.self.name})`,
    await keepalivedTest(`${base}.keepalived.conf`),
    KEEPALIVED_PROBLEMS,
  );
  for (const file of [TRACK_DEFINITION_FILE, TRACK_REFERENCE_FILE]) {
    copyFileSync(join(paths.trackProcessSourceDir, file), join(paths.trackProcessActiveDir, file));
  }
  const on = await keepalivedTest(`${base}.keepalived.conf`);
  assertClean(`keepalived -t, tracker on (${input.self.name})`, on, KEEPALIVED_PROBLEMS);
  assertClean(
    `python3 compiles the probe (${input.self.name})`,
    await run("python3", [
      "-c",
      "import ast, sys; ast.parse(open(sys.argv[1]).read())",
      paths.processFeedProbe,
    ]),
    /./,
  );
  await verifyDropIns(dir, lb);
  assertClean(
    `haproxy -c (${input.self.name})`,
    await run("haproxy", ["-c", "-f", paths.haproxyCfg]),
    HAPROXY_PROBLEMS,
  );
  assertClean(
    `shellcheck (${input.self.name})`,
    await run("shellcheck", ["--severity=style", paths.checkScript]),
    /./,
  );
  const schema = await run("cloud-init", ["schema", "--config-file", `${base}.user-data`]);
  assertClean(`cloud-init schema (${input.self.name})`, schema, /deprecat|error/i);
  assert.match(schema.output, /Valid cloud-config/);
  t.diagnostic(`${input.self.name}: keepalived -t, haproxy -c, shellcheck, cloud-init schema clean`);
}

/** `systemd-analyze verify` of the distribution's units (copied) with the rendered drop-ins beside them. */
async function verifyDropIns(dir: string, plan: LbRenderPlan): Promise<void> {
  const units = join(dir, `${plan.self.name}.units`);
  for (const [unit, dropIn] of [
    ["haproxy.service", renderHaproxyExecDropIn(plan)],
    ["keepalived.service", renderKeepalivedFeedDropIn(plan)],
  ] as const) {
    mkdirSync(join(units, `${unit}.d`), { recursive: true });
    copyFileSync(join(SYSTEM_UNITS, unit), join(units, unit));
    writeFileSync(join(units, `${unit}.d`, "90-failover-stacks.conf"), dropIn);
  }
  const verify = await run("systemd-analyze", [
    "verify",
    join(units, "haproxy.service"),
    join(units, "keepalived.service"),
  ]);
  assertClean(`systemd-analyze verify (${plan.self.name})`, verify, /./);
}

/** The installed haproxy and keepalived packages' unit files. */
const SYSTEM_UNITS = "/lib/systemd/system";

describe("LB renderers pass the real tools", () => {
  for (const { name, options } of cases) {
    test(name, async (t) => {
      const commands = [
        "keepalived",
        "haproxy",
        "shellcheck",
        "cloud-init",
        "bash",
        "python3",
        "systemd-analyze",
      ];
      if (!need(t, { commands })) return;
      const dir = scratchDir();
      try {
        // keepalived -t resolves script_user: use one every Debian system has.
        const inputs = pairInputs({ ...options, scriptUser: "nobody", interfaceName: hostInterface() });
        await Promise.all(inputs.map((input) => checkLb(t, dir, input)));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  test("the tool checks catch broken output (the checks can fail)", async (t) => {
    if (!need(t, { commands: ["keepalived", "haproxy", "shellcheck", "bash", "systemd-analyze"] })) return;
    const dir = scratchDir();
    try {
      const input = planLbRender(pairInputs({ scriptUser: "nobody", interfaceName: hostInterface() })[0]);
      const conf = renderKeepalivedConf(input).replace("version 3", "vrrp_version 3");
      writeFileSync(join(dir, "k.conf"), conf);
      const keepalived = await keepalivedTest(join(dir, "k.conf"));
      assert.ok(keepalived.status !== 0 || KEEPALIVED_PROBLEMS.test(keepalived.output), keepalived.output);

      const cfg = renderHaproxyCfg(input).replace(
        "option httpchk",
        "option httpchk\n    option ssl-hello-chk",
      );
      writeFileSync(join(dir, "h.cfg"), cfg);
      const haproxy = await run("haproxy", ["-c", "-f", join(dir, "h.cfg")]);
      assert.ok(haproxy.status !== 0 || HAPROXY_PROBLEMS.test(haproxy.output), haproxy.output);

      writeFileSync(
        join(dir, "s.sh"),
        renderCheckScript(input).replace('timeout "$connect_timeout"', 'timeout "$conect_timeout"'),
      );
      assert.notEqual((await run("shellcheck", ["--severity=style", join(dir, "s.sh")])).status, 0);

      // A second ExecStart= without the reset line: systemd refuses the unit.
      const units = join(dir, "units");
      mkdirSync(join(units, "haproxy.service.d"), { recursive: true });
      copyFileSync(join(SYSTEM_UNITS, "haproxy.service"), join(units, "haproxy.service"));
      const dropIn = renderHaproxyExecDropIn(input).replace("ExecStart=\n", "");
      writeFileSync(join(units, "haproxy.service.d", "90.conf"), dropIn);
      const verify = await run("systemd-analyze", ["verify", join(units, "haproxy.service")]);
      assert.ok(verify.status !== 0 || /./.test(verify.output), verify.output);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
