/**
 * The gateway's own input filter and health server, run for real in the egress topology (see
 * lab/digitalocean/topology.sh): a pod address on the worker, an admin network on the internet side, an SSH
 * stand-in on port 22 and the generated health server, unprivileged, on gw-1. Pods and VPC hosts
 * must not reach SSH, pods must not reach the health port, and forwarding must still work; the
 * health server must keep answering its prober while one VPC address floods it with slow clients.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import {
  HEALTH_LIMITS,
  natGatewayRenderInput,
  natPaths,
  renderHealthServer,
  renderNatSetupScript,
} from "../../components/digitalocean/render";
import { need } from "../harness/tools";
import { sleep } from "../../lab/digitalocean/measure";
import {
  inNamespace,
  mustInNamespace,
  mustRun,
  NETNS_DIR,
  run,
  TOPOLOGY_SCRIPT,
  unprivileged,
} from "../../lab/digitalocean/run";

const PREFIX = `fsdo-a${process.pid % 100000}`;
const NS = { worker: `${PREFIX}-wk`, gw1: `${PREFIX}-g1`, internet: `${PREFIX}-in` };
const GW1 = { vpc: "192.0.2.11", public: "203.0.113.11" };
const POD_CIDR = "198.51.100.64/27";
/** A pod's address (pods route without SNAT, so the gateway sees it) and a second VPC host. */
const POD = "198.51.100.70";
const NODE = "192.0.2.10";
const FLOODER = "192.0.2.20";
/** The admin network is the internet's 203.0.113.0/28 (203.0.113.1); 203.0.113.50 is not in it. */
const ADMIN_CIDR = "203.0.113.0/28";
const ADMIN = "203.0.113.1";
const STRANGER = "203.0.113.50";
const ROUTED_URL = "http://203.0.113.200:8080/";
const HEALTH_URL = `http://${GW1.vpc}:8080/healthz`;
const { maxPerSource: MAX_PER_SOURCE, requestSeconds: REQUEST_SECONDS } = HEALTH_LIMITS;

/** A request from `source` in `namespace`: the body (the SSH stand-in echoes the caller) or FAIL. */
function from(namespace: string, source: string, url: string): string {
  const result = inNamespace(namespace, ["curl", "-fsS", "--max-time", "1", "--interface", source, url]);
  return result.status === 0 ? result.stdout.trim() : "FAIL";
}

function healthStatus(source: string): string {
  const result = inNamespace(NS.worker, [
    "curl",
    "-sS",
    "--max-time",
    "1",
    "--interface",
    source,
    "-o",
    "/dev/null",
    "-w",
    "%{http_code}",
    HEALTH_URL,
  ]);
  return result.status === 0 ? result.stdout.trim() : "FAIL";
}

test("gateway input filter and health server in network namespaces", async (t) => {
  if (
    !need(t, { commands: ["ip", "ss", "nft", "curl", "bash", "setpriv", natPaths.HEALTH_PYTHON], root: true })
  )
    return;
  const state = mkdtempSync(join(tmpdir(), "fsdo-access-"));
  const children: ChildProcess[] = [];
  const started = (child: ChildProcess) => (children.push(child), child);
  try {
    mustRun("bash", [TOPOLOGY_SCRIPT, "up", PREFIX, state], { timeoutMs: 30_000 });
    mustInNamespace(NS.worker, ["ip", "addr", "add", `${POD}/32`, "dev", "lo"]);
    mustInNamespace(NS.worker, ["ip", "addr", "add", `${FLOODER}/24`, "dev", "vpc0"]);
    mustInNamespace(NS.gw1, ["ip", "route", "add", POD_CIDR, "via", NODE]);
    mustInNamespace(NS.internet, ["ip", "addr", "add", `${STRANGER}/25`, "dev", "br0"]);
    mustInNamespace(NS.worker, ["ip", "route", "replace", "203.0.113.200", "via", GW1.vpc]);

    // A stand-in for sshd on port 22 of every address (it answers with the caller's address).
    started(
      spawn(
        "ip",
        ["netns", "exec", NS.gw1, "python3", join(NETNS_DIR, "test-http.py"), "whoami", "0.0.0.0", "22"],
        { stdio: "ignore" },
      ),
    );
    const sshUrl = `http://${GW1.vpc}:22/`;
    let control = from(NS.worker, POD, sshUrl);
    for (let i = 0; i < 50 && control === "FAIL"; i++) {
      await sleep(100);
      control = from(NS.worker, POD, sshUrl);
    }
    assert.equal(control, POD, "control: without the gateway's rules a pod reaches port 22");

    const script = join(state, "gw-1.sh");
    writeFileSync(
      script,
      renderNatSetupScript(
        natGatewayRenderInput({
          name: "gw-1",
          vpcCidr: "192.0.2.0/24",
          extraSourceCidrs: [POD_CIDR],
          healthPort: 8080,
          adminCidrs: [ADMIN_CIDR],
        }),
      ),
    );
    const env = { PERSIST: "0", STATE_DIR: join(state, "gw-1"), WAIT_SECONDS: "5" };
    mustInNamespace(NS.gw1, ["bash", script], env);

    // The health server as its unit runs it: not root, no capabilities, bound to the VPC address.
    chmodSync(state, 0o755);
    const server = join(state, "health.py");
    writeFileSync(
      server,
      renderHealthServer(
        natGatewayRenderInput({
          name: "gw-1",
          vpcCidr: "192.0.2.0/24",
          extraSourceCidrs: [],
          healthPort: 8080,
        }),
      ),
    );
    chmodSync(server, 0o644);
    const health = started(
      spawn(
        "ip",
        [
          "netns",
          "exec",
          NS.gw1,
          ...unprivileged([
            natPaths.HEALTH_PYTHON,
            server,
            "--state",
            join(env.STATE_DIR, "env"),
            "--status",
            join(env.STATE_DIR, "status"),
          ]),
        ],
        { stdio: "ignore" },
      ),
    );
    let ready = healthStatus(NODE);
    for (let i = 0; i < 50 && ready !== "200"; i++) {
      await sleep(100);
      ready = healthStatus(NODE);
    }
    assert.equal(ready, "200", "a VPC host gets the health endpoint");

    await t.test("SSH: only from adminCidrs; never from a pod or a VPC host", () => {
      assert.equal(from(NS.worker, POD, sshUrl), "FAIL", "pod to SSH");
      assert.equal(from(NS.worker, NODE, sshUrl), "FAIL", "VPC host (not admin) to SSH");
      assert.equal(
        from(NS.internet, STRANGER, `http://${GW1.public}:22/`),
        "FAIL",
        "internet outside adminCidrs",
      );
      assert.equal(from(NS.internet, ADMIN, `http://${GW1.public}:22/`), ADMIN, "admin network to SSH");
    });

    await t.test("health: from the VPC only, never from a pod or the internet", () => {
      // Bound to the VPC address only, not to every address like sshd.
      const listening = mustInNamespace(NS.gw1, ["ss", "-Hltn", "sport = :8080"]);
      assert.deepEqual(
        listening
          .trim()
          .split("\n")
          .map((line) => line.trim().split(/\s+/)[3]),
        [`${GW1.vpc}:8080`],
      );
      assert.equal(healthStatus(POD), "FAIL", "pod to the health port");
      assert.equal(healthStatus(NODE), "200");
      assert.equal(from(NS.internet, ADMIN, `http://${GW1.public}:8080/healthz`), "FAIL", "public address");
      const input = mustInNamespace(NS.gw1, ["nft", "list", "chain", "ip", natPaths.NFT_TABLE, "input"]);
      assert.match(input, /counter packets [1-9]\d* bytes \d+ drop comment "nothing else reaches/);
    });

    await t.test("forwarding is unchanged: pods and nodes still leave through the gateway", () => {
      for (const source of [POD, NODE]) {
        for (let i = 0; i < 3; i++) assert.equal(from(NS.worker, source, ROUTED_URL), GW1.public, source);
      }
    });

    await t.test("a flood of slow clients from one VPC address: the prober is still answered", async () => {
      const floodSeconds = 6;
      const flood = started(
        spawn(
          "ip",
          [
            "netns",
            "exec",
            NS.worker,
            "python3",
            join(NETNS_DIR, "slow-clients.py"),
            GW1.vpc,
            "8080",
            FLOODER,
            "100",
            String(floodSeconds),
          ],
          { stdio: ["ignore", "pipe", "pipe"] },
        ),
      );
      let output = "";
      flood.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<void>((resolve) => flood.once("exit", () => resolve()));
      await sleep(1000);
      const answers: string[] = [];
      for (let i = 0; i < 20; i++) {
        answers.push(healthStatus(NODE));
        await sleep(100);
      }
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        exited,
        new Promise<void>((r) => (timer = setTimeout(r, (floodSeconds + 10) * 1000))),
      ]);
      clearTimeout(timer);
      assert.deepEqual(answers, Array<string>(20).fill("200"), "every probe during the flood answered");
      const result = JSON.parse(output) as { opened: number; lifetimes: number[]; oldestOpen: number };
      t.diagnostic(`flood: ${result.opened} connections, ${result.lifetimes.length} ended by the server`);
      assert.ok(result.opened >= 100, "the flood really opened its connections");
      // Per source at most MAX_PER_SOURCE are served at once (the rest are reset at once), and each
      // served one is cut REQUEST_SECONDS after it arrived.
      const held = result.lifetimes.filter((s) => s > 0.5);
      const rounds = Math.ceil(floodSeconds / REQUEST_SECONDS) + 1;
      assert.ok(held.length <= MAX_PER_SOURCE * rounds, `${held.length} slow clients were held`);
      const longest = Math.max(result.oldestOpen, ...result.lifetimes);
      assert.ok(longest < REQUEST_SECONDS + 1.5, `a slow client stayed ${longest} s`);
      assert.equal(health.exitCode, null, "the health server survived the flood");
      assert.equal(healthStatus(NODE), "200");
    });
  } finally {
    for (const child of children) child.kill();
    const down = run("bash", [TOPOLOGY_SCRIPT, "down", PREFIX, state], { timeoutMs: 30_000 });
    rmSync(state, { recursive: true, force: true });
    assert.equal(down.status, 0, `cleanup failed: ${down.stderr}`);
    assert.doesNotMatch(run("ip", ["netns", "list"]).stdout, new RegExp(PREFIX), "namespaces left behind");
  }
});
