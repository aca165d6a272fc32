/** Property: with the longest names the digitalocean schema accepts, every derived name fits its limit. */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { DROPLET_NAME_MAX } from "../../components/digitalocean/derived-names";
import { ENVIRONMENT_MAX } from "../../components/shared/settings";
import { assertRejected } from "../harness/bad-config";
import { derivedNameViolations, maxLabel } from "../harness/name-limits";
import { section } from "./fixtures";

const GATEWAY_ROOM = DROPLET_NAME_MAX - ENVIRONMENT_MAX - "--egress".length;

test("digitalocean: maximal names keep droplet, firewall, VPC and route names within their limits", async () => {
  await fc.assert(
    fc.asyncProperty(
      maxLabel(ENVIRONMENT_MAX),
      fc.uniqueArray(maxLabel(GATEWAY_ROOM), { minLength: 10, maxLength: 10 }),
      maxLabel(63),
      maxLabel(63),
      async (environment, names, clusterName, routeSet) => {
        const violations = await derivedNameViolations({
          environment,
          digitalocean: section({
            gateways: { count: 10, names },
            activeGateway: names[0],
            reservedIps: true,
            vpc: { cidr: "10.110.0.0/20", name: clusterName },
            routeSets: [{ name: routeSet, destinations: ["203.0.113.10"] }],
            cluster: {
              name: clusterName,
              create: {
                version: "1.33.1-do.0",
                nodePool: { name: clusterName, size: "s-2vcpu-4gb", count: 2 },
              },
            },
          }),
        });
        assert.deepEqual(violations, []);
      },
    ),
    { numRuns: 3 },
  );
});

test("digitalocean: one character more in a gateway name is refused before anything registers", async () => {
  const environment = "e".repeat(ENVIRONMENT_MAX);
  const long = "g".repeat(GATEWAY_ROOM + 1);
  await assertRejected({
    name: "gateway name too long for its droplet",
    config: { environment, digitalocean: section({ gateways: { count: 2, names: ["gw-1", long] } }) },
    key: "failover-stacks:digitalocean.gateways.names[1]",
    value: `"${long}"`,
    fix: `shorten the gateway name to at most ${GATEWAY_ROOM} characters`,
  });
});
