import assert from "node:assert/strict";
import { test } from "node:test";
import { z } from "zod";
import {
  ConfigError,
  formatKey,
  formatValue,
  plural,
  problem,
  toProblems,
} from "../../components/shared/config-errors";
import { closestKey } from "../../components/shared/schema-walk";

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

test("zod's built-in issues get house wording: no 'a array', no 'item(s)', a fix every time", () => {
  const schema = z
    .object({
      list: z.array(z.string()).min(2).max(3),
      text: z.string().min(3).max(4),
      number: z.number().int().min(2).max(5),
      kind: z.enum(["a", "b"]),
      nested: z.object({ port: z.number() }).strict(),
    })
    .strict();
  const raw = { list: ["x"], text: "xxxxx", number: 1.5, kind: "c", nested: "on", extra: 1 };
  const result = schema.safeParse(raw);
  assert.ok(!result.success);
  const problems = toProblems("demo", raw, result.error.issues, schema);
  const text = problems.map((p) => `${p.key} = ${p.value}: ${p.message}`).join("\n");
  assert.doesNotMatch(text, /\(s\)|\ba array\b|\ba object\b|Invalid input|Too small|Too big/);
  for (const p of problems) assert.match(p.message, / Fix: \S/, p.message);
  const byKey = new Map(problems.map((p) => [p.key, p.message]));
  assert.match(byKey.get("failover-stacks:demo.list") ?? "", /give at least 2 entries/);
  assert.match(byKey.get("failover-stacks:demo.text") ?? "", /give at most 4 characters/);
  assert.match(byKey.get("failover-stacks:demo.kind") ?? "", /use one of "a", "b"/);
  assert.match(byKey.get("failover-stacks:demo.nested") ?? "", /expected a mapping of keys/);
  assert.match(byKey.get("failover-stacks:demo.extra") ?? "", /unknown key/);
});

test("closestKey suggests a near key only", () => {
  assert.equal(closestKey("cuont", ["count", "name"]), "count");
  assert.equal(closestKey("loadBalancer", ["loadBalancers", "controlPlane"]), "loadBalancers");
  assert.equal(closestKey("Vip", ["vip"]), "vip");
  assert.equal(closestKey("banana", ["count", "name"]), undefined);
});

test("the error header counts in English", () => {
  const one = { key: "failover-stacks:x", value: "1", message: "bad. Fix: good" };
  assert.match(new ConfigError([one]).message, /^Invalid stack configuration: 1 problem; nothing/);
  assert.match(new ConfigError([one, one]).message, /^Invalid stack configuration: 2 problems; nothing/);
  assert.equal(plural(1, "entry", "entries"), "1 entry");
  assert.equal(plural(3, "entry", "entries"), "3 entries");
});
