/** The pure review pieces on hand-made synth trees: paths, replacements, loud warnings, contract. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { narrowing } from "../../scripts/review/contract-diff";
import { diffStack } from "../../scripts/review/diff";
import { changedPaths } from "../../scripts/review/paths";
import { MARKER, MAX_CHARS, renderReport } from "../../scripts/review/report";
import type { ResourceRow, SynthTree } from "../../scripts/review/tree";
import { loudWarnings } from "../../scripts/review/warnings";

const URN = "urn:pulumi:dev::failover-stacks::";
const pool = `${URN}failover:digitalocean:NatGatewayPool::dev-egress`;
const droplet = (name: string, userData: string, extra: Partial<ResourceRow> = {}): ResourceRow => ({
  type: "digitalocean:index/droplet:Droplet",
  name,
  urn: `${URN}failover:digitalocean:NatGatewayPool$digitalocean:index/droplet:Droplet::${name}`,
  parent: pool,
  options: { replaceOnChanges: [] },
  inputs: {
    size: "s-1vcpu-1gb",
    userData: { artifact: `artifacts/instances/${name}/user-data`, sha256: userData },
  },
  ...extra,
});
const tree = (resources: ResourceRow[], exports: Record<string, unknown> = {}): SynthTree => ({
  resources,
  exports,
  rules: [],
  rulesListed: true,
  files: new Map(),
});
const noDiff = (): string => "";

test("changedPaths names leaves, quotes odd keys, treats an artifact reference as one value", () => {
  assert.deepEqual(
    changedPaths(
      { a: { "b.c": 1, d: [1, 2] }, ref: { artifact: "x", sha256: "1" } },
      { a: { "b.c": 2, d: [1, 3] }, ref: { artifact: "x", sha256: "2" } },
    ),
    [
      { path: 'a["b.c"]', before: 1, after: 2 },
      { path: "a.d[1]", before: 2, after: 3 },
      { path: "ref", before: { artifact: "x", sha256: "1" }, after: { artifact: "x", sha256: "2" } },
    ],
  );
  assert.deepEqual(changedPaths({ l: [1] }, { l: [1, 2] }), [{ path: "l", before: [1], after: [1, 2] }]);
});

test("replacing every droplet of a NAT pool is a loud warning; replacing one, or resizing all, is not", () => {
  const base = tree([droplet("gw-1", "a"), droplet("gw-2", "b")]);
  const all = diffStack("dev", base, tree([droplet("gw-1", "c"), droplet("gw-2", "d")]), noDiff);
  assert.deepEqual(
    all.changed.map((c) => c.replacedBy.map((r) => r.path)),
    [["userData"], ["userData"]],
  );
  const warnings = loudWarnings(all, tree([droplet("gw-1", "c"), droplet("gw-2", "d")]).resources);
  assert.deepEqual(
    warnings.map((w) => w.kind),
    ["nat-gateways"],
  );
  assert.match(
    warnings[0].message,
    /EVERY NAT gateway of pool `dev-egress` \(`gw-1`, `gw-2`; changed: `userData`\)/,
  );

  const one = tree([droplet("gw-1", "c"), droplet("gw-2", "b")]);
  assert.deepEqual(loudWarnings(diffStack("dev", base, one, noDiff), one.resources), []);
  const resized = tree(
    [droplet("gw-1", "a"), droplet("gw-2", "b")].map((d) => ({
      ...d,
      inputs: { ...d.inputs, size: "s-2vcpu-2gb" },
    })),
  );
  const update = diffStack("dev", base, resized, noDiff);
  assert.equal(update.changed.length, 2);
  assert.ok(
    update.changed.every((c) => c.replacedBy.length === 0),
    "a resize updates in place",
  );
  assert.deepEqual(loudWarnings(update, resized.resources), []);
});

test("a resource's own replaceOnChanges option counts as a replacement, with that as the source", () => {
  const withOption = (size: string) =>
    tree([droplet("gw-1", "a", { options: { replaceOnChanges: ["size"] }, inputs: { size } })]);
  const diff = diffStack("dev", withOption("s-1"), withOption("s-2"), noDiff);
  assert.match(diff.changed[0].replacedBy[0].source, /replaceOnChanges option/);
});

test("a removed export needs a CONTRACT_VERSION bump unless the version moved; an added one is compatible", () => {
  const keys = { a: { type: "string" }, b: { type: "number" } };
  const side = (exports: Record<string, unknown>, version: number): SynthTree => ({
    ...tree([], exports),
    contract: { contractVersion: version, keys },
  });
  const removed = diffStack("dev", side({ a: "x", b: 1 }, 1), side({ a: "x" }, 1), noDiff).contract;
  assert.deepEqual(
    removed.changes.map((c) => [c.key, c.change, c.breaking]),
    [["b", "removed", true]],
  );
  assert.equal(removed.needsBump, true);
  assert.equal(
    diffStack("dev", side({ a: "x", b: 1 }, 1), side({ a: "x" }, 2), noDiff).contract.needsBump,
    false,
  );
  const added = diffStack("dev", side({ a: "x" }, 1), side({ a: "x", b: 1 }, 1), noDiff).contract;
  assert.deepEqual(
    added.changes.map((c) => [c.key, c.breaking]),
    [["b", false]],
  );
  assert.equal(added.needsBump, false);
});

test("narrowing: a new object field is compatible, a removed or retyped one is not", () => {
  const obj = (props: Record<string, unknown>) => ({
    type: "object",
    properties: props,
    required: Object.keys(props),
  });
  assert.equal(
    narrowing(obj({ a: { type: "string" } }), obj({ a: { type: "string" }, b: { type: "string" } })),
    undefined,
  );
  assert.equal(
    narrowing(obj({ a: { type: "string" }, b: { type: "string" } }), obj({ a: { type: "string" } })),
    "$.b removed",
  );
  assert.equal(narrowing(obj({ a: { type: "string" } }), obj({ a: { type: "number" } })), "$.a.type changed");
  assert.equal(narrowing({ type: "array", items: { type: "string" } }, { type: "string" }), "$[] changed");
});

test("the report starts with the marker, puts synth failures first and drops file diffs past the size limit", () => {
  const files = (content: string): SynthTree => ({
    ...tree([]),
    files: new Map([["artifacts/big", content]]),
  });
  const big = diffStack(
    "dev",
    files("a\n"),
    files("b\n"),
    () => `--- a/big\n+++ b/big\n${`+${"x".repeat(1000)}\n`.repeat(100)}`,
  );
  const input = {
    base: "main",
    head: "HEAD",
    stacks: Array.from({ length: 2 }, (_, i) => ({ ...big, stack: `s${i}` })),
    warnings: [],
    failures: [{ stack: "prod", ref: "HEAD", message: "Invalid stack configuration" }],
  };
  const report = renderReport(input);
  assert.equal(report.split("\n")[0], MARKER);
  assert.ok(report.indexOf("synth failed: Invalid stack configuration") < report.indexOf("| stack |"));
  assert.ok(report.length <= MAX_CHARS, "fits in one comment");
  assert.match(report, /file diffs left out/);
  assert.match(report, /- `artifacts\/big` \(changed\)/, "the changed files are still named");
  const short = diffStack(
    "dev",
    files("a\n"),
    files("b\n"),
    () => "--- a/big\n+++ b/big\n@@ -1 +1 @@\n-a\n+b\n",
  );
  const small = renderReport({ ...input, stacks: [short], failures: [] });
  assert.match(small, /```diff\n--- a\/big/);
  assert.doesNotMatch(small, /file diffs left out/);
});
