/**
 * The components package as another team gets it: `npm pack` of components/, installed from the
 * tarball into an empty folder. From there:
 * - Pulumi's own plugin entry (`cmd/run-plugin`, as the nodejs language host starts a
 *   `runtime: nodejs` plugin) answers GetSchema; the answer must be the committed schema.json, and
 *   it must list every component and argument the TypeScript sources export, typed and documented;
 * - examples/components-consumer/ type-checks against the installed `.d.ts` and runs under mocks.
 * A real cross-language run (Python or YAML through the engine) is not done here: no Pulumi CLI.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, test } from "node:test";
import { installMocks } from "../../offline/mocks";
import { settle } from "../../offline/resolve";
import { REPO_ROOT } from "../../offline/stack-file";
import { COMPONENTS_DIR, packComponents } from "../../scripts/package/components";
import { schemaOf } from "../../scripts/package/plugin";
import { TYPESCRIPT_ONLY } from "../../components/plugin";
import { readComponentSurface } from "../harness/component-surface";
import { installTarball, peersOf, typecheck } from "../harness/package-install";

const PACKAGE = "@failover-stacks/failover";
const EXAMPLE = path.join(REPO_ROOT, "examples", "components-consumer");

let work = "";
let consumer = "";
let installed = "";
let served = "";

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "components-package-"));
  const tarball = packComponents(path.join(work, "pack"));
  consumer = path.join(work, "consumer");
  fs.cpSync(EXAMPLE, consumer, { recursive: true });
  installTarball(consumer, tarball, peersOf(path.join(COMPONENTS_DIR, "package.json")));
  installed = path.join(consumer, "node_modules", ...PACKAGE.split("/"));
  served = await schemaOf(installed);
});

after(() => fs.rmSync(work, { recursive: true, force: true }));

interface SchemaProperty {
  readonly type?: string;
  readonly $ref?: string;
  readonly description?: string;
}
interface SchemaResource {
  readonly isComponent?: boolean;
  readonly description?: string;
  readonly inputProperties?: Record<string, SchemaProperty>;
  readonly requiredInputs?: readonly string[];
  readonly properties?: Record<string, SchemaProperty>;
}
interface PackageSchema {
  readonly name: string;
  readonly version: string;
  readonly resources: Record<string, SchemaResource>;
  readonly types?: Record<string, { readonly description?: string }>;
}

test("the tarball holds the built package: JS, .d.ts, the sources the analyzer reads, the plugin manifest", () => {
  for (const file of ["dist/index.js", "dist/index.d.ts", "index.ts", "tsconfig.json", "schema.json"]) {
    assert.ok(fs.existsSync(path.join(installed, file)), `${file} in the installed package`);
  }
  assert.equal(fs.readFileSync(path.join(installed, "PulumiPlugin.yaml"), "utf8").trim(), "runtime: nodejs");
  for (const absent of ["stacks", "test", "offline"]) {
    assert.ok(!fs.existsSync(path.join(installed, absent)), `${absent}/ is not in the package`);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8")) as {
    peerDependencies: Record<string, string>;
  };
  assert.ok("@pulumi/pulumi" in manifest.peerDependencies, "the SDK is a peer: one copy per program");
});

test("GetSchema, served by Pulumi's run-plugin entry from the installed tarball, is the committed schema.json", () => {
  const committed = fs.readFileSync(path.join(COMPONENTS_DIR, "schema.json"), "utf8");
  assert.equal(served, committed, "components/schema.json is stale: run `npm run schema` and commit it");
});

test("every exported component and every argument and output is in the schema, typed and documented", () => {
  const schema = JSON.parse(served) as PackageSchema;
  assert.equal(schema.name, "failover", "the package name Pulumi derives from the npm name");
  const surfaces = readComponentSurface(COMPONENTS_DIR, "plugin.ts");
  assert.deepEqual(
    Object.keys(schema.resources).sort(),
    surfaces.map((s) => `failover:index:${s.name}`).sort(),
    "the schema serves exactly what plugin.ts exports",
  );
  const problems: string[] = [];
  const typed = (p: SchemaProperty | undefined) =>
    p !== undefined && (p.type !== undefined || p.$ref !== undefined);
  for (const surface of surfaces) {
    const token = `failover:index:${surface.name}`;
    const resource = schema.resources[token];
    if (!resource?.isComponent) {
      problems.push(`${token} missing`);
      continue;
    }
    if (!resource.description) problems.push(`${token} has no description`);
    for (const arg of surface.args) {
      const property = resource.inputProperties?.[arg.name];
      if (!typed(property)) problems.push(`${surface.name}Args.${arg.name} missing or untyped`);
      if (!property?.description) problems.push(`${surface.name}Args.${arg.name} undocumented`);
      if (!arg.doc) problems.push(`${surface.name}Args.${arg.name} has no JSDoc`);
      const required = (resource.requiredInputs ?? []).includes(arg.name);
      if (required === arg.optional) problems.push(`${surface.name}Args.${arg.name} required=${required}`);
    }
    for (const output of surface.outputs) {
      const property = resource.properties?.[output.name];
      if (!typed(property)) problems.push(`${surface.name}.${output.name} output missing or untyped`);
      if (!property?.description) problems.push(`${surface.name}.${output.name} output undocumented`);
    }
  }
  // A `pulumi.Resource` argument "passes" the analyzer as a bogus object type: none may exist.
  for (const token of Object.keys(schema.types ?? {})) {
    if (/:(Resource|CustomResource|ComponentResource|ProviderResource)$/.test(token)) {
      problems.push(`${token}: a resource passed as data; take an input or opts instead`);
    }
  }
  assert.deepEqual(problems, []);
});

test("the plugin serves every component but the named TypeScript-only ones, each with its reason", () => {
  const all = readComponentSurface(COMPONENTS_DIR).map((s) => s.name);
  const served = readComponentSurface(COMPONENTS_DIR, "plugin.ts").map((s) => s.name);
  assert.ok(all.length >= 19, `found ${all.length} components in components/index.ts`);
  const notServed = all.filter((name) => !served.includes(name));
  assert.deepEqual(notServed.sort(), Object.keys(TYPESCRIPT_ONLY).sort());
  for (const reason of Object.values(TYPESCRIPT_ONLY)) assert.ok(reason.length > 20);
});

test("a TypeScript program uses the components from the tarball, type-checked and run under mocks", async () => {
  typecheck(consumer);
  const entry = require.resolve(PACKAGE, { paths: [consumer] });
  assert.ok(entry.startsWith(path.join(consumer, "node_modules")), `${PACKAGE} resolved to ${entry}`);
  const recorder = await installMocks({ stack: "consumer" });
  // The compiled program, loading the package from the consumer's node_modules.
  const program = createRequire(__filename)(path.join(consumer, "bin", "index.js")) as Record<
    string,
    unknown
  >;
  await settle();
  assert.deepEqual(Object.keys(program).sort(), [
    "apiAddress",
    "apiServiceName",
    "networkId",
    "subnetId",
    "vipAddress",
  ]);
  assert.equal(recorder.ofType("failover:openstack:ClusterNetwork").length, 1);
  assert.equal(recorder.ofType("failover:kubernetes:InternalLoadBalancer").length, 1);
  const ports = recorder.ofType("openstack:networking/port:Port");
  assert.equal(ports.length, 1, "the VIP's reserved port");
  const fixedIps = ports[0]?.inputs.fixedIps as { ipAddress?: string }[] | undefined;
  assert.equal(fixedIps?.[0]?.ipAddress, "192.0.2.10", "the address the consumer chose");
  const service = recorder.ofType("kubernetes:core/v1:Service");
  assert.equal(service.length, 1, "the internal LB's Service");
  const metadata = service[0]?.inputs.metadata as { namespace?: string } | undefined;
  assert.equal(metadata?.namespace, "edge");
  assert.match(
    service[0]?.provider ?? "",
    /pulumi:providers:kubernetes::edge(::|$)/,
    "the provider from opts",
  );
});
