/**
 * Idle soak of the generated LB pair (fast default profile) under CPU load: no fault is injected,
 * so every VRRP MASTER transition after the initial election, and every change of VIP holder seen
 * by the ~50 ms sampler, is spurious. The CPU load is BENCH_SOAK_BURNERS bounded busy loops the
 * driver starts and kills by PID.
 */
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseDriverOutput } from "../lib/driver-output";
import { readHolderLog, runDriver, SPECS, withWorkdir } from "./vip-failover";
import { writeFileSync } from "node:fs";

export interface VipSoakResult {
  readonly seconds: number;
  readonly burners: number;
  /** "Entering MASTER STATE" lines in both keepalived logs during the soak. */
  readonly masterTransitions: number | null;
  /** Changes of the set of VIP holders the sampler saw during the soak. */
  readonly holderChanges: number;
  readonly splitBrain: { samples: number; violations: number; meanIntervalSeconds: number | null };
  /** 1-minute load average when the soak ended (the busy loops included). */
  readonly loadAverageAtEnd: number;
  readonly failedChecks: string[];
}

export function vipSoak(options: {
  seconds: number;
  burners: number;
  outDir: string;
  stem: string;
}): Promise<VipSoakResult> {
  return withWorkdir(async (workdir, prefix) => {
    SPECS.generated.render(workdir);
    const holderLog = join(workdir, "holders.log");
    const { output } = await runDriver(
      "soak",
      workdir,
      prefix,
      {
        BENCH_SOAK_SECONDS: String(options.seconds),
        BENCH_SOAK_BURNERS: String(options.burners),
        FAILOVER_HOLDER_LOG: holderLog,
        FAILOVER_SAMPLER_MAX: "200000",
      },
      (options.seconds + 120) * 1000,
    );
    const loadAverageAtEnd = loadavg()[0];
    writeFileSync(join(options.outDir, `${options.stem}-soak.log`), output);
    const parsed = parseDriverOutput(output);
    const start = parsed.marks("soak.start")[0];
    const end = parsed.marks("soak.end")[0];
    const changes =
      start === undefined || end === undefined
        ? Number.NaN
        : readHolderLog(holderLog).filter((h) => h.at > start && h.at <= end).length;
    const transitions = parsed.values("soak.master_transitions")[0];
    return {
      seconds: options.seconds,
      burners: options.burners,
      masterTransitions: transitions ?? null,
      holderChanges: changes,
      splitBrain: parsed.splitBrain,
      loadAverageAtEnd: Math.round(loadAverageAtEnd * 100) / 100,
      failedChecks: parsed.failedChecks,
    };
  });
}
