/**
 * Failover times and spurious-takeover rates DERIVED from a timing profile's timers, following
 * RFC 5798 as keepalived 2.2.7 implements it (vrrp.c: skew = (256 - priority) × advert / 256,
 * master_down = 3 × advert + skew; a priority-0 advert sets the backup's timer to the skew).
 * docs/openstack-api-vip.md prints these beside the benchmark's measurements; a test keeps the
 * two in step. Times are for the VIP move; a client adds its own retry interval.
 */
import { timingProfile } from "./timing";
import type { TimingProfileName } from "./model";

export interface Range {
  readonly min: number;
  readonly max: number;
}

export interface DerivedTimes {
  readonly profile: TimingProfileName;
  readonly vrrpVersion: 2 | 3;
  readonly advertSeconds: number;
  /** Skew of the backup that takes over (its priority decides; both default priorities give the range). */
  readonly skewSeconds: Range;
  readonly masterDownSeconds: Range;
  /** Holder crashes (no last advert) at a uniformly random phase of the advert cycle. */
  readonly crashSeconds: Range;
  /** keepalived stops cleanly: its priority-0 advert leaves the backup only the skew. */
  readonly gracefulSeconds: Range;
  /** HAProxy dies and the process-event feed reports it: terminate delay, FAULT, priority-0 advert. */
  readonly haproxyDeathTrackedSeconds: Range;
  /** HAProxy dies and only the check script sees it: `fall` failed runs, then FAULT. */
  readonly haproxyDeathScriptSeconds: Range;
  /** A `/readyz` failing server leaves HAProxy's rotation after `fall` failed checks. */
  readonly readinessOutSeconds: Range;
  /** Expected spurious takeovers per hour under independent advert loss p (see spuriousPerHour). */
  readonly spuriousPerHour: (loss: number) => number;
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;

/** The default priorities (validate.ts): the backup is 150 or 140 depending on who won first. */
export const DERIVED_BACKUP_PRIORITIES = [150, 140] as const;

/**
 * A backup declares the master dead when no advert arrived for master_down = 3 adverts + skew,
 * i.e. when three adverts in a row were lost (the fourth is due after master_down). With
 * independent loss p, a run of three losses starts at a given advert with probability (1 - p)·p³,
 * so the rate is (3600 / advert)·(1 - p)·p³ per hour. Each such takeover briefly leaves two
 * masters; the next advert that gets through settles it (the higher priority keeps the VIP), so
 * the VIP may move twice.
 */
export function spuriousPerHour(advertSeconds: number, loss: number): number {
  return (3600 / advertSeconds) * (1 - loss) * loss ** 3;
}

export function derivedTimes(name: TimingProfileName, vrrpVersion: 2 | 3 = 3): DerivedTimes {
  const t = timingProfile(name);
  const advert = vrrpVersion === 3 ? t.advertIntervalSeconds : t.advertIntervalV2Seconds;
  const skews = DERIVED_BACKUP_PRIORITIES.map((p) => ((256 - p) * advert) / 256);
  const skew = { min: round3(Math.min(...skews)), max: round3(Math.max(...skews)) };
  const down = { min: round3(3 * advert + skew.min), max: round3(3 * advert + skew.max) };
  const s = t.script;
  const h = t.haproxyCheck;
  return {
    profile: name,
    vrrpVersion,
    advertSeconds: advert,
    skewSeconds: skew,
    masterDownSeconds: down,
    crashSeconds: { min: round3(down.min - advert), max: down.max },
    gracefulSeconds: skew,
    haproxyDeathTrackedSeconds: {
      min: round3(t.trackProcess.terminateDelaySeconds + skew.min),
      max: round3(t.trackProcess.terminateDelaySeconds + skew.max),
    },
    // The first failing run comes 0..interval after the death; fall - 1 more follow.
    haproxyDeathScriptSeconds: {
      min: round3((s.fall - 1) * s.intervalSeconds + skew.min),
      max: round3(s.fall * s.intervalSeconds + skew.max),
    },
    readinessOutSeconds: {
      min: round3(((h.fall - 1) * h.fastInterMs) / 1000),
      max: round3((h.interMs + (h.fall - 1) * h.fastInterMs + h.timeoutMs) / 1000),
    },
    spuriousPerHour: (loss) => spuriousPerHour(advert, loss),
  };
}

const range = (r: Range): string => (r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`);

/** The derived-times table of docs/openstack-api-vip.md, one Markdown row per profile (VRRPv3). */
export function derivedTableRows(): string[] {
  return (["tight", "fast", "conservative"] as const).map((name) => {
    const d = derivedTimes(name);
    const perHour = (p: number): string => d.spuriousPerHour(p).toPrecision(2);
    return [
      `| ${name}`,
      `${d.advertSeconds}`,
      range(d.skewSeconds),
      range(d.masterDownSeconds),
      range(d.crashSeconds),
      range(d.gracefulSeconds),
      range(d.haproxyDeathTrackedSeconds),
      range(d.haproxyDeathScriptSeconds),
      range(d.readinessOutSeconds),
      `${perHour(0.01)} / ${perHour(0.02)} / ${perHour(0.05)} |`,
    ].join(" | ");
  });
}
