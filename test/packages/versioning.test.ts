/**
 * Semantic versions, derived rather than remembered: the bump each package needs is computed from
 * the diff between its last release (releases/<id>.json) and the current surface (the contract's
 * key schemas; the components' committed schema.json), and the package.json version must cover it.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { CONTRACT_VERSION } from "../../stacks/contract";
import {
  changelogHas,
  changesSinceRelease,
  lastRelease,
  PACKAGES,
  versionOf,
} from "../../scripts/package/releases";
import {
  bumpBetween,
  bumpSuffices,
  contractChanges,
  highest,
  parseVersion,
  schemaChanges,
  type Change,
} from "../../scripts/package/semver-bump";

for (const pkg of PACKAGES) {
  test(`${pkg.name}: its version covers every change since its last release, with a CHANGELOG entry`, () => {
    const release = lastRelease(pkg);
    const version = versionOf(pkg);
    const changes = changesSinceRelease(pkg);
    const required = highest(changes);
    const list = changes.map((c) => `  ${c.bump}: ${c.what}`).join("\n");
    assert.ok(
      bumpSuffices(required, release.version, version),
      `${pkg.name} ${release.version} -> ${version} does not cover a ${required} change; raise "version" in ${pkg.manifest}:\n${list}`,
    );
    assert.ok(changelogHas(pkg.name, version), `CHANGELOG.md needs "## ${pkg.name} ${version}"`);
  });
}

test("the contract package's major version is CONTRACT_VERSION, the integer the stacks export", () => {
  const contract = PACKAGES.find((p) => p.id === "contract");
  assert.ok(contract);
  assert.equal(parseVersion(versionOf(contract)).major, CONTRACT_VERSION);
});

const bumps = (changes: readonly Change[]) => changes.map((c) => `${c.bump} ${c.what}`);
const str = { type: "string" };

test("contract: a removed or narrowed key is major, a new key or field minor, a new description patch", () => {
  const before = {
    contractVersion: 1,
    keys: { vip: str, pair: { type: "object", properties: { a: str }, required: ["a"] }, gone: str },
  };
  const after = {
    contractVersion: 1,
    keys: {
      vip: { ...str, description: "the VIP" },
      pair: { type: "object", properties: { a: { type: "number" }, b: str }, required: ["a"] },
      added: str,
    },
  };
  assert.deepEqual(bumps(contractChanges(before, after)), [
    "minor output key added added",
    "major output key gone removed",
    "major output key pair retyped ($.a.type changed)",
    "patch output key vip redocumented",
  ]);
  const widened = {
    contractVersion: 1,
    keys: { ...before.keys, pair: { ...before.keys.pair, properties: { a: str, c: str } } },
  };
  assert.equal(highest(contractChanges(before, widened)), "minor");
  assert.equal(highest(contractChanges(before, before)), "none");
});

const component = (
  inputs: Record<string, unknown>,
  required: string[],
  outputs: Record<string, unknown> = {},
) => ({
  name: "failover",
  version: "0.1.0",
  resources: {
    "failover:index:Vip": {
      isComponent: true,
      inputProperties: inputs,
      requiredInputs: required,
      properties: outputs,
      required: Object.keys(outputs),
    },
  },
  types: { "failover:index:Timing": { type: "string", enum: [{ value: "fast" }, { value: "tight" }] } },
});

test("components: removed, retyped or newly required arguments are major; optional ones minor", () => {
  const base = component({ vip: str, count: { type: "number" } }, ["vip"], { address: str });
  const cases: [string, object, string][] = [
    ["argument removed", component({ vip: str }, ["vip"], { address: str }), "major"],
    [
      "argument retyped",
      component({ vip: { type: "number" }, count: { type: "number" } }, ["vip"], { address: str }),
      "major",
    ],
    [
      "optional argument made required",
      component({ vip: str, count: { type: "number" } }, ["vip", "count"], { address: str }),
      "major",
    ],
    [
      "required argument added",
      component({ vip: str, count: { type: "number" }, x: str }, ["vip", "x"], { address: str }),
      "major",
    ],
    [
      "optional argument added",
      component({ vip: str, count: { type: "number" }, x: str }, ["vip"], { address: str }),
      "minor",
    ],
    [
      "output added",
      component({ vip: str, count: { type: "number" } }, ["vip"], { address: str, port: str }),
      "minor",
    ],
    ["output removed", component({ vip: str, count: { type: "number" } }, ["vip"], {}), "major"],
    [
      "argument redocumented",
      component({ vip: { ...str, description: "x" }, count: { type: "number" } }, ["vip"], { address: str }),
      "patch",
    ],
    ["version only", { ...base, version: "0.2.0" }, "none"],
  ];
  for (const [what, after, expected] of cases) {
    assert.equal(highest(schemaChanges(base, after as never)), expected, what);
  }
  const noVip = { ...base, resources: {} };
  assert.deepEqual(bumps(schemaChanges(base, noVip)), ["major component failover:index:Vip removed"]);
  const lostTight = {
    ...base,
    types: { "failover:index:Timing": { type: "string", enum: [{ value: "fast" }] } },
  };
  assert.equal(highest(schemaChanges(base, lostTight)), "major");
  assert.equal(highest(schemaChanges(lostTight, base)), "minor");
});

test("components: on the real schema, dropping any argument is major and adding an optional one minor", () => {
  const components = PACKAGES.find((p) => p.id === "components");
  assert.ok(components);
  const schema = components.surface() as ReturnType<typeof component>;
  for (const [token, resource] of Object.entries(schema.resources)) {
    const [first] = Object.keys(resource.inputProperties);
    if (first === undefined) continue;
    const rest = Object.fromEntries(Object.entries(resource.inputProperties).filter(([k]) => k !== first));
    const dropped = {
      ...schema,
      resources: { ...schema.resources, [token]: { ...resource, inputProperties: rest } },
    };
    assert.equal(highest(schemaChanges(schema, dropped)), "major", `${token}.${first} dropped`);
    const extra = { ...resource, inputProperties: { ...resource.inputProperties, zzNew: str } };
    const added = { ...schema, resources: { ...schema.resources, [token]: extra } };
    assert.equal(highest(schemaChanges(schema, added)), "minor", `${token}.zzNew added`);
  }
});

test("versions: the bump between two versions; below 1.0.0 the minor digit is the breaking one", () => {
  assert.equal(bumpBetween("1.0.0", "2.0.0"), "major");
  assert.equal(bumpBetween("1.0.0", "1.1.0"), "minor");
  assert.equal(bumpBetween("1.0.0", "1.0.1"), "patch");
  assert.equal(bumpBetween("1.2.0", "1.1.9"), "downgrade");
  assert.equal(bumpBetween("0.1.0", "0.2.0"), "major");
  assert.equal(bumpBetween("0.1.0", "0.1.1"), "minor");
  assert.ok(bumpSuffices("minor", "1.0.0", "2.0.0"));
  assert.ok(!bumpSuffices("major", "1.0.0", "1.5.0"));
  assert.ok(!bumpSuffices("patch", "1.0.0", "1.0.0"));
  assert.ok(bumpSuffices("none", "1.0.0", "1.0.0"));
  assert.throws(() => parseVersion("1.0"), /not a release version/);
});
