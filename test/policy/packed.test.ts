/**
 * The pack as `pulumi policy publish` ships it: `npm pack` of policy/ (prepack bundles it), unpacked
 * into an empty folder and installed with `npm install` there, as Pulumi installs a published pack
 * (pkg/workspace, installRequiredPolicy: extract, then completeNodeJSInstall). It must start under
 * the real run-policy-pack entry from its own node_modules and report what the offline engine does.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { promisify } from "node:util";
import { asFirstPreview, policyConfigFor } from "../../offline/policy";
import { REPO_ROOT } from "../../offline/stack-file";
import { IN_CI } from "../harness/tools";
import {
  analyzerInfo,
  expectSameAsOffline,
  servePack,
  startEngineStub,
  type ServedPack,
} from "./analyzer-client";
import { policyCases } from "./cases";

const run = promisify(execFile);
const INSTALL_TIMEOUT_MS = 600_000;

const work = mkdtempSync(path.join(tmpdir(), `policy-pack-${process.pid}-`));
after(() => rmSync(work, { recursive: true, force: true }));

test("npm pack ships the bundle, the loader and PulumiPolicy.yaml, and no TypeScript", async (t) => {
  // A stale bundle must not stand in for the one prepack builds.
  rmSync(path.join(REPO_ROOT, "policy", "dist"), { recursive: true, force: true });
  // The repository's .npmrc sets ignore-scripts (no dependency install scripts), which also skips
  // prepack; publishing overrides it the same way (docs/policies.md, "How the pack ships").
  await run("npm", ["pack", "--pack-destination", work], {
    cwd: path.join(REPO_ROOT, "policy"),
    env: { ...process.env, npm_config_ignore_scripts: "false" },
  });
  const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
  assert.ok(tarball, "npm pack wrote no tarball");
  const listing = (await run("tar", ["tzf", path.join(work, tarball)])).stdout.split("\n").filter(Boolean);
  assert.deepEqual(listing.sort(), [
    "package/PulumiPolicy.yaml",
    "package/dist/index.js",
    "package/main.js",
    "package/package.json",
  ]);

  const packDir = path.join(work, "installed");
  mkdirSync(packDir);
  await run("tar", ["xzf", path.join(work, tarball), "-C", packDir, "--strip-components=1"]);
  try {
    await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], {
      cwd: packDir,
      timeout: INSTALL_TIMEOUT_MS,
    });
  } catch (err) {
    // The registry may be unreachable on a developer machine; CI must have it.
    if (IN_CI) throw err;
    t.skip(`npm install of the packed pack failed (registry unreachable?): ${String(err)}`);
    return;
  }

  const engine = await startEngineStub();
  let pack: ServedPack | undefined;
  try {
    pack = await servePack(packDir, engine.address);
    const info = await analyzerInfo(pack.client);
    assert.equal(info.name, "failover-stacks");
    for (const c of await policyCases()) {
      const served = await expectSameAsOffline(
        pack,
        info.policies,
        asFirstPreview(c.resources),
        policyConfigFor(c.name),
      );
      if (c.name === "bad") assert.ok(served.length >= 16, "the bad fixture trips the packed pack");
    }
  } finally {
    pack?.stop();
    engine.stop();
  }
});
