/** The DigitalOcean egress policy rules, each with passing and failing cases, and the real stacks. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { blocking, runPolicies } from "../../policy/engine";
import { allRules } from "../../policy/rules";
import { egressGatewayRedundancy } from "../../policy/rules/egress-gateway-redundancy";
import { noWorldSsh } from "../../policy/rules/no-world-ssh";
import { reservedIpProtected } from "../../policy/rules/reserved-ip-protected";
import {
  staticRouteDestinations,
  staticRouteUniqueDestinations,
} from "../../policy/rules/static-route-destinations";
import { OPERATOR_IMAGE } from "../../components/digitalocean/constants";
import { evaluateStack } from "../../offline/evaluate";
import { resource, unexpectedViolations } from "../../offline/policy";
import { evaluateSection, section } from "./fixtures";

const DROPLET = "digitalocean:index/droplet:Droplet";
const STATIC_ROUTE = "kubernetes:networking.digitalocean.com/v1:StaticRoute";
const RESERVED = "digitalocean:index/reservedIp:ReservedIp";

const gateway = (name: string, pool: string, production: boolean) =>
  resource(DROPLET, name, {
    tags: ["failover-nat-gateway", `failover-pool:${pool}`, `failover-production:${production}`],
  });
const route = (name: string, destinations: unknown[], gw = "10.110.0.5") =>
  resource(STATIC_ROUTE, name, {
    apiVersion: "networking.digitalocean.com/v1",
    kind: "StaticRoute",
    metadata: { name },
    spec: { destinations, gateway: gw },
  });

describe("egress-gateway-redundancy", () => {
  test("fails a production pool with one gateway, naming the pool and the fix", async () => {
    const violations = await runPolicies(
      [egressGatewayRedundancy],
      [gateway("prod-egress-gw-1", "prod-egress", true), gateway("other", "other", false)],
    );
    assert.equal(violations.length, 1);
    assert.equal(blocking(violations).length, 1);
    assert.match(violations[0].message, /prod-egress has 1 production NAT gateway/);
    assert.match(violations[0].message, /gateways\.count/);
  });

  test("passes two production gateways, and a single non-production one", async () => {
    assert.deepEqual(
      await runPolicies(
        [egressGatewayRedundancy],
        [
          gateway("prod-egress-gw-1", "prod-egress", true),
          gateway("prod-egress-gw-2", "prod-egress", true),
          gateway("dev-egress-gw-1", "dev-egress", false),
          resource(DROPLET, "unrelated-web", { tags: ["failover-production:true"] }),
        ],
      ),
      [],
    );
  });

  test("the system tags production gateways so the rule sees them", async () => {
    // Production needs the operator by digest (a test value: this test pulls nothing).
    const operator = { image: OPERATOR_IMAGE, digest: `sha256:${"ab".repeat(32)}` };
    const { recorder } = await evaluateSection(section({ gateways: { count: 2 }, operator }), {
      production: true,
    });
    const tags = recorder.ofType(DROPLET).map((d) => d.inputs.tags as string[]);
    assert.ok(tags.every((t) => t.includes("failover-production:true")));
    assert.deepEqual(await runPolicies([egressGatewayRedundancy], recorder.resources), []);
    // Remove one droplet: the same records now violate.
    const oneLess = recorder.resources.filter((r) => r.name !== "unit-egress-gw-2");
    assert.equal((await runPolicies([egressGatewayRedundancy], oneLess)).length, 1);
  });
});

describe("static-route-destinations", () => {
  const failing: Array<[string, unknown[]]> = [
    ["default route", ["0.0.0.0/0"]],
    ["metadata address", ["169.254.169.254"]],
    ["link-local", ["169.254.0.0/16"]],
    ["loopback", ["127.0.0.1"]],
    ["multicast", ["224.0.0.0/4"]],
    ["host bits", ["203.0.113.5/24"]],
    ["hostname", ["ifconfig.me"]],
    ["IPv6", ["2001:db8::1"]],
    ["not a string", [42]],
    ["duplicate", ["203.0.113.10", "203.0.113.10/32"]],
    ["empty", []],
  ];
  for (const [name, destinations] of failing) {
    test(`fails: ${name}`, async () => {
      const violations = await runPolicies([staticRouteDestinations], [route(`r-${name}`, destinations)]);
      assert.ok(violations.length >= 1, name);
      assert.ok(violations.every((v) => v.enforcementLevel === "mandatory"));
    });
  }

  test("fails a gateway that is not an address", async () => {
    const violations = await runPolicies([staticRouteDestinations], [route("r", ["203.0.113.10"], "gw-1")]);
    assert.match(violations[0].message, /gateway "gw-1"/);
  });

  test("passes partner addresses and networks; ignores other kinds", async () => {
    assert.deepEqual(
      await runPolicies(
        [staticRouteDestinations],
        [
          route("ok", ["203.0.113.10", "198.51.100.0/28", "203.0.113.64/27"]),
          resource("kubernetes:networking.doks.digitalocean.com/v1alpha1:Route", "agent", {
            spec: { destinations: ["0.0.0.0/0"], gateways: ["10.110.0.5"] },
          }),
        ],
      ),
      [],
    );
  });
});

describe("static-route-unique-destinations", () => {
  test("fails one destination in two StaticRoutes (a standby created beside the primary)", async () => {
    const violations = await runPolicies(
      [staticRouteUniqueDestinations],
      [
        route("egress-a-via-gw-1", ["203.0.113.10"]),
        route("egress-a-via-gw-2", ["203.0.113.10/32"], "10.110.0.6"),
      ],
    );
    assert.equal(violations.length, 1);
    assert.match(
      violations[0].message,
      /203\.0\.113\.10\/32 is routed by both egress-a-via-gw-1 and egress-a-via-gw-2/,
    );
    assert.ok(violations[0].urn?.endsWith("egress-a-via-gw-2"));
  });

  test("passes distinct destinations, including overlapping networks of different size", async () => {
    assert.deepEqual(
      await runPolicies(
        [staticRouteUniqueDestinations],
        [route("a", ["203.0.113.0/24"]), route("b", ["203.0.113.10"]), route("c", ["198.51.100.0/28"])],
      ),
      [],
    );
  });
});

describe("reserved-ip-protected", () => {
  test("fails an unprotected reserved IP", async () => {
    const violations = await runPolicies(
      [reservedIpProtected],
      [resource(RESERVED, "ip", { region: "fra1" })],
    );
    assert.equal(violations.length, 1);
    assert.match(violations[0].message, /protect: true/);
  });

  test("passes a protected one (as the pool creates them)", async () => {
    const { recorder } = await evaluateSection(section({ reservedIps: true }));
    assert.equal(recorder.ofType(RESERVED).length, 2);
    assert.deepEqual(await runPolicies([reservedIpProtected], recorder.resources), []);
  });
});

describe("no-world-ssh on DigitalOcean firewalls", () => {
  test("the generated firewall passes; opening its SSH rule to the world fails", async () => {
    const { recorder } = await evaluateSection(section({}));
    assert.deepEqual(await runPolicies([noWorldSsh], recorder.resources), []);
    const firewall = recorder.ofType("digitalocean:index/firewall:Firewall")[0];
    const inbound = firewall.inputs.inboundRules as Array<Record<string, unknown>>;
    const opened = resource(firewall.type, firewall.name, {
      ...firewall.inputs,
      inboundRules: inbound.map((r) => (r.portRange === "22" ? { ...r, sourceAddresses: ["0.0.0.0/0"] } : r)),
    });
    assert.equal((await runPolicies([noWorldSsh], [opened])).length, 1);
  });
});

describe("the whole pack on the real stacks", () => {
  for (const stack of ["dev", "prod"]) {
    test(`${stack} has no violations`, async () => {
      const { recorder } = await evaluateStack(stack);
      assert.deepEqual(unexpectedViolations(await runPolicies(allRules, recorder.resources)), []);
    });
  }
});
