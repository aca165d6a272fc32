import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { allocationPools } from "../../components/openstack/allocation-pools";

test("pools skip the gateway and every pinned address", () => {
  assert.deepEqual(
    allocationPools("192.0.2.0/24", ["192.0.2.1", "192.0.2.10", "192.0.2.11", "192.0.2.12", "192.0.2.21"]),
    [
      { start: "192.0.2.2", end: "192.0.2.9" },
      { start: "192.0.2.13", end: "192.0.2.20" },
      { start: "192.0.2.22", end: "192.0.2.254" },
    ],
  );
  assert.deepEqual(allocationPools("192.0.2.0/29", ["192.0.2.1", "192.0.2.6"]), [
    { start: "192.0.2.2", end: "192.0.2.5" },
  ]);
  assert.deepEqual(allocationPools("192.0.2.0/24", []), [{ start: "192.0.2.1", end: "192.0.2.254" }]);
});

test("property: every host is in exactly one pool unless excluded", () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 62 }), { maxLength: 20 }), (hosts) => {
      const excluded = hosts.map((h) => `198.51.100.${h}`);
      const pools = allocationPools("198.51.100.0/26", excluded);
      const inPool = (h: number) =>
        pools.filter((p) => Number(p.start.split(".")[3]) <= h && h <= Number(p.end.split(".")[3])).length;
      for (let h = 1; h <= 62; h++) assert.equal(inPool(h), hosts.includes(h) ? 0 : 1, `host .${h}`);
    }),
  );
});
