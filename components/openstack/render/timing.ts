/**
 * The failover timing knob. Every number the LB-pair renderers emit that decides how fast a
 * failure is noticed lives here, so the docs, the renderers and the benchmark read one table.
 */

/**
 * The failover timing profiles, named once here (render/model.ts re-exports the type). "fast" is
 * the default; "conservative" trades speed for calm on noisy clouds; "tight" (opt-in) halves fast's
 * advert interval for quiet, dedicated networks.
 */
export const TIMING_PROFILE_NAMES = ["fast", "conservative", "tight"] as const;
export type TimingProfileName = (typeof TIMING_PROFILE_NAMES)[number];

export interface TimingProfile {
  readonly name: TimingProfileName;
  /** VRRPv3 advert interval in seconds (keepalived accepts centiseconds with `version 3`). */
  readonly advertIntervalSeconds: number;
  /** Advert interval when VRRPv2 PASS authentication is used: VRRPv2 only has whole seconds. */
  readonly advertIntervalV2Seconds: number;
  /** keepalived `vrrp_script` interval / timeout in seconds, and its fall / rise counts. */
  readonly script: {
    readonly intervalSeconds: number;
    readonly timeoutSeconds: number;
    readonly fall: number;
    readonly rise: number;
  };
  /** Seconds the check script waits for the local frontend to accept a TCP connection. */
  readonly checkConnectTimeoutSeconds: number;
  /**
   * keepalived `vrrp_track_process` delays in seconds: `forkDelay` before a (re)started HAProxy
   * counts as up, `terminateDelay` before a vanished one counts as down.
   */
  readonly trackProcess: { readonly forkDelaySeconds: number; readonly terminateDelaySeconds: number };
  /** Gratuitous ARP after becoming master: a second burst after `delay` s, `repeat` each, refresh every `refresh` s. */
  readonly garp: { readonly delaySeconds: number; readonly repeat: number; readonly refreshSeconds: number };
  /** HAProxy health checks of the API servers' `/readyz`, in milliseconds and counts. */
  readonly haproxyCheck: {
    readonly interMs: number;
    readonly fastInterMs: number;
    readonly downInterMs: number;
    readonly fall: number;
    readonly rise: number;
    readonly timeoutMs: number;
  };
  /** HAProxy `timeout connect` in milliseconds (a dead API server is skipped after this). */
  readonly connectTimeoutMs: number;
}

/**
 * `fast` (default): VRRPv3 adverts every 0.2 s; the check script (TCP connect to the local
 * frontend) every 1 s, 2 misses to fail, 2 successes to recover; `/readyz` every 0.5 s (0.25 s
 * once a check failed), 2 failures leave rotation; a 1 s fork delay before a restarted HAProxy
 * counts as up (process tracking, when the LB has a process-event feed: see process-feed.ts).
 *
 * `conservative`, for noisy clouds (stolen CPU, lossy overlay networks): adverts every 1 s,
 * process tracking with a 1 s terminate delay and a 2 s fork delay, check script every 2 s with
 * 3 misses / 3 successes, `/readyz` every 2 s (1 s after a failure), 3 failures.
 *
 * `tight` (opt-in), for quiet dedicated networks and unloaded LBs: adverts every 0.1 s, `/readyz`
 * every 0.3 s (0.15 s after a failure). Every missed advert costs a third of the margin, so it
 * trades calm for speed (see derived.ts for the spurious-takeover rate under loss).
 *
 * The failover times these timers imply are derived in derived.ts; the benchmark measures them.
 * With VRRPv2 PASS authentication every profile advertises every 1 s (VRRPv2 has whole seconds).
 */
const PROFILES: Record<TimingProfileName, TimingProfile> = {
  fast: {
    name: "fast",
    advertIntervalSeconds: 0.2,
    advertIntervalV2Seconds: 1,
    script: { intervalSeconds: 1, timeoutSeconds: 1, fall: 2, rise: 2 },
    checkConnectTimeoutSeconds: 0.5,
    trackProcess: { forkDelaySeconds: 1, terminateDelaySeconds: 0 },
    garp: { delaySeconds: 1, repeat: 3, refreshSeconds: 60 },
    haproxyCheck: { interMs: 500, fastInterMs: 250, downInterMs: 1000, fall: 2, rise: 2, timeoutMs: 400 },
    connectTimeoutMs: 2000,
  },
  conservative: {
    name: "conservative",
    advertIntervalSeconds: 1,
    advertIntervalV2Seconds: 1,
    script: { intervalSeconds: 2, timeoutSeconds: 2, fall: 3, rise: 3 },
    checkConnectTimeoutSeconds: 1,
    trackProcess: { forkDelaySeconds: 2, terminateDelaySeconds: 1 },
    garp: { delaySeconds: 2, repeat: 3, refreshSeconds: 60 },
    haproxyCheck: { interMs: 2000, fastInterMs: 1000, downInterMs: 2000, fall: 3, rise: 2, timeoutMs: 1000 },
    connectTimeoutMs: 5000,
  },
  tight: {
    name: "tight",
    advertIntervalSeconds: 0.1,
    advertIntervalV2Seconds: 1,
    // keepalived 2.2.7 reads vrrp_script interval/timeout as whole seconds: 1 s is the floor.
    script: { intervalSeconds: 1, timeoutSeconds: 1, fall: 2, rise: 2 },
    checkConnectTimeoutSeconds: 0.5,
    trackProcess: { forkDelaySeconds: 1, terminateDelaySeconds: 0 },
    garp: { delaySeconds: 1, repeat: 3, refreshSeconds: 60 },
    haproxyCheck: { interMs: 300, fastInterMs: 150, downInterMs: 1000, fall: 2, rise: 2, timeoutMs: 300 },
    connectTimeoutMs: 1000,
  },
};

/** The documented numbers of a timing profile (see the table above). */
export function timingProfile(name: TimingProfileName): TimingProfile {
  const profile = PROFILES[name];
  if (!profile)
    throw new Error(
      `unknown timing profile "${String(name)}"; use one of ${TIMING_PROFILE_NAMES.join(", ")}`,
    );
  return profile;
}
