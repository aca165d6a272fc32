/**
 * The failover timing knob. Every number the LB-pair renderers emit that decides how fast a
 * failure is noticed lives here, so the docs, the renderers and the benchmark read one table.
 */
import type { TimingProfileName } from "./model";

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
 * `fast` (default), tuned for the targets with keepalived 2.2.7 and HAProxy 2.6:
 * - VRRPv3 adverts every 0.2 s: a crashed holder is replaced after the master-down interval,
 *   3 × 0.2 s + skew ≈ 0.6–0.7 s; a graceful stop sends a priority-0 advert, so the backup takes
 *   over after the skew only (≈ 0.1 s).
 * - HAProxy death is seen by `vrrp_track_process` through kernel process events (no polling, no
 *   terminate delay): the holder goes to FAULT and hands over at once (≈ 0.1–0.2 s).
 * - The check script (TCP connect to the local frontend) runs every 1 s, fails after 2 misses and
 *   recovers after 2 successes: the backstop for a HAProxy that runs but does not accept.
 * - `/readyz` is checked every 0.5 s, then every 0.25 s once a check failed, 2 failures to leave
 *   rotation: an unready API server leaves in ≈ 0.4–0.9 s (≤ 1.5 s), returns in ≈ 1–1.5 s.
 * - Anti-flap: no preemption (a recovered LB never takes the VIP back), rise counts of 2, a 1 s
 *   fork delay before a restarted HAProxy counts as up, and `max_auto_priority` (keepalived goes
 *   realtime when it notices it was starved of CPU).
 *
 * `conservative`, for noisy clouds (stolen CPU, lossy overlay networks):
 * - VRRPv3 adverts every 1 s: crash failover ≈ 3–3.5 s, graceful stop ≈ 0.3 s.
 * - Process tracking with a 1 s terminate delay and 2 s fork delay (HAProxy death ≈ 1.3 s).
 * - Check script every 2 s, 3 misses to fail, 3 successes to recover.
 * - `/readyz` every 2 s (1 s after a failure), 3 failures: an unready server leaves in ≈ 2–4 s.
 *
 * With VRRPv2 PASS authentication both profiles advertise every 1 s (VRRPv2 has whole seconds
 * only), so crash failover is ≈ 3–3.5 s whatever the profile.
 *
 * The figures are what test/openstack/failover-netns.test.ts printed on a loaded 2-core VM
 * (fast/VRRPv3 and conservative/VRRPv2); the benchmark owns the precise numbers.
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
};

export const TIMING_PROFILE_NAMES: readonly TimingProfileName[] = ["fast", "conservative"];

/** The documented numbers of a timing profile (see the table above). */
export function timingProfile(name: TimingProfileName): TimingProfile {
  const profile = PROFILES[name];
  if (!profile)
    throw new Error(
      `unknown timing profile "${String(name)}"; use one of ${TIMING_PROFILE_NAMES.join(", ")}`,
    );
  return profile;
}
