/**
 * Idle soak of a generated LB pair (the tight profile by default) under CPU load and an emulated
 * lossy, delayed network: no fault is injected, so every VRRP MASTER transition after the initial
 * election, and every change of VIP holder seen by the ~50 ms sampler, is spurious. The CPU load
 * is BENCH_SOAK_BURNERS bounded busy loops the driver starts and kills by PID; loss and delay
 * apply to every VRRP packet an LB sends (NFQUEUE consumer lab/openstack/netem-queue.py: there is no
 * sch_netem on this kernel).
 */
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseDriverOutput } from "../lib/driver-output";
import { readHolderLog, runDriver, SPECS, withWorkdir, type ConfigLabel } from "./vip-failover";
import { writeFileSync } from "node:fs";
import { derivedTimes, type TimingProfileName } from "../../components/openstack/render";

export interface SoakNetwork {
  /** Independent loss probability of each VRRP packet. */
  readonly loss: number;
  readonly delayMs: number;
  /** Uniform ± jitter around delayMs. */
  readonly jitterMs: number;
}

export interface VipSoakResult {
  readonly seconds: number;
  readonly burners: number;
  readonly profile?: TimingProfileName;
  readonly network?: SoakNetwork;
  /** What the queue consumers did, per LB: VRRP packets seen and dropped, mean added delay. */
  readonly netem?: Record<
    string,
    { seen: number; dropped: number; meanDelayMs: number; maxLatenessMs: number }
  >;
  /** derived.ts: expected spurious takeovers in this soak at the emulated loss. */
  readonly expectedSpurious?: number;
  /** "Entering MASTER STATE" lines in both keepalived logs during the soak. */
  readonly masterTransitions: number | null;
  /** Changes of the set of VIP holders the sampler saw during the soak. */
  readonly holderChanges: number;
  readonly splitBrain: { samples: number; violations: number; meanIntervalSeconds: number | null };
  /** 1-minute load average when the soak ended (the busy loops included). */
  readonly loadAverageAtEnd: number;
  readonly failedChecks: string[];
}

const SPEC_OF: Record<TimingProfileName, ConfigLabel> = {
  fast: "generated",
  tight: "tight",
  conservative: "conservative",
};

export function vipSoak(options: {
  seconds: number;
  burners: number;
  outDir: string;
  stem: string;
  profile: TimingProfileName;
  network?: SoakNetwork;
}): Promise<VipSoakResult> {
  return withWorkdir(async (workdir, prefix) => {
    SPECS[SPEC_OF[options.profile]].render(workdir);
    const net = options.network;
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
        ...(net
          ? {
              BENCH_NET_LOSS: String(net.loss),
              BENCH_NET_DELAY_MS: String(net.delayMs),
              BENCH_NET_JITTER_MS: String(net.jitterMs),
            }
          : {}),
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
    const netem = Object.fromEntries(
      ["lb1", "lb2"].flatMap((lb) => {
        const value = (what: string): number | undefined => parsed.values(`soak.net_${lb}_${what}`)[0];
        const seen = value("seen");
        return seen === undefined
          ? []
          : [
              [
                lb,
                {
                  seen,
                  dropped: value("dropped") ?? Number.NaN,
                  meanDelayMs: value("mean_delay_ms") ?? Number.NaN,
                  maxLatenessMs: value("max_lateness_ms") ?? Number.NaN,
                },
              ],
            ];
      }),
    );
    // Both LBs' adverts pass the queue, but only the holder's adverts keep the backup calm.
    const expected = net
      ? (derivedTimes(options.profile).spuriousPerHour(net.loss) * options.seconds) / 3600
      : 0;
    return {
      seconds: options.seconds,
      burners: options.burners,
      profile: options.profile,
      ...(net ? { network: net, netem, expectedSpurious: Number(expected.toPrecision(2)) } : {}),
      masterTransitions: transitions ?? null,
      holderChanges: changes,
      splitBrain: parsed.splitBrain,
      loadAverageAtEnd: Math.round(loadAverageAtEnd * 100) / 100,
      failedChecks: parsed.failedChecks,
    };
  });
}
