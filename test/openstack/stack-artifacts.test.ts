/**
 * The user-data the stacks actually pass to the LB instances (not just renderer fixtures) passes
 * `cloud-init schema`, and the haproxy.cfg inside it passes `haproxy -c`.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { parse } from "yaml";
import { evaluateStack } from "../../offline/evaluate";
import { need } from "../harness/tools";

const run = promisify(execFile);

async function check(command: string, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run(command, args, { timeout: 60_000 });
    return `${stdout}${stderr}`;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; code?: number };
    assert.fail(
      `${command} ${args.join(" ")} failed (${String(e.code)}):\n${e.stdout ?? ""}${e.stderr ?? ""}`,
    );
  }
}

for (const stack of ["dev", "prod"]) {
  test(`${stack}: every LB's user-data passes cloud-init schema and its haproxy.cfg passes haproxy -c`, async (t) => {
    if (!need(t, { commands: ["cloud-init", "haproxy"] })) return;
    const { recorder } = await evaluateStack(stack);
    const lbs = recorder
      .ofType("openstack:compute/instance:Instance")
      .filter((i) => i.name.includes("-api-lb-"));
    assert.equal(lbs.length, 2);
    const dir = mkdtempSync(path.join(tmpdir(), "fs-openstack-stack-"));
    try {
      for (const lb of lbs) {
        const userData = lb.inputs.userData as string;
        const file = path.join(dir, `${lb.name}.user-data`);
        writeFileSync(file, userData);
        const schema = await check("cloud-init", ["schema", "--config-file", file]);
        assert.doesNotMatch(schema, /deprecat|error/i, schema);
        const doc = parse(userData) as { write_files: Array<{ path: string; content: string }> };
        const cfg = doc.write_files.find((f) => f.path === "/etc/haproxy/haproxy.cfg");
        assert.ok(cfg, `${lb.name} writes no haproxy.cfg`);
        const cfgFile = path.join(dir, `${lb.name}.haproxy.cfg`);
        writeFileSync(cfgFile, cfg.content);
        const haproxy = await check("haproxy", ["-c", "-f", cfgFile]);
        assert.doesNotMatch(haproxy, /\[WARNING\]|\[ALERT\]/, haproxy);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
