import assert from "node:assert/strict";
import { test } from "node:test";
import { formatKey, formatValue, problem } from "../../components/shared/config-errors";

test("formatKey writes the path as YAML spells it", () => {
  assert.equal(
    formatKey("openstack", ["loadBalancers", "fixedIps", 1]),
    "failover-stacks:openstack.loadBalancers.fixedIps[1]",
  );
});

test("problem() puts the fix after the problem", () => {
  assert.equal(problem("not a CIDR", "write 192.0.2.0/24"), "not a CIDR. Fix: write 192.0.2.0/24");
});

test("formatValue never prints a secret, nested or not", () => {
  const kubeconfig = "apiVersion: v1\nclusters: [...]";
  assert.equal(formatValue(kubeconfig, ["cluster", "kubeconfig"]), "[redacted]");
  assert.equal(formatValue("https://hooks.slack.invalid/T/B/x", ["alerts", "slack", "url"]), "[redacted]");
  // A section-level problem (an unknown key) must not print the section's kubeconfig.
  const section = { kubeconfig, instances: [{ name: "a" }], typo: 1 };
  const shown = formatValue(section, []);
  assert.equal(shown, "{kubeconfig, instances, typo}");
  assert.ok(!shown.includes("apiVersion"));
  assert.equal(formatValue({ token: "t0k3n" }, []), "{token}");
});

test("formatValue shows small values whole and summarises big ones", () => {
  assert.equal(formatValue(undefined), "(missing)");
  assert.equal(formatValue("192.0.2.300"), '"192.0.2.300"');
  assert.equal(formatValue({ nopreempt: false }), '{"nopreempt":false}');
  assert.equal(formatValue(["203.0.113.0/24", "0.0.0.0/0"]), '["203.0.113.0/24","0.0.0.0/0"]');
  assert.equal(formatValue([{ a: 1 }, { b: 2 }]), "[a list of 2 entries]");
  assert.match(formatValue("x".repeat(200)), /\.\.\.$/);
});
