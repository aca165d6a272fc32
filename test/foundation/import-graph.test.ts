/**
 * The layering the README and docs/architecture.md describe, enforced on the real import graph:
 * components/ never imports the program, tooling or tests; no product code or tooling imports test/;
 * each system stays in its folder; and no file imports itself through a cycle.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import {
  diagramEdges,
  importCycles,
  layeringViolations,
  moduleEdges,
  readImportGraph,
  type ImportGraph,
} from "../harness/import-graph";
import { REPO_ROOT } from "../../offline/stack-file";

const graphOf = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));
const format = (violations: ReturnType<typeof layeringViolations>) =>
  violations.map((v) => `${v.file} -> ${v.target} (${v.rule})`).join("\n");

describe("import graph of the sources", () => {
  const { graph, unresolved } = readImportGraph(REPO_ROOT);

  it("reads the whole tree, and every relative import names a file", () => {
    assert.ok(graph.has("stacks/index.ts"), "stacks/index.ts was not read");
    assert.ok(graph.size > 100, `only ${graph.size} source files were read`);
    assert.deepEqual(unresolved, [], "relative imports that resolve to no file");
  });

  it("obeys every layering rule", () => {
    const violations = layeringViolations(graph);
    assert.equal(violations.length, 0, `layering violations:\n${format(violations)}`);
  });

  it("has no import cycles", () => {
    assert.deepEqual(importCycles(graph), []);
  });

  it("matches docs/architecture.md's module diagram edge for edge", () => {
    const doc = readFileSync(path.join(REPO_ROOT, "docs", "architecture.md"), "utf8");
    const section = doc.split("## Module dependencies")[1]?.split("\n## ")[0] ?? "";
    const mermaid = /```mermaid\n([\s\S]*?)```/.exec(section)?.[1];
    assert.ok(mermaid, "docs/architecture.md has no Mermaid diagram under '## Module dependencies'");
    assert.deepEqual(diagramEdges(mermaid), moduleEdges(graph));
  });
});

describe("module edges and the diagram reader", () => {
  it("collapses files to modules, leaves test/ out, and reads chained and labelled edges", () => {
    const graph = graphOf({
      "bench/a.ts": ["lab/b.ts", "components/openstack/x.ts"],
      "components/openstack/x.ts": ["components/shared/ip.ts", "components/openstack/y.ts"],
      "test/t.test.ts": ["stacks/index.ts"],
    });
    assert.deepEqual(moduleEdges(graph), [
      "bench --> components/<area>",
      "bench --> lab",
      "components/<area> --> components/shared",
    ]);
    const mermaid =
      'flowchart TD\n  b["bench/"] --> l["lab/"]\n  b --> a["components/&lt;area&gt;/"] --> s["components/shared/"]\n';
    assert.deepEqual(diagramEdges(mermaid), moduleEdges(graph));
  });
});

describe("the rule checker on synthetic graphs (so the tree test can fail)", () => {
  it("finds components -> stacks, components -> another system, tooling -> test", () => {
    const violations = layeringViolations(
      graphOf({
        "components/openstack/system.ts": ["stacks/system.ts", "components/shared/ip.ts"],
        "components/digitalocean/plan.ts": ["components/kubernetes/egress-routes.ts"],
        "components/shared/ip.ts": [],
        "scripts/synth/run.ts": ["test/harness/evaluate.ts", "offline/evaluate.ts"],
        "bench/suites/egress.ts": ["lab/digitalocean/run.ts"],
        "policy/rules/a.ts": ["stacks/contract.ts", "components/shared/ip.ts"],
        "test/x.test.ts": ["stacks/index.ts", "offline/evaluate.ts"],
      }),
    );
    assert.deepEqual(violations.map((v) => `${v.file} -> ${v.target}`).sort(), [
      "components/digitalocean/plan.ts -> components/kubernetes/egress-routes.ts",
      "components/openstack/system.ts -> stacks/system.ts",
      "policy/rules/a.ts -> stacks/contract.ts",
      "scripts/synth/run.ts -> test/harness/evaluate.ts",
    ]);
  });

  it("finds a cycle through three files and a self-import, and none in a DAG", () => {
    assert.deepEqual(importCycles(graphOf({ a: ["b"], b: ["c"], c: ["a"], d: ["d"], e: ["a"] })), [
      ["a", "b", "c"],
      ["d"],
    ]);
    assert.deepEqual(importCycles(graphOf({ a: ["b", "c"], b: ["c"], c: [] })), []);
  });
});
