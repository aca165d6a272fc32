import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { allocationPools } from "../../components/openstack/allocation-pools";
import { addressFromBigInt, addressToBigInt, parseAddress } from "../../components/shared/ip";

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

test("property: any subnet, across octet boundaries: pools are ordered, disjoint and cover exactly the free hosts", () => {
  const value = (text: string): bigint => addressToBigInt(parseAddress(text)!);
  fc.assert(
    fc.property(
      fc.integer({ min: 20, max: 30 }),
      fc.bigInt({ min: 0n, max: 2n ** 32n - 1n }),
      fc.array(fc.nat(), { maxLength: 12 }),
      (prefix, seed, picks) => {
        const size = 2n ** BigInt(32 - prefix);
        const network = (seed / size) * size;
        const cidr = `${addressFromBigInt("ipv4", network).toString()}/${prefix}`;
        const excluded = picks.map((pick) =>
          addressFromBigInt("ipv4", network + (BigInt(pick) % size)).toString(),
        );
        const pools = allocationPools(cidr, excluded).map((p) => [value(p.start), value(p.end)] as const);
        const skipped = new Set(excluded.map(value));
        let covered = 0n;
        pools.forEach(([start, end], i) => {
          assert.ok(start <= end);
          if (i > 0) assert.ok(start > pools[i - 1][1] + 1n, "pools are separated by an excluded address");
          for (const n of skipped) assert.ok(n < start || n > end, `${n} excluded but in a pool`);
          covered += end - start + 1n;
        });
        const hosts = [...skipped].filter((n) => n > network && n < network + size - 1n).length;
        assert.equal(covered, size - 2n - BigInt(hosts));
        if (pools.length > 0) {
          assert.ok(pools[0][0] > network && pools[pools.length - 1][1] < network + size - 1n);
        }
      },
    ),
  );
});
