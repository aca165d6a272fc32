/** Range parsing and overlap for MetalLB pools: examples and fast-check properties. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import {
  parsePoolEntry,
  poolEntryProblem,
  rangeSize,
  rangeToCidrs,
  rangesOverlap,
  type AddressRange,
} from "../../components/kubernetes/pool-ranges";
import { addressFromBigInt } from "../../components/shared/ip";

const v4 = (n: bigint): string => addressFromBigInt("ipv4", n).toString();
const range = (start: bigint, end: bigint): AddressRange => ({
  family: "ipv4",
  start,
  end,
  text: `${v4(start)}-${v4(end)}`,
});

// Addresses inside 192.0.2.0/24 as offsets, so shrunk counterexamples stay readable.
const BASE = (192n << 24n) | (2n << 8n);
const offset = fc.integer({ min: 0, max: 255 }).map((n) => BASE + BigInt(n));
const offsetPair = fc.tuple(offset, offset).map(([a, b]) => (a <= b ? range(a, b) : range(b, a)));

describe("parsePoolEntry", () => {
  test("examples", () => {
    const ok = parsePoolEntry("192.0.2.240/28");
    assert.ok(ok.ok);
    assert.equal(v4(ok.range.start), "192.0.2.240");
    assert.equal(v4(ok.range.end), "192.0.2.255");
    const dashed = parsePoolEntry("192.0.2.10-192.0.2.20");
    assert.ok(dashed.ok);
    assert.equal(rangeSize(dashed.range), 11n);
    assert.deepEqual(parsePoolEntry("192.0.2.241/28"), {
      ok: false,
      reason: "host-bits",
      network: "192.0.2.240/28",
    });
    assert.deepEqual(parsePoolEntry("192.0.2.20-192.0.2.10"), { ok: false, reason: "reversed" });
    assert.deepEqual(parsePoolEntry("192.0.2.1-2001:db8::1"), { ok: false, reason: "mixed-families" });
    for (const bad of [
      "",
      "192.0.2.1",
      "192.0.2.1-",
      "-192.0.2.1",
      "a-b",
      "192.0.2.1-192.0.2.2-192.0.2.3",
      "192.0.2.0/33",
    ])
      assert.equal(parsePoolEntry(bad).ok, false, bad);
    const v6 = parsePoolEntry("2001:db8::10-2001:db8::1f");
    assert.ok(v6.ok);
    assert.equal(rangeSize(v6.range), 16n);
  });

  test("property: a written first-last range parses back to the same bounds", () => {
    fc.assert(
      fc.property(offsetPair, (r) => {
        const parsed = parsePoolEntry(r.text);
        return parsed.ok && parsed.range.start === r.start && parsed.range.end === r.end;
      }),
    );
  });

  test("property: every aligned CIDR parses to a range of 2^(32-prefix) addresses", () => {
    fc.assert(
      fc.property(fc.integer({ min: 24, max: 32 }), offset, (prefix, address) => {
        const size = 1n << BigInt(32 - prefix);
        const network = address - (address % size);
        const parsed = parsePoolEntry(`${v4(network)}/${prefix}`);
        return parsed.ok && rangeSize(parsed.range) === size && parsed.range.start === network;
      }),
    );
  });

  test("documentation and special ranges", () => {
    assert.equal(poolEntryProblem("192.0.2.240/28"), undefined);
    assert.match(poolEntryProblem("169.254.0.0/30") ?? "", /link-local/);
    assert.match(poolEntryProblem("126.255.255.250-127.0.0.2") ?? "", /loopback/);
    assert.match(poolEntryProblem("224.0.0.0/28") ?? "", /multicast/);
  });
});

describe("rangesOverlap", () => {
  test("property: agrees with a brute-force membership check", () => {
    fc.assert(
      fc.property(offsetPair, offsetPair, (a, b) => {
        let shared = false;
        for (let x = a.start; x <= a.end && !shared; x++) shared = b.start <= x && x <= b.end;
        return rangesOverlap(a, b) === shared;
      }),
    );
  });

  test("property: symmetric, reflexive, and never across families", () => {
    fc.assert(
      fc.property(offsetPair, offsetPair, (a, b) => {
        const other: AddressRange = { ...b, family: "ipv6" };
        return rangesOverlap(a, b) === rangesOverlap(b, a) && rangesOverlap(a, a) && !rangesOverlap(a, other);
      }),
    );
  });

  test("adjacent ranges do not overlap; sharing one address does", () => {
    assert.equal(rangesOverlap(range(BASE + 10n, BASE + 19n), range(BASE + 20n, BASE + 29n)), false);
    assert.equal(rangesOverlap(range(BASE + 10n, BASE + 20n), range(BASE + 20n, BASE + 29n)), true);
  });
});

describe("rangeToCidrs", () => {
  test("example: 192.0.2.10-192.0.2.20", () => {
    const parsed = parsePoolEntry("192.0.2.10-192.0.2.20");
    assert.ok(parsed.ok);
    assert.deepEqual(
      rangeToCidrs(parsed.range).map((c) => c.text),
      ["192.0.2.10/31", "192.0.2.12/30", "192.0.2.16/30", "192.0.2.20/32"],
    );
  });

  test("property: the CIDRs are aligned, contiguous and cover exactly the range", () => {
    fc.assert(
      fc.property(offsetPair, (r) => {
        const cidrs = rangeToCidrs(r);
        let next = r.start;
        for (const cidr of cidrs) {
          const parsed = parsePoolEntry(cidr.text);
          // parsePoolEntry rejects host bits, so this also proves every block is aligned.
          if (!parsed.ok || parsed.range.start !== next) return false;
          next = parsed.range.end + 1n;
        }
        return next === r.end + 1n && cidrs.length <= 2 * 32;
      }),
    );
  });
});
