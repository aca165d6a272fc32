import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  addressFromBigInt,
  addressOrNetwork,
  addressToBigInt,
  broadcastOf,
  containsAddress,
  containsNetwork,
  networkOf,
  nthAddress,
  overlaps,
  parseAddress,
  parseCidrLoose,
  parseNetwork,
  specialRange,
} from "../../components/shared/ip";

const cidr = (text: string) => {
  const parsed = parseCidrLoose(text);
  assert.ok(parsed, text);
  return parsed;
};

test("parseAddress is strict about IPv4 forms", () => {
  for (const good of ["192.0.2.1", "0.0.0.0", "255.255.255.255", "2001:db8::1"])
    assert.ok(parseAddress(good), good);
  for (const bad of [
    "192.0.2",
    "192.0.2.256",
    "0x7f.0.0.1",
    "127.1",
    " 192.0.2.1",
    "192.0.2.1/32",
    "",
    "a.b.c.d",
  ]) {
    assert.equal(parseAddress(bad), undefined, bad);
  }
});

test("parseNetwork rejects host bits and names the network to use", () => {
  assert.deepEqual(parseNetwork("192.0.2.1/24"), { ok: false, reason: "host-bits", network: "192.0.2.0/24" });
  assert.deepEqual(parseNetwork("192.0.2.0/33"), { ok: false, reason: "malformed" });
  assert.deepEqual(parseNetwork("192.0.2.0"), { ok: false, reason: "malformed" });
  const ok = parseNetwork("198.51.100.0/24");
  assert.ok(ok.ok && ok.cidr.text === "198.51.100.0/24");
  const host = addressOrNetwork("203.0.113.7");
  assert.ok(host.ok && host.cidr.text === "203.0.113.7/32");
});

test("network, broadcast, containment and overlap", () => {
  assert.equal(networkOf(cidr("192.0.2.77/26")).toString(), "192.0.2.64");
  assert.equal(broadcastOf(cidr("192.0.2.77/26")).toString(), "192.0.2.127");
  assert.ok(containsAddress(cidr("192.0.2.0/24"), parseAddress("192.0.2.200")!));
  assert.ok(!containsAddress(cidr("192.0.2.0/24"), parseAddress("198.51.100.1")!));
  assert.ok(!containsAddress(cidr("192.0.2.0/24"), parseAddress("2001:db8::1")!));
  assert.ok(containsNetwork(cidr("192.0.2.0/24"), cidr("192.0.2.128/25")));
  assert.ok(!containsNetwork(cidr("192.0.2.128/25"), cidr("192.0.2.0/24")));
  assert.ok(overlaps(cidr("192.0.2.0/24"), cidr("192.0.2.128/25")));
  assert.ok(!overlaps(cidr("192.0.2.0/25"), cidr("192.0.2.128/25")));
  assert.equal(nthAddress(cidr("192.0.2.0/24"), 10).toString(), "192.0.2.10");
  assert.throws(() => nthAddress(cidr("192.0.2.0/30"), 4), RangeError);
});

test("special ranges: default route, metadata, link-local, loopback, multicast", () => {
  assert.equal(specialRange(cidr("0.0.0.0/0")), "default-route");
  assert.equal(specialRange(cidr("169.254.169.254/32")), "metadata");
  assert.equal(specialRange(cidr("160.0.0.0/4")), "metadata", "a supernet of the metadata address counts");
  assert.equal(specialRange(cidr("169.254.10.0/24")), "link-local");
  assert.equal(specialRange(cidr("127.0.0.1/32")), "loopback");
  assert.equal(specialRange(cidr("239.1.1.0/24")), "multicast");
  assert.equal(specialRange(cidr("::/0")), "default-route");
  assert.equal(specialRange(cidr("203.0.113.0/24")), undefined);
});

const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join("."));

test("property: every address round-trips and lies inside each of its own networks", () => {
  fc.assert(
    fc.property(ipv4, fc.integer({ min: 0, max: 32 }), (address, prefix) => {
      assert.equal(parseAddress(address)?.toString(), address);
      const network = `${networkOf(cidr(`${address}/${prefix}`)).toString()}/${prefix}`;
      const parsed = parseNetwork(network);
      assert.ok(parsed.ok, network);
      assert.ok(containsAddress(parsed.cidr, parseAddress(address)!));
      assert.equal(parseNetwork(`${address}/${prefix}`).ok, address === network.split("/")[0]);
    }),
  );
});

test("property: overlap is symmetric and equals 'one contains the other'", () => {
  const net = fc.tuple(ipv4, fc.integer({ min: 0, max: 32 })).map(([a, p]) => {
    const c = cidr(`${a}/${p}`);
    return cidr(`${networkOf(c).toString()}/${p}`);
  });
  fc.assert(
    fc.property(net, net, (a, b) => {
      assert.equal(overlaps(a, b), overlaps(b, a));
      assert.equal(overlaps(a, b), containsNetwork(a, b) || containsNetwork(b, a));
    }),
  );
});

test("address <-> integer: known values and the bounds of each family", () => {
  assert.equal(addressToBigInt(parseAddress("0.0.0.0")!), 0n);
  assert.equal(addressToBigInt(parseAddress("192.0.2.1")!), 0xc0000201n);
  assert.equal(addressToBigInt(parseAddress("255.255.255.255")!), 2n ** 32n - 1n);
  assert.equal(addressToBigInt(parseAddress("2001:db8::1")!), 0x20010db8n * 2n ** 96n + 1n);
  assert.equal(addressFromBigInt("ipv4", 0xc0000201n).toString(), "192.0.2.1");
  assert.equal(
    addressFromBigInt("ipv6", 2n ** 128n - 1n).toString(),
    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
  );
  assert.throws(() => addressFromBigInt("ipv4", 2n ** 32n), RangeError);
  assert.throws(() => addressFromBigInt("ipv6", -1n), RangeError);
  assert.throws(() => nthAddress(cidr("192.0.2.0/24"), 1.5), RangeError);
});

const octet = fc.nat(255);
const v4Value = fc.bigInt({ min: 0n, max: 2n ** 32n - 1n });
const v6Value = fc.bigInt({ min: 0n, max: 2n ** 128n - 1n });

test("property: address <-> integer round-trips in both families and keeps the dotted-quad value", () => {
  fc.assert(
    fc.property(v4Value, v6Value, (v4, v6) => {
      const a = addressFromBigInt("ipv4", v4);
      assert.equal(a.kind(), "ipv4");
      assert.equal(addressToBigInt(a), v4);
      assert.equal(addressToBigInt(parseAddress(a.toString())!), v4);
      const b = addressFromBigInt("ipv6", v6);
      assert.equal(b.kind(), "ipv6");
      assert.equal(addressToBigInt(b), v6);
      assert.equal(addressToBigInt(parseAddress(b.toString())!), v6);
    }),
  );
  fc.assert(
    fc.property(fc.tuple(octet, octet, octet, octet), (o) => {
      const value = o.reduce((acc, part) => acc * 256n + BigInt(part), 0n);
      assert.equal(addressToBigInt(parseAddress(o.join("."))!), value);
    }),
  );
});

test("property: the n-th address is the network's integer plus n, inside the network", () => {
  const net = fc.tuple(ipv4, fc.integer({ min: 8, max: 32 })).map(([a, p]) => {
    const c = cidr(`${a}/${p}`);
    return cidr(`${networkOf(c).toString()}/${p}`);
  });
  fc.assert(
    fc.property(net, fc.nat(), (network, seed) => {
      const n = seed % 2 ** (32 - network.prefix);
      const address = nthAddress(network, n);
      assert.equal(addressToBigInt(address), addressToBigInt(networkOf(network)) + BigInt(n));
      assert.ok(containsAddress(network, address));
      assert.throws(() => nthAddress(network, 2 ** (32 - network.prefix)), RangeError);
    }),
  );
});
