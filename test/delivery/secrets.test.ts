/**
 * Nothing secret in plain text: every secret source offline is a recognisable placeholder (secure
 * config values become `<secret:KEY>`, secret cloud-assigned values `<assigned-secret:...>`). If one
 * reaches resources.json or exports.json unredacted, a secret lost its secret marking on the way.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { synth } from "../../scripts/synth/run";
import { containsKnownSecret } from "../../offline/cloud-assigned";
import { DEMO_CONFIG, DEMO_OUTPUT_KEYS, demoSystem } from "../fixtures/demo-system";
import { evaluateProgram } from "../../offline/evaluate";
import { exampleStacks } from "../../offline/stacks";
import { stackFilePath } from "../../offline/stack-file";
import { parse, stringify } from "yaml";
import { filesBelow } from "../harness/files";

const containsSecret = (value: unknown): boolean => containsKnownSecret(JSON.stringify(value ?? null));

for (const stack of exampleStacks()) {
  test(`${stack}: secret outputs are marked secret and no secret reaches the synth output in plain text`, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "fs-secrets-"));
    try {
      const result = await synth(stack, dir);
      for (const [key, output] of Object.entries(result.evaluation.outputs)) {
        if (containsSecret(output.value))
          assert.ok(output.isSecret, `output ${key} carries a secret but is not secret`);
      }
      for (const file of filesBelow(dir)) {
        const text = readFileSync(path.join(dir, file), "utf8");
        assert.ok(!containsKnownSecret(text), `${file} contains a secret in plain text`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("the detector works: an unmarked secret would be caught", async () => {
  const { recorder, outputs } = await evaluateProgram({
    stack: "unit",
    config: DEMO_CONFIG,
    systems: [demoSystem],
    extraOutputKeys: DEMO_OUTPUT_KEYS,
  });
  // The password flows into a ConfigMap: its value is a placeholder and its path is marked secret.
  const cm = recorder.named("demo-cm");
  assert.ok(containsSecret(cm.inputs), "the placeholder is recognisable");
  assert.deepEqual(cm.secretPaths, ["data.password.txt"]);
  assert.ok(outputs.demoPassword.isSecret);
});

test("a VRRP password embedded in LB user data never reaches any synth file", async () => {
  // The dev stack with VRRPv2 PASS authentication: keepalived.conf then carries the secret inline.
  const dir = mkdtempSync(path.join(tmpdir(), "fs-secrets-"));
  try {
    const devFile = readFileSync(stackFilePath("dev"), "utf8");
    const doc = parse(devFile) as { config: Record<string, Record<string, unknown>> };
    doc.config["failover-stacks:openstack"].vrrpAuth = "password";
    const stackFile = path.join(dir, "Pulumi.password.yaml");
    writeFileSync(stackFile, stringify(doc));
    const result = await synth("password", path.join(dir, "out"), stackFile);
    const lbUserData = result.evaluation.recorder.resources.find(
      (r) => r.type === "openstack:compute/instance:Instance" && r.name.includes("-api-lb-"),
    );
    assert.ok(lbUserData?.secretPaths.includes("userData"), "the LB user data is secret in state");
    const conf = filesBelow(path.join(dir, "out")).find((f) => f.endsWith("keepalived/keepalived.conf"));
    assert.ok(conf, "keepalived.conf is written");
    assert.match(readFileSync(path.join(dir, "out", conf), "utf8"), /auth_pass \[secret\]/);
    for (const file of filesBelow(path.join(dir, "out"))) {
      const text = readFileSync(path.join(dir, "out", file), "utf8");
      assert.ok(!containsKnownSecret(text), `${file} contains a secret in plain text`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
