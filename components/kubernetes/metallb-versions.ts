/**
 * Which MetalLB release reads which field we render. A field the installed CRD does not have is
 * pruned by the API server (structural schema) and MetalLB never sees it: `interfaces` gone means
 * announcing on every interface. Read in metallb/metallb at the release tags, api/v1beta1/
 * l2advertisement_types.go and ipaddresspool_types.go plus the shipped CRDs
 * (config/crd/bases): the v1beta1 CRDs from v0.13.0, IPAddressPool.spec.avoidBuggyIPs from
 * v0.13.4, L2Advertisement.spec.interfaces from v0.13.6 (PR 1536, "Layer2: Announce LB IPs from
 * specific interfaces" in that release's notes; absent at v0.13.5).
 */
import { problem, type ConfigIssue } from "../shared/config-errors";

export interface MetallbVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/** First release configured by CRDs (metallb.io/v1beta1 IPAddressPool, L2Advertisement). */
export const METALLB_CRDS_SINCE: MetallbVersion = { major: 0, minor: 13, patch: 0 };
export const METALLB_AVOID_BUGGY_IPS_SINCE: MetallbVersion = { major: 0, minor: 13, patch: 4 };
export const METALLB_INTERFACES_SINCE: MetallbVersion = { major: 0, minor: 13, patch: 6 };

/** `0.14.8` or `v0.14.8` (the controller image's tag); undefined for anything else. */
export function parseMetallbVersion(text: string): MetallbVersion | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(text);
  return match ? { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) } : undefined;
}

export function formatMetallbVersion(v: MetallbVersion): string {
  return `${v.major}.${v.minor}.${v.patch}`;
}

export function metallbAtLeast(v: MetallbVersion, floor: MetallbVersion): boolean {
  if (v.major !== floor.major) return v.major > floor.major;
  if (v.minor !== floor.minor) return v.minor > floor.minor;
  return v.patch >= floor.patch;
}

/** Problem with the version text itself, if any (not a version, or before the CRDs). */
export function metallbVersionProblem(text: string): string | undefined {
  const version = parseMetallbVersion(text);
  if (!version)
    return problem(
      `${JSON.stringify(text)} is not a MetalLB version`,
      "write the installed release as x.y.z, such as 0.14.9 (the tag of the controller image)",
    );
  if (!metallbAtLeast(version, METALLB_CRDS_SINCE))
    return problem(
      `MetalLB ${text} is configured by ConfigMap; this component writes the CRDs of 0.13.0 and later`,
      "upgrade MetalLB to 0.13.6 or later",
    );
  return undefined;
}

/** Fields the config asks for that the installed release would silently drop. */
export function metallbFieldProblems(config: {
  readonly version: string;
  readonly interfaces: readonly string[];
  readonly pools: ReadonlyArray<{ readonly avoidBuggyIPs: boolean }>;
}): ConfigIssue[] {
  const version = parseMetallbVersion(config.version);
  if (!version) return []; // reported on the version key itself
  const issues: ConfigIssue[] = [];
  const since = (floor: MetallbVersion) => formatMetallbVersion(floor);
  if (config.interfaces.length > 0 && !metallbAtLeast(version, METALLB_INTERFACES_SINCE)) {
    issues.push({
      path: ["interfaces"],
      message: problem(
        `MetalLB ${config.version} has no L2Advertisement.spec.interfaces (from ${since(METALLB_INTERFACES_SINCE)}); the API server drops the field and MetalLB announces on every interface`,
        `upgrade MetalLB to ${since(METALLB_INTERFACES_SINCE)} or later and set version, or remove interfaces`,
      ),
    });
  }
  config.pools.forEach((pool, i) => {
    if (pool.avoidBuggyIPs && !metallbAtLeast(version, METALLB_AVOID_BUGGY_IPS_SINCE)) {
      issues.push({
        path: ["pools", i, "avoidBuggyIPs"],
        message: problem(
          `MetalLB ${config.version} has no IPAddressPool.spec.avoidBuggyIPs (from ${since(METALLB_AVOID_BUGGY_IPS_SINCE)}); the field would be dropped and .0/.255 handed out`,
          `upgrade MetalLB to ${since(METALLB_AVOID_BUGGY_IPS_SINCE)} or later and set version, or remove avoidBuggyIPs`,
        ),
      });
    }
  });
  return issues;
}
