/**
 * The contract package as another team gets it: `npm pack` of packages/contract, installed from the
 * tarball into an empty folder with examples/consumer/. The program is type-checked against the
 * installed `.d.ts` and run under Pulumi's mocks, its StackReference answered with the outputs the
 * prod stack's synth exports (out/prod/exports.json). A real StackReference against a Pulumi
 * backend is not read here: there is no Pulumi CLI or backend.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, test } from "node:test";
import type * as pulumi from "@pulumi/pulumi";
import { registerCloudAssigned } from "../../offline/cloud-assigned";
import { installMocks } from "../../offline/mocks";
import { resolveDetailed } from "../../offline/resolve";
import { REPO_ROOT } from "../../offline/stack-file";
import { CONTRACT_DIR, packContract } from "../../scripts/package/contract";
import { installTarball, peersOf, typecheck } from "../harness/package-install";

const PACKAGE = "@failover-stacks/contract";

let work = "";
let consumer = "";
let prodExports: Record<string, unknown> = {};

/** What the referenced stack "has"; each test sets it before the program reads it. */
let answer: { outputs: Record<string, unknown>; secretOutputNames: string[] } = {
  outputs: {},
  secretOutputNames: [],
};
registerCloudAssigned("pulumi:pulumi:StackReference", () => answer);

before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "contract-consumer-"));
  const tarball = packContract(path.join(work, "pack"));
  consumer = path.join(work, "consumer");
  fs.cpSync(path.join(REPO_ROOT, "examples", "consumer"), consumer, { recursive: true });
  installTarball(consumer, tarball, peersOf(path.join(CONTRACT_DIR, "package.json")));
  typecheck(consumer);
  const out = path.join(work, "prod");
  execFileSync(process.execPath, ["scripts/pulumi-node.cjs", "scripts/synth.ts", "prod", "--out", out], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  prodExports = JSON.parse(fs.readFileSync(path.join(out, "exports.json"), "utf8")) as Record<
    string,
    unknown
  >;
});

after(() => fs.rmSync(work, { recursive: true, force: true }));

interface ContractModule {
  contractVersion: number;
}

/** The package as the consumer's node_modules has it, never the source under stacks/. */
function installedPackage(): ContractModule {
  const load = createRequire(path.join(consumer, "index.js"));
  const entry = load.resolve(PACKAGE);
  assert.ok(entry.startsWith(path.join(consumer, "node_modules")), `${PACKAGE} resolved to ${entry}`);
  return load(PACKAGE) as ContractModule;
}

test("the example program reads the prod outputs typed; a secret output stays secret, a plain one plain", async () => {
  // The prod synth exports no secret; the referenced stack here marks apiEndpoint secret, as a
  // stack that exports it with pulumi.secret() would.
  answer = { outputs: prodExports, secretOutputNames: ["apiEndpoint"] };
  await installMocks({ stack: "partner" });
  const program = createRequire(__filename)(path.join(consumer, "bin", "index.js")) as Record<
    string,
    pulumi.Output<unknown>
  >;
  const egress = await resolveDetailed(program.egressIps);
  assert.deepEqual(egress.value, prodExports.egressIps);
  assert.equal(egress.isSecret, false, "a plain output must not become secret");
  const api = await resolveDetailed(program.apiEndpoint);
  assert.equal(api.value, prodExports.apiEndpoint);
  assert.equal(api.isSecret, true, "a secret output stays secret");
  const gateways = prodExports.gateways as { name: string }[];
  assert.deepEqual(
    (await resolveDetailed(program.gatewayNames)).value,
    gateways.map((g) => g.name),
  );
  assert.equal(installedPackage().contractVersion, 1);
});

/**
 * Runs the example program in its own process under Pulumi's mocks with the given StackReference
 * answer, the way a failing program ends: the SDK rejects the read, and the process reports the
 * first unhandled rejection (what `pulumi up` would print) and exits 3.
 */
function runProgram(outputs: Record<string, unknown>): { code: number | null; stderr: string } {
  const runner = path.join(consumer, "run-under-mocks.cjs");
  fs.writeFileSync(
    runner,
    `const pulumi = require("@pulumi/pulumi");
const answer = JSON.parse(process.env.STACK_ANSWER);
process.on("unhandledRejection", (err) => { console.error(err && err.message); process.exit(3); });
pulumi.runtime.setMocks({
  newResource: (args) => args.type === "pulumi:pulumi:StackReference"
    ? { id: args.name, state: { outputs: answer, secretOutputNames: [] } }
    : { id: args.name + "-id", state: args.inputs },
  call: () => ({}),
}, "partner", "partner", false); // an update, not a preview: values are known
require("./bin/index.js");
`,
  );
  try {
    execFileSync(process.execPath, [runner], {
      cwd: consumer,
      env: { ...process.env, STACK_ANSWER: JSON.stringify(outputs) },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 60_000,
    });
    return { code: 0, stderr: "" };
  } catch (err) {
    const e = err as { status: number | null; stderr?: Buffer };
    return { code: e.status, stderr: e.stderr?.toString() ?? "" };
  }
}

test("a key the referenced stack does not export fails the program with a clear error naming key, stack and fix", () => {
  const rest = Object.fromEntries(Object.entries(prodExports).filter(([key]) => key !== "egressIps"));
  const run = runProgram(rest);
  assert.equal(run.code, 3, run.stderr);
  assert.match(
    run.stderr,
    /stack output egressIps of acme\/failover-stacks\/prod: is missing from the referenced stack .*enable that system/,
  );
});

test("a stack on another contract major fails the program with the versions and where to read what changed", () => {
  const run = runProgram({ ...prodExports, contractVersion: 2 });
  assert.equal(run.code, 3, run.stderr);
  assert.match(
    run.stderr,
    /contractVersion of acme\/failover-stacks\/prod: is 2, this consumer expects 1 .*CHANGELOG.*install @failover-stacks\/contract@2/,
  );
});

test("the same prod outputs run the program to the end (the two failures above are the answers' doing)", () => {
  const run = runProgram(prodExports);
  assert.equal(run.code, 0, run.stderr);
});

test("the tarball is the compiled contract only: no provider SDK, @pulumi/pulumi its only peer", () => {
  const root = path.join(consumer, "node_modules", ...PACKAGE.split("/"));
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    peerDependencies: Record<string, string>;
    dependencies: Record<string, string>;
  };
  assert.deepEqual(Object.keys(manifest.peerDependencies), ["@pulumi/pulumi"]);
  assert.deepEqual(Object.keys(manifest.dependencies), ["zod"]);
  const files = fs.readdirSync(root, { recursive: true }).map(String);
  const code = files.filter((f) => f.endsWith(".js") || f.endsWith(".d.ts"));
  for (const file of code) {
    const text = fs.readFileSync(path.join(root, file), "utf8");
    assert.doesNotMatch(
      text,
      /@pulumi\/(openstack|digitalocean|gcp|kubernetes|random)|["']\.\/systems["']/,
      file,
    );
  }
  assert.ok(files.includes("CHANGELOG.md") && files.includes("README.md"));
});
