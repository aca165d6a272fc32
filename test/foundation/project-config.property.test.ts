/** Property: encodeProjectConfig is the inverse of projectConfig for every value Pulumi can hand over. */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { encodeProjectConfig, projectConfig } from "../../stacks/config";
import { configFromYaml } from "../../offline/stack-file";

const sectionName = fc.stringMatching(/^[a-z][A-Za-z0-9]{0,15}$/);

/** Any JSON value; normalized through JSON text because -0 has none of its own (it prints as 0). */
const json = fc.jsonValue().map((value) => JSON.parse(JSON.stringify(value)) as unknown);

/** Strings that decodeConfigValue keeps as text: no JSON object/array opener, not a boolean word. */
const plainText = fc.string().filter((s) => {
  const trimmed = s.trim();
  return trimmed !== "true" && trimmed !== "false" && !trimmed.startsWith("{") && !trimmed.startsWith("[");
});

const sectionValue = fc.oneof(
  fc.dictionary(fc.string(), json, { noNullPrototype: true }),
  fc.array(json),
  fc.boolean(),
  plainText,
);

test("projectConfig(encodeProjectConfig(x)) returns x", () => {
  fc.assert(
    fc.property(fc.dictionary(sectionName, sectionValue, { noNullPrototype: true }), (sections) => {
      const encoded = encodeProjectConfig(sections);
      for (const [key, value] of Object.entries(encoded)) {
        assert.match(key, /^failover-stacks:/);
        assert.equal(typeof value, "string");
      }
      assert.deepEqual(projectConfig(encoded), sections);
    }),
    { numRuns: 300 },
  );
});

test("encodeProjectConfig gives the string map a stack file becomes", () => {
  const yaml = [
    "config:",
    "  failover-stacks:environment: dev",
    "  failover-stacks:production: true",
    "  failover-stacks:openstack:",
    "    vip: 192.0.2.10",
    "    loadBalancers: { count: 2 }",
    "",
  ].join("\n");
  const sections = {
    environment: "dev",
    production: true,
    openstack: { vip: "192.0.2.10", loadBalancers: { count: 2 } },
  };
  assert.deepEqual(encodeProjectConfig(sections), configFromYaml(yaml).config);
  assert.deepEqual(encodeProjectConfig(sections), {
    "failover-stacks:environment": "dev",
    "failover-stacks:production": "true",
    "failover-stacks:openstack": '{"vip":"192.0.2.10","loadBalancers":{"count":2}}',
  });
});
