/**
 * `keepalived -t` on the configuration the image would generate from our env (see
 * image-keepalived-conf.ts): what we render is accepted, and the pitfalls the component avoids are
 * real (keepalived itself clears preempt_delay on MASTER instances and refuses router id 256).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, test, type TestContext } from "node:test";
import { renderIpFailoverEnv, SCRIPT_DIR } from "../../components/openshift/render/env";
import { imageReference } from "../../components/openshift/render/manifests";
import { renderScripts } from "../../components/openshift/render/scripts";
import { need } from "../harness/tools";
import { evaluateStack } from "../../offline/evaluate";
import { docsExample, instance, unicastExample } from "./fixtures";
import { imageKeepalivedConf } from "./image-keepalived-conf";

/** The image writes the whole config name as auth_pass; keepalived truncates it to 8 and says so. */
const KNOWN_WARNING = /^\(.*\) Truncating auth_pass to 8 characters$/;

/** A non-loopback interface that can carry multicast VRRP (keepalived -t checks the flags). */
function firstInterface(): string | undefined {
  const out = spawnSync("ip", ["-o", "link", "show"], { encoding: "utf8" }).stdout ?? "";
  return out
    .split("\n")
    .filter((line) => /<[^>]*\bMULTICAST\b[^>]*>/.test(line))
    .map((line) => line.split(": ")[1]?.split("@")[0])
    .find((name) => name !== undefined && name !== "lo");
}

interface Checked {
  readonly status: number | null;
  /** keepalived's messages, minus the known truncation warning. */
  readonly messages: string[];
  readonly knownWarnings: number;
}

/** Accepted: no message but the known one; keepalived -t exits non-zero on any warning, that one too. */
function assertAccepted(checked: Checked, label: string): void {
  assert.deepEqual(checked.messages, [], label);
  assert.ok(checked.status === 0 || checked.knownWarnings > 0, `${label}: exit ${checked.status}`);
}

function keepalivedCheck(
  t: TestContext,
  env: Record<string, string>,
  scripts: Record<string, string>,
  address: string,
  image: string,
): Checked | undefined {
  if (!need(t, { commands: ["keepalived", "ip"] })) return undefined;
  const iface = firstInterface();
  // Through the guard: in CI a machine without such an interface fails instead of skipping.
  const hasInterface = {
    met: iface !== undefined,
    reason: "no multicast-capable interface for keepalived -t",
  };
  if (!need(t, { conditions: [hasInterface] }) || iface === undefined) return undefined;
  const dir = mkdtempSync(path.join(tmpdir(), "ipfailover-kd-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  chmodSync(dir, 0o700);
  const scriptFiles: Record<string, string> = {};
  for (const [file, text] of Object.entries(scripts)) {
    const target = path.join(dir, file);
    writeFileSync(target, text, { mode: 0o755 });
    scriptFiles[`${SCRIPT_DIR}/${file}`] = target;
  }
  const conf = path.join(dir, "keepalived.conf");
  writeFileSync(conf, imageKeepalivedConf(env, { address, interface: iface, scriptFiles }, image));
  const result = spawnSync("keepalived", ["-t", "-f", conf], { encoding: "utf8", timeout: 20_000 });
  const lines = `${result.stdout}${result.stderr}`.split("\n").filter((line) => line.trim() !== "");
  const messages = lines.filter((line) => !KNOWN_WARNING.test(line.trim()));
  return { status: result.status, messages, knownWarnings: lines.length - messages.length };
}

const envOf = (raw: Record<string, unknown>) =>
  Object.fromEntries(renderIpFailoverEnv(instance(raw)).map((e) => [e.name, e.value]));
const imageOf = (raw: Record<string, unknown>) => imageReference(instance(raw).image);

describe("keepalived -t on what the image generates from our env", () => {
  test("unicast, groups, nopreempt, notify script: accepted without a warning", (t) => {
    const checked = keepalivedCheck(
      t,
      envOf(unicastExample),
      renderScripts(instance(unicastExample)),
      "198.51.100.11",
      imageOf(unicastExample),
    );
    if (!checked) return;
    assertAccepted(checked, "edge");
    assert.equal(checked.status, 0, "a name of at most 8 characters draws no warning at all");
  });

  test("the docs' example with nopreempt: accepted on every node", (t) => {
    const raw = { ...docsExample, preemption: { nopreempt: true } };
    for (const address of ["192.0.2.20", "192.0.2.21"]) {
      const checked = keepalivedCheck(t, envOf(raw), renderScripts(instance(raw)), address, imageOf(raw));
      if (!checked) return;
      assertAccepted(checked, address);
      assert.equal(checked.knownWarnings, 2, "ipfailover is 10 characters: one truncation per VRRP instance");
    }
  });

  // The 4.16 generator (openshift/images release-4.16, b58673a3) writes state MASTER whatever the
  // preemption; config refuses that pairing, so the env is built for 4.18 and read by 4.16.
  test("on the 4.16 image keepalived clears nopreempt where the image starts MASTER", (t) => {
    const raw = { ...docsExample, preemption: { nopreempt: true } };
    for (const address of ["192.0.2.20", "192.0.2.21"]) {
      const checked = keepalivedCheck(
        t,
        envOf(raw),
        renderScripts(instance(raw)),
        address,
        "quay.io/openshift/origin-keepalived-ipfailover:4.16",
      );
      if (!checked) return;
      assert.ok(
        checked.messages.some((m) => /nopreempt will not work with initial state MASTER - clearing/.test(m)),
        `${address}: ${checked.messages.join("\n")}`,
      );
    }
  });

  test("the docs' example with preempt_delay 300: keepalived clears the delay where the image starts MASTER", (t) => {
    const checked = keepalivedCheck(
      t,
      envOf(docsExample),
      renderScripts(instance(docsExample)),
      "192.0.2.20",
      imageOf(docsExample),
    );
    if (!checked) return;
    assert.ok(
      checked.messages.some((m) => /preempt delay will not work with initial state MASTER/.test(m)),
      checked.messages.join("\n"),
    );
  });

  test("router ids past 255 (env edited past validation) are refused by keepalived", (t) => {
    const env = {
      ...envOf({ ...docsExample, virtualIps: ["192.0.2.10-17"], vipGroups: undefined }),
      OPENSHIFT_HA_VRRP_ID_OFFSET: "250",
    };
    const checked = keepalivedCheck(
      t,
      { ...env, OPENSHIFT_HA_PREEMPTION: "nopreempt" },
      renderScripts(instance(docsExample)),
      "192.0.2.21",
      imageOf(docsExample),
    );
    if (!checked) return;
    assert.notEqual(checked.status, 0);
    assert.ok(
      checked.messages.some((m) => /VRID '256' not valid/.test(m)),
      checked.messages.join("\n"),
    );
  });

  test("prod: both instances as registered are accepted", async (t) => {
    const { recorder } = await evaluateStack("prod");
    const configMaps = recorder.ofType("kubernetes:core/v1:ConfigMap");
    for (const deployment of recorder.ofType("kubernetes:apps/v1:Deployment")) {
      const spec = deployment.inputs.spec as {
        template: {
          spec: {
            containers: Array<{ image: string; env: Array<{ name: string; value: string }> }>;
            volumes?: Array<{ name: string; configMap?: { name: string } }>;
          };
        };
      };
      const env = Object.fromEntries(spec.template.spec.containers[0].env.map((e) => [e.name, e.value]));
      // Each instance's own scripts: the ConfigMap its "scripts" volume mounts.
      const mounted = spec.template.spec.volumes?.find((v) => v.name === "scripts")?.configMap?.name;
      const scripts = (configMaps.find((c) => (c.inputs.metadata as { name?: string }).name === mounted)
        ?.inputs.data ?? {}) as Record<string, string>;
      const image = spec.template.spec.containers[0].image;
      // Every node of the instance: which VRRP instances start MASTER depends on the address.
      for (const address of ["198.51.100.11", "198.51.100.12", "198.51.100.13"]) {
        const checked = keepalivedCheck(t, env, scripts, address, image);
        if (!checked) return;
        assertAccepted(checked, `${deployment.name} on ${address}`);
      }
    }
  });
});
