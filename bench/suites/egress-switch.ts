/**
 * Egress switch: a worker, two NAT gateways running the generated setup script, and a "whoami"
 * internet (lab/digitalocean/topology.sh). Measured with the egress test's probe loop
 * (measureEgressDuringProcedure): where the worker's traffic to a routed destination leaves while
 *
 * - the operator procedure runs: delete the route via the primary, wait the settle time, create the
 *   route via the secondary (production settles 45 s; the benchmark uses a shorter, configurable
 *   settle: the own-address window grows with it one for one);
 * - the routing agent's ECMP route over both gateways loses the primary (link down) and the agent
 *   replaces the route with the live gateway only, after its probe noticed (0.5 s here).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { natGatewayRenderInput, renderNatSetupScript } from "../../components/digitalocean/render";
import { measureEgressDuringProcedure, sleep, type EgressMeasurement } from "../../lab/digitalocean/measure";
import { mustInNamespace, mustRun, run, TOPOLOGY_SCRIPT } from "../../lab/digitalocean/run";
import { round, summarize, type Summary } from "../lib/stats";

const WORKER_OWN = "198.51.100.2";
const GW1 = { vpc: "192.0.2.11", public: "203.0.113.11" };
const GW2 = { vpc: "192.0.2.12", public: "203.0.113.12" };
const ROUTED = "203.0.113.200";
const ROUTED_URL = `http://${ROUTED}:8080/`;
const LABELS = { [GW1.public]: "primary", [GW2.public]: "secondary", [WORKER_OWN]: "own-address" };
const AGENT_PROBE_SECONDS = 0.5;

export interface EgressSwitchResult {
  readonly repetitions: number;
  readonly settleSeconds: number;
  /** Seconds per repetition, from the probe loop's samples. */
  readonly operator: {
    readonly ownAddressSeconds: Summary;
    readonly failedSeconds: Summary;
    /** From the start of the procedure until the first answer through the new gateway. */
    readonly newGatewayAfterSeconds: Summary;
    readonly procedureSeconds: Summary;
  };
  readonly agent: {
    readonly ownAddressSamples: Summary;
    readonly failedSeconds: Summary;
    readonly newGatewayOnlyAfterSeconds: Summary;
    readonly samples: number;
  };
  readonly goals: Array<{ goal: string; measured: string; met: boolean | null }>;
}

const seconds = (ms: number | null | undefined): number => round((ms ?? 0) / 1000);

export async function egressSwitch(options: {
  repetitions: number;
  settleSeconds: number;
}): Promise<EgressSwitchResult> {
  const prefix = `fsdo-b${process.pid % 100000}`;
  const ns = { worker: `${prefix}-wk`, gw1: `${prefix}-g1`, gw2: `${prefix}-g2` };
  const state = mkdtempSync(join(tmpdir(), "fsdo-bench-"));
  const worker = (command: string[]): string => mustInNamespace(ns.worker, command);
  const operator: EgressMeasurement[] = [];
  const agent: EgressMeasurement[] = [];
  try {
    mustRun("bash", [TOPOLOGY_SCRIPT, "up", prefix, state], { timeoutMs: 30_000 });
    for (const [namespace, name] of [
      [ns.gw1, "gw-1"],
      [ns.gw2, "gw-2"],
    ] as const) {
      const script = join(state, `${name}.sh`);
      writeFileSync(
        script,
        renderNatSetupScript(
          natGatewayRenderInput({ name, vpcCidr: "192.0.2.0/24", extraSourceCidrs: [], healthPort: 8080 }),
        ),
      );
      mustInNamespace(namespace, ["bash", script], {
        PERSIST: "0",
        STATE_DIR: join(state, name),
        WAIT_SECONDS: "5",
      });
    }
    const measure = (procedure: () => Promise<void>): Promise<EgressMeasurement> =>
      measureEgressDuringProcedure({
        namespace: ns.worker,
        url: ROUTED_URL,
        labels: LABELS,
        procedure,
        maxSeconds: options.settleSeconds + 30,
        tailMs: 1000,
      });
    for (let i = 0; i < options.repetitions; i++) {
      worker(["ip", "route", "replace", ROUTED, "via", GW1.vpc]);
      await sleep(300);
      operator.push(
        await measure(async () => {
          worker(["ip", "route", "del", ROUTED, "via", GW1.vpc]);
          await sleep(options.settleSeconds * 1000);
          worker(["ip", "route", "replace", ROUTED, "via", GW2.vpc]);
        }),
      );
    }
    worker(["sysctl", "-q", "-w", "net.ipv4.fib_multipath_hash_policy=1"]);
    for (let i = 0; i < options.repetitions; i++) {
      mustInNamespace(ns.gw1, ["ip", "link", "set", "vpc0", "up"]);
      worker(["ip", "route", "replace", ROUTED, "nexthop", "via", GW1.vpc, "nexthop", "via", GW2.vpc]);
      await sleep(500);
      agent.push(
        await measure(async () => {
          mustInNamespace(ns.gw1, ["ip", "link", "set", "vpc0", "down"]);
          await sleep(AGENT_PROBE_SECONDS * 1000);
          worker(["ip", "route", "replace", ROUTED, "nexthop", "via", GW2.vpc]);
        }),
      );
    }
  } finally {
    run("bash", [TOPOLOGY_SCRIPT, "down", prefix, state], { timeoutMs: 30_000 });
    rmSync(state, { recursive: true, force: true });
  }
  const ownAddress = summarize(operator.map((m) => seconds(m.windows["own-address"]?.ms)));
  const agentOwn = summarize(
    agent.map((m) => m.samples.filter((s) => s.label === "own-address" || s.label === "other").length),
  );
  // After the procedure, the last non-secondary answer tells when only the new gateway remains.
  // From the procedure start until the first request of the final run through the new gateway.
  const onlyNewAfter = (m: EgressMeasurement): number => {
    const first = m.samples[0];
    if (!first) return Number.NaN;
    const origin = first.at - (m.windows[first.label]?.firstMs ?? 0);
    const index = m.samples.findLastIndex((s) => s.label !== "secondary");
    const next = m.samples[index + 1];
    return index < 0 || !next ? Number.NaN : round(Math.max(0, next.at - origin) / 1000);
  };
  return {
    repetitions: options.repetitions,
    settleSeconds: options.settleSeconds,
    operator: {
      ownAddressSeconds: ownAddress,
      failedSeconds: summarize(operator.map((m) => seconds(m.windows.failed?.ms))),
      newGatewayAfterSeconds: summarize(operator.map((m) => seconds(m.windows.secondary?.firstMs))),
      procedureSeconds: summarize(operator.map((m) => seconds(m.procedureMs))),
    },
    agent: {
      ownAddressSamples: agentOwn,
      failedSeconds: summarize(agent.map((m) => seconds(m.windows.failed?.ms))),
      newGatewayOnlyAfterSeconds: summarize(agent.map(onlyNewAfter)),
      samples: agent.reduce((n, m) => n + m.samples.length, 0),
    },
    goals: [
      {
        goal: `operator procedure: own-address window ≤ settle + 2 s (${options.settleSeconds + 2} s)`,
        measured: ownAddress.n ? `median ${ownAddress.median} s, max ${ownAddress.max} s` : "not measured",
        met: ownAddress.n ? ownAddress.max <= options.settleSeconds + 2 : null,
      },
      {
        goal: "routing-agent ECMP route: 0 packets through the worker's own address",
        measured: agentOwn.n ? `${agentOwn.max} requests at most per repetition` : "not measured",
        met: agentOwn.n ? agentOwn.max === 0 : null,
      },
    ],
  };
}
