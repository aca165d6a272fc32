/** fast-check properties of the validation and the VIP rendering, against independent oracles. */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { openshiftSchema, routerIdRange } from "../../components/openshift/config";
import { imageExpandVips } from "../../components/openshift/image-rules";
import { renderIpFailoverEnv } from "../../components/openshift/render/env";
import { expandVips, renderVipList } from "../../components/openshift/vips";

const BASES = ["192.0.2", "198.51.100", "203.0.113"];

const entry = fc
  .record({
    base: fc.constantFrom(...BASES),
    start: fc.integer({ min: 1, max: 250 }),
    length: fc.integer({ min: 1, max: 5 }),
    fullEnd: fc.boolean(),
  })
  .map(({ base, start, length, fullEnd }) => {
    const end = start + length - 1;
    if (length === 1) return `${base}.${start}`;
    return fullEnd ? `${base}.${start}-${base}.${end}` : `${base}.${start}-${end}`;
  });

const rawInstance = fc.record({
  virtualIps: fc.array(entry, { minLength: 1, maxLength: 4 }),
  vipGroups: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
  vrrpIdOffset: fc.integer({ min: 0, max: 254 }),
});

const common = { interface: "ens3", monitorPort: 0, replicas: 2, image: { tag: "4.18" } };

function section(instances: Array<{ virtualIps: string[]; vipGroups?: number; vrrpIdOffset: number }>) {
  return { context: "unit", instances: instances.map((i, k) => ({ ...common, ...i, name: `i${k}` })) };
}

/** Independent oracle: the ids each instance will use, by brute force over the image's counting rule. */
function idsOf(i: { virtualIps: string[]; vipGroups?: number; vrrpIdOffset: number }): number[] {
  const vipCount = expandVips(i.virtualIps).length;
  const count = i.vipGroups === undefined ? vipCount : Math.min(i.vipGroups, vipCount);
  return Array.from({ length: count }, (_, k) => i.vrrpIdOffset + k + 1);
}

test("the schema accepts a set of instances exactly when ids are disjoint and <= 255 and VIPs unique", () => {
  const outcomes = { true: 0, false: 0 };
  fc.assert(
    fc.property(fc.array(rawInstance, { minLength: 1, maxLength: 4 }), (instances) => {
      const all = instances.map((i) => expandVips(i.virtualIps));
      const flat = all.flat();
      const ids = instances.flatMap(idsOf);
      const expected =
        new Set(flat).size === flat.length &&
        new Set(ids).size === ids.length &&
        ids.every((id) => id <= 255) &&
        instances.every((i, k) => i.vipGroups === undefined || i.vipGroups <= all[k].length);
      const result = openshiftSchema.safeParse(section(instances));
      assert.equal(result.success, expected, JSON.stringify(result.error?.issues.map((x) => x.message)));
      outcomes[expected ? "true" : "false"]++;
    }),
    { numRuns: 300 },
  );
  // Both answers must actually occur, or the property says little.
  assert.ok(outcomes.true > 20 && outcomes.false > 20, JSON.stringify(outcomes));
});

/** Valid by construction: one /24 per instance, unique octets, offsets packed with random gaps. */
const validSet = fc
  .array(
    fc.record({
      octets: fc.uniqueArray(fc.integer({ min: 1, max: 254 }), { minLength: 1, maxLength: 12 }),
      groups: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
      gap: fc.integer({ min: 0, max: 30 }),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((specs) => {
    let next = 0;
    return specs.map((spec, k) => {
      const vips = spec.octets.map((o) => `${BASES[k]}.${o}`);
      const vipGroups = spec.groups === undefined ? undefined : Math.min(spec.groups, vips.length);
      const virtualIps = renderVipList(vips).split(",");
      const vrrpIdOffset = next + spec.gap;
      next = vrrpIdOffset + (vipGroups ?? vips.length);
      return { vips, virtualIps, vipGroups, vrrpIdOffset };
    });
  })
  .filter((set) => set.every((i) => i.vrrpIdOffset + (i.vipGroups ?? i.vips.length) <= 255));

test("for random valid instance sets: accepted, id ranges disjoint and <= 255, VIPs round-trip through the image", () => {
  fc.assert(
    fc.property(validSet, (set) => {
      const parsed = openshiftSchema.parse(section(set.map(({ vips: _vips, ...rest }) => rest)));
      const ranges = parsed.instances.map(routerIdRange);
      ranges.forEach((r, k) => {
        assert.ok(r.first >= 1 && r.last <= 255 && r.first <= r.last);
        for (const other of ranges.slice(k + 1)) assert.ok(r.last < other.first || other.last < r.first);
      });
      parsed.instances.forEach((instance, k) => {
        const env = Object.fromEntries(renderIpFailoverEnv(instance).map((e) => [e.name, e.value]));
        const read = imageExpandVips(env.OPENSHIFT_HA_VIRTUAL_IPS);
        assert.deepEqual(read.addresses, set[k].vips);
        assert.deepEqual(read.dropped, []);
        assert.equal(Number(env.OPENSHIFT_HA_VIP_GROUPS), ranges[k].last - ranges[k].first + 1);
      });
    }),
    { numRuns: 200 },
  );
});
