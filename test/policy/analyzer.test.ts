/**
 * The pack as Pulumi runs it: the real `@pulumi/pulumi/cmd/run-policy-pack` entry, started the way
 * the engine starts it, spoken to over pulumirpc.Analyzer. It must load (type-checked by Pulumi's
 * own ts-node with policy/tsconfig.json) and report exactly what the offline engine reports, on
 * every example stack and the bad fixture, as a first preview sends them and with values known.
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import { after, before, test } from "node:test";
import type { PolicyConfig } from "../../policy/engine";
import { allRules } from "../../policy/rules";
import { asFirstPreview, policyConfigFor, type PreviewResource } from "../../offline/policy";
import { REPO_ROOT } from "../../offline/stack-file";
import {
  analyzerInfo,
  expectSameAsOffline,
  servePack,
  startEngineStub,
  type AnalyzerPolicy,
  type ServedPack,
} from "./analyzer-client";
import { policyCases } from "./cases";

let engine: Awaited<ReturnType<typeof startEngineStub>>;
let pack: ServedPack;
let policies: AnalyzerPolicy[];

before(async () => {
  engine = await startEngineStub();
  pack = await servePack(path.join(REPO_ROOT, "policy"), engine.address);
});

after(() => {
  pack?.stop();
  engine?.stop();
});

test("GetAnalyzerInfo lists every rule of the pack, with its config schema", async () => {
  const info = await analyzerInfo(pack.client);
  policies = info.policies;
  assert.equal(info.name, "failover-stacks");
  assert.equal(info.supportsConfig, true);
  assert.deepEqual(
    info.policies.map((p) => [p.name, p.enforcementLevel]),
    allRules.map((r) => [r.name, r.enforcementLevel]),
  );
  const privileged = info.policies.find((p) => p.name === "privileged-pods-ipfailover-only");
  assert.ok(privileged?.configSchema && "hostNetworkAccounts" in privileged.configSchema);
});

async function sameAsOffline(resources: PreviewResource[], config: PolicyConfig) {
  policies ??= (await analyzerInfo(pack.client)).policies;
  return expectSameAsOffline(pack, policies, resources, config);
}

test("Analyze and AnalyzeStack report what the offline engine reports, in a first preview", async () => {
  for (const c of await policyCases()) {
    const served = await sameAsOffline(asFirstPreview(c.resources), policyConfigFor(c.name));
    if (c.name === "bad") assert.ok(served.length >= 16, "the bad fixture trips the pack");
  }
});

test("... and with every value known (the harness's placeholders)", async () => {
  for (const c of await policyCases()) {
    await sameAsOffline([...c.resources], policyConfigFor(c.name));
  }
});

test("Configure reaches the rules: levels and hostNetworkAccounts", async () => {
  const dev = (await policyCases()).find((c) => c.name === "dev");
  assert.ok(dev);
  const strict: PolicyConfig = {
    "privileged-pods-ipfailover-only": { hostNetworkAccounts: [] },
    "reserved-ip-protected": { enforcementLevel: "disabled" },
  };
  const served = await sameAsOffline(asFirstPreview(dev.resources), strict);
  assert.deepEqual(
    served.map((v) => v.policy),
    ["privileged-pods-ipfailover-only"],
    "without the exemption the static-route operator's hostNetwork DaemonSet is reported",
  );
});
