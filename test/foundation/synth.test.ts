import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { allRules } from "../../policy/rules";
import { deriveArtifacts } from "../../scripts/synth/artifacts";
import { synth } from "../../scripts/synth/run";
import { REDACTED, redact } from "../../scripts/synth/stable";
import { DEMO_CONFIG, DEMO_OUTPUT_KEYS, demoSystem } from "../fixtures/demo-system";
import { fakeRecord } from "../harness/fake-record";
import { evaluateProgram } from "../../offline/evaluate";
import { exampleStacks } from "../../offline/stacks";
import { filesBelow } from "../harness/files";

for (const stack of exampleStacks()) {
  test(`synth of ${stack} is byte-identical across two runs and has every part`, async () => {
    const root = mkdtempSync(path.join(tmpdir(), "fs-synth-"));
    try {
      const a = await synth(stack, path.join(root, "a"));
      const b = await synth(stack, path.join(root, "b"));
      const files = filesBelow(a.outDir);
      assert.deepEqual(filesBelow(b.outDir), files);
      for (const file of files) {
        assert.ok(
          readFileSync(path.join(a.outDir, file)).equals(readFileSync(path.join(b.outDir, file))),
          `${file} differs between runs`,
        );
      }
      for (const part of ["resources.json", "exports.json", "contract.json", "policy.json", "README.txt"])
        assert.ok(files.includes(part));
      const resources = JSON.parse(readFileSync(path.join(a.outDir, "resources.json"), "utf8")) as Array<{
        inputs: Record<string, unknown>;
      }>;
      assert.equal(resources.length, a.evaluation.recorder.resources.length);
      const refs = resources.map((r) => r.inputs.userData).filter((u) => u !== undefined && u !== REDACTED);
      assert.ok(refs.length > 0, "the stack has instances with user data");
      for (const ref of refs) {
        const { artifact, sha256 } = ref as { artifact: string; sha256: string };
        const content = readFileSync(path.join(a.outDir, artifact));
        assert.equal(createHash("sha256").update(content).digest("hex"), sha256, `${artifact}: its digest`);
      }
      const policy = JSON.parse(readFileSync(path.join(a.outDir, "policy.json"), "utf8")) as {
        rules: Array<{ name: string; resourcesRead: number }>;
      };
      assert.deepEqual(
        policy.rules.map((r) => r.name),
        allRules.map((r) => r.name),
        "every rule of the pack is listed",
      );
      assert.match(readFileSync(path.join(a.outDir, "README.txt"), "utf8"), /NOT a pulumi preview/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
}

test("artifacts come from resource inputs: manifests as YAML, ConfigMap keys as files, secrets redacted", async () => {
  const { recorder } = await evaluateProgram({
    stack: "unit",
    config: DEMO_CONFIG,
    systems: [demoSystem],
    extraOutputKeys: DEMO_OUTPUT_KEYS,
  });
  const artifacts = deriveArtifacts(recorder.resources);
  const paths = artifacts.map((a) => a.path);
  assert.deepEqual(paths, [
    "kubernetes/demo-k8s/configmap-cluster-demo-cm.yaml",
    "kubernetes/demo-k8s/configmap-cluster-demo-cm/password.txt",
    "kubernetes/demo-k8s/configmap-cluster-demo-cm/vip",
  ]);
  assert.equal(artifacts[1].content, REDACTED, "a secret ConfigMap key is written redacted");
  const manifest = artifacts[0].content;
  assert.match(manifest, /vip: 192\.0\.2\.10/);
  assert.match(manifest, /password\.txt: "\[secret\]"/);
});

test("cloud-init user data is written whole and its write_files exploded", () => {
  const userData = [
    "#cloud-config",
    "write_files:",
    "  - path: /etc/keepalived/keepalived.conf",
    "    content: |",
    "      global_defs {}",
    "  - path: /usr/local/bin/check.sh",
    "    encoding: b64",
    `    content: ${Buffer.from("#!/bin/sh\nexit 0\n").toString("base64")}`,
    "",
  ].join("\n");
  const record = fakeRecord("urn:pulumi:unit::failover-stacks::openstack:compute/instance:Instance::lb-1", {
    inputs: { userData },
  });
  const artifacts = deriveArtifacts([record]);
  assert.deepEqual(
    artifacts.map((a) => [a.path, a.content]),
    [
      ["instances/lb-1/files/etc/keepalived/keepalived.conf", "global_defs {}\n"],
      ["instances/lb-1/files/usr/local/bin/check.sh", "#!/bin/sh\nexit 0\n"],
      ["instances/lb-1/user-data", userData],
    ],
  );
});

test("redact replaces secret paths, including keys with dots and list items", () => {
  const inputs = { data: { "password.txt": "p", keep: "k" }, list: [{ token: "t" }, { token: "u" }] };
  const out = redact(inputs, ["data.password.txt", "list[1].token"]);
  assert.deepEqual(out, {
    data: { "password.txt": REDACTED, keep: "k" },
    list: [{ token: "t" }, { token: REDACTED }],
  });
  assert.equal(inputs.data["password.txt"], "p", "the original is untouched");
});
