/** The benchmark suites, in the order they run. */
import type { MachineInfo } from "../lib/machine";
import { coldStart, type ColdStartResult } from "./cold-start";
import { egressSwitch, type EgressSwitchResult } from "./egress-switch";
import { programCost, type ProgramCostResult } from "./program-cost";
import { toolingCost, type ToolingCostResult } from "./tooling-cost";
import { vipFailover, type VipFailoverResult } from "./vip-failover";
import { vipSoak, type VipSoakResult } from "./vip-soak";

export interface SuiteOptions {
  readonly smoke: boolean;
  /** Where suites put their side files (pictures, driver transcripts), and the file name stem. */
  readonly outDir: string;
  readonly stem: string;
  /** Repetitions of each VIP failover and egress switch (default 5; smoke 1). */
  readonly repetitions: number;
  /** Idle soak length (default 600 s; smoke 2 s). */
  readonly soakSeconds: number;
  /** Settle time of the egress operator procedure (default 5 s; smoke 1 s; production 45 s). */
  readonly settleSeconds: number;
}

export interface LoadSnapshot {
  /** `uptime` output: other work on the shared machine shows here. */
  readonly uptime: string;
  readonly loadAverage: readonly number[];
}

export interface BenchResults {
  readonly date: string;
  readonly command: string;
  readonly smoke: boolean;
  readonly machine: MachineInfo;
  readonly load?: { readonly start: LoadSnapshot; readonly end?: LoadSnapshot };
  readonly options?: Omit<SuiteOptions, "outDir" | "stem">;
  /** Suites that threw, with the message (their figures are missing). */
  readonly errors?: Record<string, string>;
  readonly suites: {
    vipFailover?: VipFailoverResult;
    vipSoak?: VipSoakResult;
    egressSwitch?: EgressSwitchResult;
    programCost?: ProgramCostResult;
    /** Reported inside the program-cost section; its own suite so it can be re-measured alone. */
    coldStart?: ColdStartResult;
    toolingCost?: ToolingCostResult;
  };
}

export type SuiteName = keyof BenchResults["suites"];

export interface Suite {
  readonly name: SuiteName;
  run(options: SuiteOptions): unknown;
}

export const SUITES: readonly Suite[] = [
  {
    name: "vipFailover",
    run: (o) =>
      vipFailover({
        repetitions: o.repetitions,
        loadRate: 20,
        outDir: o.outDir,
        stem: o.stem,
        smoke: o.smoke,
      }),
  },
  {
    name: "vipSoak",
    // Issue 13 §4: the tight profile, CPU load, 2 % loss and 20 ± 10 ms delay on every VRRP packet.
    run: (o) =>
      vipSoak({
        seconds: o.soakSeconds,
        burners: 2,
        outDir: o.outDir,
        stem: o.stem,
        profile: "tight",
        network: { loss: 0.02, delayMs: 20, jitterMs: 10 },
      }),
  },
  {
    name: "egressSwitch",
    run: (o) => egressSwitch({ repetitions: o.repetitions, settleSeconds: o.settleSeconds }),
  },
  {
    name: "programCost",
    run: ({ smoke }) =>
      programCost(smoke ? { factors: [1, 10], repetitions: 1 } : { factors: [1, 10, 100], repetitions: 3 }),
  },
  {
    name: "coldStart",
    run: ({ smoke }) =>
      coldStart(
        smoke
          ? { stacks: ["dev"], repetitions: 1, tsNode: false }
          : { stacks: ["dev", "prod"], repetitions: 3, tsNode: true },
      ),
  },
  {
    name: "toolingCost",
    run: ({ smoke }) => (smoke ? undefined : toolingCost({ includeTests: true })),
  },
];
