import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluateProgram } from "../../offline/evaluate";
import { DEMO_CONFIG, DEMO_OUTPUT_KEYS, demoSystem } from "../fixtures/demo-system";
import { resolve } from "../../offline/resolve";
import * as pulumi from "@pulumi/pulumi";

test("the recorder keeps type, engine URN, parent, dependsOn, provider and secrets", async () => {
  const { recorder, outputs } = await evaluateProgram({
    stack: "unit",
    config: DEMO_CONFIG,
    systems: [demoSystem],
    extraOutputKeys: DEMO_OUTPUT_KEYS,
  });
  const types = recorder.resources.map((r) => r.type);
  assert.deepEqual(types.sort(), [
    "failover:test:Demo",
    "kubernetes:core/v1:ConfigMap",
    "pulumi:providers:kubernetes",
    "random:index/randomPassword:RandomPassword",
  ]);
  const component = recorder.named("demo");
  const cm = recorder.named("demo-cm");
  const secret = recorder.named("demo-secret");
  const provider = recorder.named("demo-k8s");
  assert.equal(
    cm.urn,
    "urn:pulumi:unit::failover-stacks::failover:test:Demo$kubernetes:core/v1:ConfigMap::demo-cm",
  );
  assert.equal(component.urn, "urn:pulumi:unit::failover-stacks::failover:test:Demo::demo");
  assert.equal(cm.parent, component.urn);
  assert.deepEqual(cm.dependsOn, [secret.urn]);
  assert.equal(cm.provider, provider.urn);
  assert.equal(secret.inputs.length, 8);
  // The mock returns inputs as state, so the password is a secret without a value; its path is still marked.
  assert.deepEqual(cm.secretPaths, ["data.password.txt"]);
  assert.equal(outputs.contractVersion.value, 1);
  assert.deepEqual(outputs.systems.value, ["demo"]);
  assert.equal(outputs.demoPassword.isSecret, true);
});

test("resolve() times out instead of hanging on an Output that never resolves", async () => {
  const never = pulumi.output(new Promise<string>(() => undefined));
  await assert.rejects(resolve(never, 50), /did not resolve within 50 ms/);
});

test("a stack with no sections evaluates cleanly and registers nothing", async () => {
  const { recorder, outputs } = await evaluateProgram({ stack: "empty", config: {} });
  assert.equal(recorder.resources.length, 0);
  assert.deepEqual(outputs.systems.value, []);
  assert.equal(outputs.environment.value, "dev");
});
