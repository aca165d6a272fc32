/**
 * The MetalLB release declared in config against the fields we render: config accepts exactly the
 * configurations whose every meaningful field the release's CRD keeps. The field sets are the
 * json tags of api/v1beta1/{l2advertisement,ipaddresspool}_types.go in metallb/metallb at each tag
 * (read there, and the same in config/crd/bases), not taken from metallb-versions.ts.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { servicePatternsSchema } from "../../components/kubernetes/service-patterns-config";
import { renderIpAddressPool, renderL2Advertisement } from "../../components/kubernetes/render/metallb";
import { goodSection } from "./fixtures";

interface CrdFields {
  readonly pool: readonly string[];
  readonly l2: readonly string[];
}

const V0_13_0: CrdFields = {
  pool: ["addresses", "autoAssign"],
  l2: ["ipAddressPools", "ipAddressPoolSelectors", "nodeSelectors"],
};
const V0_13_4: CrdFields = { ...V0_13_0, pool: [...V0_13_0.pool, "avoidBuggyIPs"] };
const V0_13_6: CrdFields = { ...V0_13_4, l2: [...V0_13_4.l2, "interfaces"] };
const V0_14_9: CrdFields = {
  ...V0_13_6,
  pool: [...V0_13_6.pool, "serviceAllocation"],
};

const RELEASES: Array<[string, CrdFields]> = [
  ["0.13.0", V0_13_0],
  ["0.13.3", V0_13_0],
  ["0.13.4", V0_13_4],
  ["0.13.5", V0_13_4],
  ["0.13.6", V0_13_6],
  ["0.13.7", V0_13_6],
  ["0.14.9", V0_14_9],
];

/** MetalLB's behaviour when a field is absent: dropping a field set to this changes nothing. */
const ABSENT_MEANS: Record<string, unknown> = { avoidBuggyIPs: false, autoAssign: true };

/** Rendered spec fields the release's CRD would prune, where pruning changes behaviour. */
function meaningfulPruned(spec: Record<string, unknown>, kept: readonly string[]): string[] {
  return Object.entries(spec)
    .filter(([field, value]) => !kept.includes(field) && ABSENT_MEANS[field] !== value)
    .map(([field]) => field);
}

const variants: Array<[string, { interfaces: string[]; avoidBuggyIPs: boolean }]> = [
  ["plain", { interfaces: [], avoidBuggyIPs: false }],
  ["interfaces", { interfaces: ["eth0"], avoidBuggyIPs: false }],
  ["avoidBuggyIPs", { interfaces: [], avoidBuggyIPs: true }],
  ["both", { interfaces: ["eth0"], avoidBuggyIPs: true }],
];

describe("MetalLB release vs the fields we render", () => {
  for (const [release, fields] of RELEASES) {
    for (const [label, variant] of variants) {
      test(`${release}, ${label}: accepted exactly when no meaningful field would be dropped`, () => {
        const section = goodSection() as { metallb: Record<string, unknown> };
        section.metallb.version = release;
        section.metallb.interfaces = variant.interfaces;
        const pools = section.metallb.pools as Array<Record<string, unknown>>;
        for (const pool of pools) pool.avoidBuggyIPs = variant.avoidBuggyIPs;

        const parsed = servicePatternsSchema.safeParse(section);
        const metallb = parsed.success ? parsed.data.metallb : undefined;
        // Render from the raw values when config refuses, to see what would have been sent.
        const specs = pools.map((pool) => ({
          name: String(pool.name),
          namespace: "metallb-system",
          addresses: pool.addresses as string[],
          autoAssign: pool.autoAssign !== false,
          avoidBuggyIPs: variant.avoidBuggyIPs,
          interfaces: variant.interfaces,
          nodeSelectors: (section.metallb.nodeSelectors as Array<Record<string, string>>) ?? [],
        }));
        const dropped = specs.flatMap((spec) => [
          ...meaningfulPruned(renderIpAddressPool(spec).spec, fields.pool),
          ...meaningfulPruned(renderL2Advertisement(spec).spec, fields.l2),
        ]);
        assert.equal(
          parsed.success,
          dropped.length === 0,
          parsed.success
            ? `accepted, but ${release} drops ${dropped.join(", ")}`
            : `refused: ${parsed.error.issues.map((i) => i.message).join("; ")}`,
        );
        if (metallb) assert.equal(metallb.version, release);
      });
    }
  }
});
