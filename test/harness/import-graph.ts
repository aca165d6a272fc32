/**
 * The import graph of the repository's own sources, read with TypeScript's pre-processor (static
 * imports, `export ... from`, `import type`, dynamic `import()` and `require()`), and the layering
 * rules it must obey. Kept as plain functions of plain data so the rule checker is tested on small
 * synthetic graphs as well as on the real tree. Blind spot: only literal specifiers are seen; a
 * path computed at run time (`require(p)`, a file spawned by `path.join(...)`) is not an edge.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import ts from "typescript";

/** Edges from one repository-relative file (posix separators) to the files it imports. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

export const SOURCE_ROOTS = ["stacks", "components", "policy", "offline", "lab", "scripts", "bench", "test"];
const SOURCE_EXTENSIONS = [".ts", ".cts", ".mts", ".js", ".cjs", ".mjs"];
const SKIPPED_DIRS = new Set(["node_modules", "out", ".tools", "dist", "results", "baselines"]);
/** Sources laid out by their target paths, read only in the copy they are applied to. */
const SKIPPED_PATHS = new Set(["test/fixtures/new-system/files"]);
// Order matters: `./x` resolves to x.ts before x/index.ts, as Node's and tsx's resolution do.
const RESOLVE_SUFFIXES = [
  "",
  ".ts",
  ".cts",
  ".mts",
  ".d.cts",
  ".js",
  ".cjs",
  ".mjs",
  ".json",
  "/index.ts",
  "/index.js",
];

function listSources(repoRoot: string, dir: string, found: string[]): void {
  for (const entry of readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !SKIPPED_PATHS.has(rel)) listSources(repoRoot, rel, found);
    } else if (SOURCE_EXTENSIONS.some((ext) => entry.name.endsWith(ext))) {
      found.push(rel);
    }
  }
}

function resolveRelative(repoRoot: string, from: string, specifier: string): string | undefined {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  for (const suffix of RESOLVE_SUFFIXES) {
    const candidate = base + suffix;
    const absolute = path.join(repoRoot, candidate);
    if (existsSync(absolute) && statSync(absolute).isFile()) return candidate;
  }
  return undefined;
}

/** Relative specifiers that name no file: a moved file whose importer was missed. */
export interface UnresolvedImport {
  readonly file: string;
  readonly specifier: string;
}

export function readImportGraph(repoRoot: string): { graph: ImportGraph; unresolved: UnresolvedImport[] } {
  const files: string[] = [];
  for (const root of SOURCE_ROOTS)
    if (existsSync(path.join(repoRoot, root))) listSources(repoRoot, root, files);
  const graph = new Map<string, string[]>();
  const unresolved: UnresolvedImport[] = [];
  for (const file of files.sort()) {
    const info = ts.preProcessFile(readFileSync(path.join(repoRoot, file), "utf8"), true, true);
    const targets = new Set<string>();
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith(".")) continue; // a package, not our source
      const target = resolveRelative(repoRoot, file, fileName);
      if (target === undefined) unresolved.push({ file, specifier: fileName });
      else targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return { graph, unresolved };
}

/** A layering rule: files matching `from` must not import files matching `to`. */
export interface ForbiddenImport {
  readonly rule: string;
  readonly from: (file: string) => boolean;
  readonly to: (target: string, file: string) => boolean;
}

const under = (dir: string) => (file: string) => file.startsWith(`${dir}/`);
const underAny =
  (...dirs: string[]) =>
  (file: string) =>
    dirs.some((dir) => file.startsWith(`${dir}/`));
/** `components/<area>/...` -> `<area>`. */
const componentArea = (file: string): string | undefined => /^components\/([^/]+)\//.exec(file)?.[1];

export const LAYERING_RULES: readonly ForbiddenImport[] = [
  {
    rule: "components/ never imports the program, the tooling or the tests",
    from: under("components"),
    to: underAny("stacks", "test", "offline", "lab", "scripts", "bench", "policy"),
  },
  {
    rule: "a system's folder imports only itself and components/shared (one folder per system)",
    from: (file) => componentArea(file) !== undefined,
    to: (target, file) => {
      const area = componentArea(target);
      return area !== undefined && area !== "shared" && area !== componentArea(file);
    },
  },
  {
    rule: "stacks/ never imports the tooling or the tests",
    from: under("stacks"),
    to: underAny("test", "offline", "lab", "scripts", "bench", "policy"),
  },
  {
    rule: "product code and tooling never import test/",
    from: (file) => !file.startsWith("test/"),
    to: under("test"),
  },
  {
    rule: "the policy pack ships alone: it imports only itself and components/",
    from: under("policy"),
    to: (target) => !target.startsWith("policy/") && !target.startsWith("components/"),
  },
];

export interface LayeringViolation {
  readonly rule: string;
  readonly file: string;
  readonly target: string;
}

export function layeringViolations(
  graph: ImportGraph,
  rules: readonly ForbiddenImport[] = LAYERING_RULES,
): LayeringViolation[] {
  const violations: LayeringViolation[] = [];
  for (const [file, targets] of graph) {
    for (const rule of rules) {
      if (!rule.from(file)) continue;
      for (const target of targets) {
        if (rule.to(target, file)) violations.push({ rule: rule.rule, file, target });
      }
    }
  }
  return violations;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
export function importCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let next = 0;
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) === index.get(file)) {
      const members: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        members.push(member);
      } while (member !== file);
      if (members.length > 1 || (graph.get(file) ?? []).includes(file)) cycles.push(members.sort());
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return cycles;
}

/** The top-level module of a file: `components/shared`, `components/<area>` or its first folder. */
export function moduleOf(file: string): string {
  const [top, second] = file.split("/");
  if (top !== "components") return top;
  return second === "shared" ? "components/shared" : "components/<area>";
}

/** `A --> B` for every pair of distinct modules where a file of A imports a file of B. */
export function moduleEdges(graph: ImportGraph, leaveOut: readonly string[] = ["test"]): string[] {
  const edges = new Set<string>();
  for (const [file, targets] of graph) {
    const from = moduleOf(file);
    if (leaveOut.includes(from)) continue;
    for (const target of targets) {
      const to = moduleOf(target);
      if (to !== from) edges.add(`${from} --> ${to}`);
    }
  }
  return [...edges].sort();
}

/**
 * The edges of a Mermaid flowchart whose nodes are written `id["label/"]`: each label names a
 * module (`components/&lt;area&gt;/` for the systems' folders), each `-->` an import.
 */
export function diagramEdges(mermaid: string): string[] {
  const labels = new Map<string, string>();
  for (const [, id, label] of mermaid.matchAll(/(\w+)\["([^"]+)"\]/g)) {
    labels.set(id, label.replace("&lt;", "<").replace("&gt;", ">").replace(/\/$/, ""));
  }
  const edges = new Set<string>();
  for (const line of mermaid.split("\n")) {
    const ids = line
      .split("-->")
      .map((part) => /^\s*(\w+)/.exec(part)?.[1])
      .filter((id): id is string => id !== undefined);
    for (let i = 0; i + 1 < ids.length; i += 1) {
      edges.add(`${labels.get(ids[i]) ?? ids[i]} --> ${labels.get(ids[i + 1]) ?? ids[i + 1]}`);
    }
  }
  return [...edges].sort();
}
