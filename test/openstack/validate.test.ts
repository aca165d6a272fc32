/** Properties of the pure cross-field checks (validate.ts), over generated addresses. */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  defaultPriorities,
  openstackProblems,
  type OpenstackTopology,
} from "../../components/openstack/validate";

const host = (n: number) => `198.51.100.${n}`;

function topology(vip: string, lbs: number[], cps: number[]): OpenstackTopology {
  return {
    network: { cidr: "198.51.100.0/24", dnsNameservers: [] },
    vip,
    devSingleControlPlane: false,
    loadBalancers: {
      count: lbs.length,
      fixedIps: lbs.map(host),
      virtualRouterId: 51,
      otherRouterIdsOnNetwork: [],
    },
    controlPlane: { count: cps.length, fixedIps: cps.map(host) },
  };
}

/** Six distinct host numbers 2..254 (1 is the gateway of a created subnet): the VIP and five nodes. */
const sixHosts = fc.uniqueArray(fc.integer({ min: 2, max: 254 }), { minLength: 6, maxLength: 6 });

test("a VIP on a free host address of the subnet is accepted", () => {
  fc.assert(
    fc.property(sixHosts, ([vip, a, b, c, d, e]) => {
      assert.deepEqual(openstackProblems(topology(host(vip), [a, b], [c, d, e])), []);
    }),
    { numRuns: 200 },
  );
});

test("a VIP equal to any node address is rejected at the vip key", () => {
  fc.assert(
    fc.property(sixHosts, fc.integer({ min: 0, max: 4 }), ([, a, b, c, d, e], pick) => {
      const nodes = [a, b, c, d, e];
      const problems = openstackProblems(topology(host(nodes[pick]), [a, b], [c, d, e]));
      assert.deepEqual(
        problems.map((p) => p.path.join(".")),
        ["vip"],
      );
      assert.match(problems[0].message, /node address/);
    }),
    { numRuns: 200 },
  );
});

test("a VIP outside the subnet, or on its network, broadcast or gateway address, is rejected", () => {
  for (const vip of ["198.51.101.10", "198.51.100.0", "198.51.100.255", "198.51.100.1", "203.0.113.10"]) {
    const problems = openstackProblems(topology(vip, [11, 12], [21, 22, 23]));
    assert.deepEqual(
      problems.map((p) => p.path.join(".")),
      ["vip"],
      vip,
    );
  }
});

test("default priorities are distinct, descending and valid for every allowed LB count", () => {
  for (let count = 2; count <= 8; count++) {
    const priorities = defaultPriorities(count);
    assert.equal(new Set(priorities).size, count);
    assert.deepEqual(
      [...priorities].sort((x, y) => y - x),
      priorities,
    );
    assert.ok(priorities.every((p) => p >= 1 && p <= 254));
  }
});
