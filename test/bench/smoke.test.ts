/**
 * CI smoke of the benchmark: `bench/run.ts --smoke` with every suite that needs no network clone
 * (tooling cost is skipped in smoke mode anyway) into a temp dir. A benchmark never fails on a
 * number: this asserts only that each suite produced well-formed results and its side files.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { Summary } from "../../bench/lib/stats";
import type { BenchResults } from "../../bench/suites";
import { need } from "../harness/tools";

const RUN = join(__dirname, "..", "..", "bench", "run.ts");

function assertSummary(s: Summary | undefined, what: string): void {
  assert.ok(s, `${what} missing`);
  assert.ok(Number.isInteger(s.n) && s.n >= 1, `${what}: no sample (${JSON.stringify(s)})`);
  for (const key of ["median", "min", "max"] as const) {
    assert.equal(typeof s[key], "number", `${what}.${key} is not a number: ${JSON.stringify(s)}`);
  }
  assert.ok(s.min <= s.median && s.median <= s.max, `${what}: min/median/max out of order`);
}

test("npm run bench -- --smoke produces well-formed results", (t) => {
  const commands = [
    "keepalived",
    "haproxy",
    "ip",
    "nft",
    "nc",
    "openssl",
    "python3",
    "curl",
    "bash",
    "timeout",
    "iptables",
  ];
  if (!need(t, { commands, root: true })) return;
  const out = mkdtempSync(join(tmpdir(), "fs-bench-smoke-"));
  try {
    const child = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        RUN,
        "--smoke",
        "--only",
        "vipFailover,vipSoak,egressSwitch,programCost,coldStart",
        "--out",
        out,
      ],
      // A bound against a hang, not a performance check: the cold start under cmd/run adds a program
      // run, and a loaded shared machine stretches every suite.
      { encoding: "utf8", timeout: 400_000, maxBuffer: 16 * 2 ** 20 },
    );
    const transcript = `${child.stdout}\n${child.stderr}`;
    assert.equal(child.status, 0, transcript);
    const files = readdirSync(out).filter((f) => f.endsWith("-smoke.json"));
    assert.equal(files.length, 1, `one results file expected in ${out}: ${files.join(", ")}`);
    const file = join(out, files[0]);
    const results = JSON.parse(readFileSync(file, "utf8")) as BenchResults;
    assert.equal(results.smoke, true);
    assert.equal(results.errors, undefined, `suites failed: ${JSON.stringify(results.errors)}`);

    const vip = results.suites.vipFailover;
    assert.ok(vip, transcript);
    for (const config of [vip.generated, vip.baseline]) {
      assertSummary(config.clientRecovered.graceful_stop, `${config.label} graceful stop`);
      assertSummary(config.vipMoved.graceful_stop, `${config.label} VIP moved`);
      assertSummary(config.failedRequests.graceful_stop, `${config.label} failed requests`);
      assert.ok(config.requests.total > 0, `${config.label}: the client load sent nothing`);
      assert.ok(config.splitBrain.samples > 0, `${config.label}: the sampler took no sample`);
      assert.ok(config.timeline, `${config.label}: no timeline picture`);
      assert.match(
        readFileSync(join(out, config.timeline), "utf8"),
        /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/,
      );
    }
    assert.equal(vip.goals.length, 6);

    const soak = results.suites.vipSoak;
    assert.ok(soak);
    assert.equal(typeof soak.masterTransitions, "number", "the soak reported no MASTER transition count");
    assert.ok(Number.isInteger(soak.holderChanges) && soak.splitBrain.samples > 0);
    // The soak's emulated network really carried the holder's adverts through the queue consumer.
    assert.equal(soak.profile, "tight");
    assert.ok(soak.netem && Object.values(soak.netem).some((n) => n.seen > 0), "no VRRP packet was queued");

    const egress = results.suites.egressSwitch;
    assert.ok(egress);
    assertSummary(egress.operator.ownAddressSeconds, "egress own-address window");
    assertSummary(egress.operator.newGatewayAfterSeconds, "egress new gateway");
    assertSummary(egress.agent.ownAddressSamples, "ECMP own-address requests");
    assert.equal(egress.goals.length, 2);

    const cost = results.suites.programCost;
    assert.ok(cost);
    assert.deepEqual(
      cost.rows.map((r) => r.factor),
      [1, 10],
    );
    assert.ok(cost.rows[1].resources > cost.rows[0].resources, "the 10x stack is not larger");
    const cold = results.suites.coldStart?.rows ?? [];
    assert.deepEqual(
      cold.map((r) => r.stack),
      ["dev"],
      "the cold start under Pulumi's runtime entry is measured",
    );
    assertSummary(cold[0].wallSeconds, "cold start wall time");
    assert.ok(cold[0].resources > 1, "the program registered resources under cmd/run");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
